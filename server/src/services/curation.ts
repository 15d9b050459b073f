/**
 * Curation decisions (issue 9): pre-merge, a curator's resolution of one
 * conflict (accept a version, reject the rest), rejection, completion and
 * the article's curation view. The rules are the pure ones in
 * shared/src/curation; this module reads the submitted work and writes the
 * decisions, each in one transaction that also records the state for undo.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { findConflicts, type CurationSpan, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { insertionOrder } from '../db/dialect.js';
import { annotations, articles, assignments, goldSpans, rejections, relations, users } from '../db/tables.js';
import { ApiError, notFound } from '../http/errors.js';
import { audit, nowIso, type Tx } from './audit.js';
import { curationState } from './auditState.js';
import { beforeDecision, curationStatus, goldOf, goldRelationsOf, insertGold, setCurationStatus, spansOfArticle } from './gold.js';
import { projectLabels } from './projects.js';

/** The submitted work on an article: who submitted, their spans and links, the gold and the rejections. */
export async function articleWork(tx: Tx, articleId: number) {
  const submitted = await tx
    .select({ id: users.id, username: users.username })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.annotatorId))
    .where(and(eq(assignments.articleId, articleId), eq(assignments.status, 'submitted')))
    .orderBy(asc(users.username));
  const names = new Map(submitted.map((u) => [u.id, u.username]));
  const rows = submitted.length
    ? await tx
        .select()
        .from(annotations)
        .where(and(eq(annotations.articleId, articleId), inArray(annotations.annotatorId, [...names.keys()])))
        // the order SQLite's index gave before it was written down: the same on PostgreSQL
        .orderBy(asc(annotations.annotatorId), asc(insertionOrder(annotations)))
    : [];
  const spans: CurationSpan[] = rows.map((a) => ({ id: a.id, annotator: names.get(a.annotatorId)!, label: a.labelKey, start: a.start, end: a.end, attributes: a.attributes }));
  const links = spans.length
    ? await tx.select({ from: relations.fromId, to: relations.toId, type: relations.type }).from(relations).where(inArray(relations.fromId, spans.map((s) => s.id)))
    : [];
  const gold = await goldOf(tx, articleId);
  const rejected = new Map((await tx.select().from(rejections).where(eq(rejections.articleId, articleId))).map((r) => [r.annotationId, r.reason]));
  return { annotators: submitted.map((u) => u.username), spans, links, gold, rejected };
}

export type ArticleWork = Awaited<ReturnType<typeof articleWork>>;

export function conflictsOf(work: ArticleWork) {
  return findConflicts(
    work.spans,
    work.annotators,
    work.gold.map((g) => ({ ...g, sources: g.provenance.sources })),
    new Set(work.rejected.keys()),
  );
}

/** The article, after locking it for this decision (PostgreSQL: another decision on it waits); 404 when there is none. */
async function articleRow(tx: Tx, articleId: number) {
  await lock(tx, 'article', articleId);
  const article = await first(tx.select().from(articles).where(eq(articles.id, articleId)));
  if (!article) throw notFound('Article');
  return article;
}

/** The curation view of one article: gold with provenance, links, status, spans, rejections and open conflicts. */
export async function curationView(db: Db, articleId: number) {
  const work = await articleWork(db, articleId);
  return {
    gold: work.gold,
    relations: await goldRelationsOf(db, articleId),
    status: await curationStatus(db, articleId),
    annotators: work.annotators,
    spans: work.spans,
    links: work.links,
    rejected: [...work.rejected].map(([spanId, reason]) => ({ spanId, reason })),
    conflicts: conflictsOf(work),
  };
}

export { mergeArticle, mergeProject } from './premerge.js';

export function rejectSpans(db: Db, user: User, articleId: number, input: { spanIds: string[]; reason: string }) {
  return transaction(db, async (tx) => {
    const article = await articleRow(tx, articleId);
    const rows = await spansOfArticle(tx, articleId, input.spanIds, 'spanIds');
    const before = await curationState(tx, articleId);
    await beforeDecision(tx, user, articleId);
    for (const r of rows) await reject(tx, user, articleId, r.a.id, input.reason);
    await audit(tx, user.id, 'reject', 'curation', articleId, { spanIds: input.spanIds, reason: input.reason }, { before, after: await curationState(tx, articleId), articleId, projectId: article.projectId });
    return { rejected: rows.length };
  });
}

