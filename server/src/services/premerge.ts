/**
 * Pre-merge (issue 9), split for issue 13 into a read and a write: `planOf`
 * reads an article's submitted work and computes the proposals (the pure
 * groupUnits + premerge of shared/src/curation), which the merge jobs run in
 * a worker on its read-only connection; `applyPlan` writes them in the
 * article's own transaction, after re-reading the fingerprint of what the
 * plan was computed from (spans and their versions, gold and its versions,
 * rejections, links, who submitted): when it changed since, the plan is
 * computed again inside the transaction, so the read that decides the write
 * is the write's own. Every article is audited and undoable on its own.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { groupUnits, needed, premerge, type MergedGold, type MergeOptions, type MergeTotals, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { readSnapshot } from '../db/dialect.js';
import { first, lock, transaction } from '../db/tx.js';
import { annotations, articles, assignments, goldRelations, goldSpans, rejections, relations } from '../db/tables.js';
import { notFound } from '../http/errors.js';
import { audit, type Tx } from './audit.js';
import { curationState } from './auditState.js';
import { articleWork, conflictsOf } from './curation.js';
import { beforeDecision, insertGold } from './gold.js';
import { projectLabels } from './projects.js';

/** What a pre-merge of one article writes, and what it was computed from (plain data: it crosses threads). */
export interface MergePlan {
  articleId: number;
  fingerprint: string;
  annotators: number;
  proposals: MergedGold[];
  links: Array<{ from: string; to: string; type: string }>;
  /** The span ids of each unit, and the spans already decided (gold sources, rejected). */
  units: string[][];
  decided: string[];
}

/** The ids and versions of everything a plan depends on, in a fixed order. */
export async function fingerprintOf(tx: Tx, articleId: number): Promise<string> {
  const who = (
    await tx
      .select({ id: assignments.annotatorId })
      .from(assignments)
      .where(and(eq(assignments.articleId, articleId), eq(assignments.status, 'submitted')))
      .orderBy(asc(assignments.annotatorId))
  ).map((r) => r.id);
  const spans = who.length
    ? await tx
        .select({ id: annotations.id, v: annotations.version })
        .from(annotations)
        .where(and(eq(annotations.articleId, articleId), inArray(annotations.annotatorId, who)))
        .orderBy(asc(annotations.id))
    : [];
  const links = await tx
    .select({ id: relations.id, type: relations.type })
    .from(relations)
    .innerJoin(annotations, eq(annotations.id, relations.fromId))
    .where(eq(annotations.articleId, articleId))
    .orderBy(asc(relations.id));
  const gold = await tx.select({ id: goldSpans.id, v: goldSpans.version }).from(goldSpans).where(eq(goldSpans.articleId, articleId)).orderBy(asc(goldSpans.id));
  const rejected = await tx.select({ id: rejections.annotationId }).from(rejections).where(eq(rejections.articleId, articleId)).orderBy(asc(rejections.annotationId));
  return JSON.stringify([who, spans.map((s) => `${s.id}@${s.v}`), links.map((l) => `${l.id}:${l.type}`), gold.map((g) => `${g.id}@${g.v}`), rejected.map((r) => r.id)]);
}

/** Reads an article's submitted work and computes its pre-merge (no write). */
export async function planOf(tx: Tx, articleId: number, opts: MergeOptions): Promise<MergePlan> {
  const work = await articleWork(tx, articleId);
  const decided = new Set([...work.gold.flatMap((g) => g.provenance.sources), ...work.rejected.keys()]);
  const units = groupUnits(work.spans, opts.match ?? 'exact');
  return {
    articleId,
    fingerprint: await fingerprintOf(tx, articleId),
    annotators: work.annotators.length,
    proposals: premerge(units, work.annotators.length, opts, decided),
    links: work.links,
    units: units.map((u) => u.spans.map((s) => s.id)),
    decided: [...decided],
  };
}

/** The plans of a batch of articles, each read in one snapshot (the worker's task). */
export async function planArticles(db: Db, articleIds: number[], opts: MergeOptions): Promise<MergePlan[]> {
  const plans: MergePlan[] = [];
  for (const id of articleIds) plans.push(await readSnapshot(db, (tx) => planOf(tx, id, opts)));
  return plans;
}

/**
 * Writes a plan in the caller's transaction, computed again first if what it
 * was computed from changed since; null when the article is gone or archived.
 */
