/**
 * Writes an agreement workload (agreementData.ts) into a project: its
 * annotators as accounts, every article (with its tokens, as the article
 * write path stores them) assigned and submitted, every span.
 */
import type Database from 'better-sqlite3';
import type { AgreementInput } from '@mbw/shared';
import type { Db } from '../server/src/db/client.js';
import { annotations, articles, assignments, users } from '../server/src/db/schema.js';
import * as t from '../server/src/db/tables.js';
import { transaction } from '../server/src/db/tx.js';
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

/** Rows a multi-row INSERT takes at once (SQLite binds at most 32,766 values, PostgreSQL 65,535). */
const CHUNK = 1000;

/**
 * The same workload on either engine (awaited drizzle on the tables of db/tables.ts, many rows a statement, in one
 * transaction): for the API tests, which run on SQLite and on PostgreSQL.
 */
export async function insertAgreementWorkloadOnEngine(db: Db, projectId: number, input: AgreementInput): Promise<void> {
  const now = new Date().toISOString();
  await transaction(db, async (tx) => {
    const names = [...new Set(input.articles.flatMap((a) => a.annotators))];
    const made = await tx.insert(t.users).values(names.map((name) => ({ username: name, displayName: name, role: 'annotator' as const, passwordHash: 'x' }))).returning({ id: t.users.id, username: t.users.username });
    const ids = new Map(made.map((u) => [u.username, u.id]));
    const work: Array<typeof t.assignments.$inferInsert> = [];
    const spans: Array<typeof t.annotations.$inferInsert> = [];
    for (let i = 0; i < input.articles.length; i += CHUNK) {
      const batch = input.articles.slice(i, i + CHUNK);
      const rows = await tx
        .insert(t.articles)
        .values(batch.map((a) => ({ projectId, title: a.title!, text: a.text, textHash: `w${projectId}-${a.id}`, length: a.text.length, tokens: tokensColumn(a.text) })))
        .returning({ id: t.articles.id, textHash: t.articles.textHash });
      const idOf = new Map(rows.map((r) => [r.textHash, r.id]));
      for (const a of batch) {
        const articleId = idOf.get(`w${projectId}-${a.id}`)!;
        for (const name of a.annotators) work.push({ articleId, annotatorId: ids.get(name)!, status: 'submitted', submittedAt: now });
        for (const s of a.spans)
          spans.push({ id: `w${projectId}-${s.id}`, articleId, annotatorId: ids.get(s.annotator)!, labelKey: s.label, start: s.start, end: s.end, quote: a.text.slice(s.start, s.end), attributes: s.attributes as Record<string, string>, createdAt: now, updatedAt: now });
      }
    }
    for (let i = 0; i < work.length; i += CHUNK) await tx.insert(t.assignments).values(work.slice(i, i + CHUNK));
    for (let i = 0; i < spans.length; i += CHUNK) await tx.insert(t.annotations).values(spans.slice(i, i + CHUNK));
  });
}
