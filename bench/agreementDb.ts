/**
 * Writes an agreement workload (agreementData.ts) into a project: its
 * annotators as accounts, every article (with its tokens, as the article
 * write path stores them) assigned and submitted, every span.
 */
import type Database from 'better-sqlite3';
import type { AgreementInput } from '@mbw/shared';
import type { Db } from '../server/src/db/client.js';
import { annotations, articles, assignments, users } from '../server/src/db/schema.js';
import { tokensColumn } from '../server/src/services/articleTokens.js';

export function insertAgreementWorkload(db: Db, sqlite: Database.Database, projectId: number, input: AgreementInput): void {
  const now = new Date().toISOString();
  const ids = new Map<string, number>();
  sqlite.transaction(() => {
    for (const a of input.articles) {
      for (const name of a.annotators)
        if (!ids.has(name)) ids.set(name, db.insert(users).values({ username: name, displayName: name, role: 'annotator', passwordHash: 'x' }).returning().get().id);
      const articleId = db.insert(articles).values({ projectId, title: a.title!, text: a.text, textHash: `w${projectId}-${a.id}`, length: a.text.length, tokens: tokensColumn(a.text) }).returning().get().id;
      for (const name of a.annotators) db.insert(assignments).values({ articleId, annotatorId: ids.get(name)!, status: 'submitted', submittedAt: now }).run();
      for (const s of a.spans)
        db.insert(annotations)
          .values({ id: `w${projectId}-${s.id}`, articleId, annotatorId: ids.get(s.annotator)!, labelKey: s.label, start: s.start, end: s.end, quote: a.text.slice(s.start, s.end), attributes: s.attributes as Record<string, string>, createdAt: now, updatedAt: now })
          .run();
    }
  })();
}