export async function applyPlan(tx: Tx, user: User, plan: MergePlan, opts: MergeOptions) {
  await lock(tx, 'article', plan.articleId);
  const article = await first(tx.select().from(articles).where(eq(articles.id, plan.articleId)));
  if (!article || article.archivedAt) return null;
  const fresh = (await fingerprintOf(tx, plan.articleId)) === plan.fingerprint ? plan : await planOf(tx, plan.articleId, opts);
  return writePlan(tx, user, article, fresh, opts);
}

async function writePlan(tx: Tx, user: User, article: typeof articles.$inferSelect, plan: MergePlan, opts: MergeOptions) {
  const { articleId, proposals } = plan;
  const labels = await projectLabels(tx, article.projectId);
  const before = proposals.length ? await curationState(tx, articleId) : null;
  if (proposals.length) await beforeDecision(tx, user, articleId);
  const goldOfSpan = new Map<string, string>();
  for (const p of proposals) {
    const row = await insertGold(tx, user, article, {
      label: p.label,
      start: p.start,
      end: p.end,
      attributes: p.attributes,
      openAttributes: p.openAttributes,
      decision: 'merged',
      sources: p.unit.spans.map((s) => s.id),
      annotators: p.sources.map((s) => s.annotator).sort(),
    }, labels);
    for (const s of p.unit.spans) goldOfSpan.set(s.id, row.id);
  }
  await mergeLinks(tx, plan.links, goldOfSpan, needed(plan.annotators, opts));
  if (proposals.length)
    await audit(tx, user.id, 'merge', 'curation', articleId, { merged: proposals.length, ...opts }, { before, after: await curationState(tx, articleId), articleId, projectId: article.projectId });
  const after = await articleWork(tx, articleId);
  const decided = new Set(plan.decided);
  const resolvedUnits = plan.units.filter((u) => u.every((id) => decided.has(id) || goldOfSpan.has(id))).length;
  return { gold: after.gold, merged: proposals.length, open: conflictsOf(after).length, units: plan.units.length, resolvedUnits };
}

/** A link becomes gold when enough annotators drew it between spans that merged into the same two gold spans. */
async function mergeLinks(tx: Tx, links: MergePlan['links'], goldOfSpan: Map<string, string>, need: number): Promise<void> {
  const votes = new Map<string, number>();
  for (const l of links) {
    const from = goldOfSpan.get(l.from);
    const to = goldOfSpan.get(l.to);
    if (from && to && from !== to) votes.set(`${from}\n${to}\n${l.type}`, (votes.get(`${from}\n${to}\n${l.type}`) ?? 0) + 1);
  }
  for (const [k, n] of votes) {
    if (n < need) continue;
    const [fromId, toId, type] = k.split('\n') as [string, string, string];
    await tx.insert(goldRelations).values({ fromId, toId, type }).onConflictDoNothing();
  }
}

/** Pre-merges one article (see shared/src/curation/units.ts); never touches decided spans. */
export function mergeArticle(db: Db, user: User, articleId: number, opts: MergeOptions) {
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const article = await first(tx.select().from(articles).where(eq(articles.id, articleId)));
    if (!article) throw notFound('Article');
    return writePlan(tx, user, article, await planOf(tx, articleId, opts), opts);
  });
}

/** The project's articles with submitted work, not archived: what a project-wide pre-merge goes through. */
export async function mergeableArticles(db: Db, projectId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: assignments.articleId })
    .from(assignments)
    .innerJoin(articles, eq(articles.id, assignments.articleId))
    .where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt), eq(assignments.status, 'submitted')))
    .orderBy(asc(assignments.articleId));
  return rows.map((r) => r.id);
}

export const emptyTotals = (): MergeTotals => ({ articles: 0, merged: 0, open: 0, units: 0, resolvedUnits: 0 });

/** Adds one article's outcome (null: skipped, gone or archived since) to the totals. */
export function addTotals(totals: MergeTotals, r: Awaited<ReturnType<typeof applyPlan>>): void {
  totals.articles++;
  if (!r) return;
  totals.merged += r.merged;
  totals.open += r.open;
  totals.units += r.units;
  totals.resolvedUnits += r.resolvedUnits;
}

/**
 * Pre-merges every article of the project with submitted work, in this
 * thread, one transaction per article (the command line and scripts; the API
 * runs the same plans and writes as a job, mergeJobs.ts).
 */
export async function mergeProject(db: Db, user: User, projectId: number, opts: MergeOptions): Promise<MergeTotals> {
  const totals = emptyTotals();
  for (const id of await mergeableArticles(db, projectId)) addTotals(totals, await transaction(db, async (tx) => applyPlan(tx, user, await planOf(tx, id, opts), opts)));
  return totals;
}