/** Rejects one annotator span with the reason (a second rejection replaces the first). */
async function reject(tx: Tx, user: User, articleId: number, annotationId: string, reason: string): Promise<void> {
  await tx
    .insert(rejections)
    .values({ annotationId, articleId, reason, curatorId: user.id, decidedAt: nowIso() })
    .onConflictDoUpdate({ target: rejections.annotationId, set: { reason, curatorId: user.id, decidedAt: nowIso() } });
}

/**
 * Settles one conflict: the gold spans that overlap it are replaced by the
 * accepted versions (each with every span of the same label and boundaries
 * as its sources), and the conflict's other spans are rejected with the reason.
 */
export function resolveConflict(db: Db, user: User, articleId: number, input: { spanIds: string[]; accept: string[]; reason: string }) {
  return transaction(db, async (tx) => {
    const article = await articleRow(tx, articleId);
    const labels = await projectLabels(tx, article.projectId);
    const rows = await spansOfArticle(tx, articleId, [...new Set([...input.spanIds, ...input.accept])], 'spanIds');
    const spans = rows.map((r) => ({ ...r.a, username: r.username }));
    const before = await curationState(tx, articleId);
    await beforeDecision(tx, user, articleId);
    const start = Math.min(...spans.map((s) => s.start));
    const end = Math.max(...spans.map((s) => s.end));
    const overlapping = (await tx.select().from(goldSpans).where(eq(goldSpans.articleId, articleId))).filter((g) => g.start < end && g.end > start);
    if (overlapping.length) await tx.delete(goldSpans).where(inArray(goldSpans.id, overlapping.map((g) => g.id)));
    const chosen = spans.filter((s) => input.accept.includes(s.id));
    const versions = new Map<string, typeof spans>();
    for (const c of chosen) {
      const same = spans.filter((s) => s.labelKey === c.labelKey && s.start === c.start && s.end === c.end);
      versions.set(`${c.labelKey}:${c.start}:${c.end}`, same);
    }
    for (const same of versions.values()) {
      const first = chosen.find((c) => same.includes(c))!;
      await insertGold(tx, user, article, {
        label: first.labelKey, start: first.start, end: first.end, attributes: first.attributes,
        decision: 'accepted', sources: same.map((s) => s.id), annotators: [...new Set(same.map((s) => s.username))].sort(),
      }, labels);
    }
    const sourced = new Set([...versions.values()].flat().map((s) => s.id));
    for (const s of spans.filter((x) => !sourced.has(x.id))) await reject(tx, user, articleId, s.id, input.reason);
    await tx.delete(rejections).where(inArray(rejections.annotationId, [...sourced].length ? [...sourced] : ['']));
    await audit(tx, user.id, 'resolve', 'curation', articleId, input, { before, after: await curationState(tx, articleId), articleId, projectId: article.projectId });
    return { accepted: versions.size, rejected: spans.length - sourced.size };
  });
}

export function completeCuration(db: Db, user: User, articleId: number, force: boolean) {
  return transaction(db, async (tx) => {
    const article = await articleRow(tx, articleId);
    const open = conflictsOf(await articleWork(tx, articleId));
    if (open.length && !force)
      throw new ApiError(409, 'conflicts_open', `${open.length} ${open.length === 1 ? 'conflict is' : 'conflicts are'} still open; decide them, or complete with force.`, { open: open.length });
    const before = { status: await curationStatus(tx, articleId) };
    await beforeDecision(tx, user, articleId);
    await setCurationStatus(tx, user, articleId, 'curated');
    await audit(tx, user.id, 'complete', 'curation', articleId, { forced: force && open.length > 0, open: open.length }, { before, after: { status: 'curated' }, articleId, projectId: article.projectId });
    return { status: 'curated' as const, open: open.length };
  });
}
