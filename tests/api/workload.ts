/**
 * bench/agreementDb.ts's insertAgreementWorkload on either engine (awaited
 * drizzle on the tables of db/tables.ts, in one transaction): the workload's
 * annotators as accounts, every article (with its tokens) assigned and
 * submitted, every span. Its article ids, in the workload's order.
 */
import type { AgreementInput } from '@mbw/shared';
import type { Db } from '../../server/src/db/client.js';
import { annotations, articles, assignments, users } from '../../server/src/db/tables.js';
import { transaction } from '../../server/src/db/tx.js';
import { tokensColumn } from '../../server/src/services/articleTokens.js';

const BATCH = 400;

export async function insertWorkload(db: Db, projectId: number, input: AgreementInput): Promise<number[]> {
  const now = new Date().toISOString();
  return transaction(db, async (tx) => {
    const ids = new Map<string, number>();
    for (const name of new Set(input.articles.flatMap((a) => a.annotators)))
      ids.set(name, (await tx.insert(users).values({ username: name, displayName: name, role: 'annotator', passwordHash: 'x' }).returning({ id: users.id }))[0]!.id);
    const articleIds: number[] = [];
    for (const a of input.articles)
      articleIds.push((await tx.insert(articles).values({ projectId, title: a.title!, text: a.text, textHash: `w${projectId}-${a.id}`, length: a.text.length, tokens: tokensColumn(a.text) }).returning({ id: articles.id }))[0]!.id);
    const assigned = input.articles.flatMap((a, i) => a.annotators.map((name) => ({ articleId: articleIds[i]!, annotatorId: ids.get(name)!, status: 'submitted' as const, submittedAt: now })));
    const spans = input.articles.flatMap((a, i) =>
      a.spans.map((s) => ({
        id: `w${projectId}-${s.id}`,
        articleId: articleIds[i]!,
        annotatorId: ids.get(s.annotator)!,
        labelKey: s.label,
        start: s.start,
        end: s.end,
        quote: a.text.slice(s.start, s.end),
        attributes: s.attributes as Record<string, string>,
        createdAt: now,
        updatedAt: now,
      })),
    );
    for (let i = 0; i < assigned.length; i += BATCH) await tx.insert(assignments).values(assigned.slice(i, i + BATCH));
    for (let i = 0; i < spans.length; i += BATCH) await tx.insert(annotations).values(spans.slice(i, i + BATCH));
    return articleIds;
  });
}
