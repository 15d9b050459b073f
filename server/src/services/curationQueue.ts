/**
 * Project-wide curation: the queue of articles by open conflicts, annotator
 * vs gold scores, and an annotator's own feedback view (issue 9). The queue
 * reads the project's submitted spans, gold and rejections in three queries
 * and groups them in memory, so it answers in one pass however many articles.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { countConflicts, goldScores, type CurationSpan, type GoldLike, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { submittedSpans } from '../db/dialect.js';
import { first, lock, transaction } from '../db/tx.js';
import { annotations, articles, assignments, curation, goldSpans, projects, rejections, users } from '../db/tables.js';
import { forbidden } from '../http/errors.js';
import { articleFor } from './access.js';
import { audit } from './audit.js';
import { goldOf } from './gold.js';
import { projectLabels } from './projects.js';

/** `withAttributes: false` skips reading attributes where only the count of conflicts matters (it does not depend on them). */
async function projectWork(db: Db, projectId: number, onlyCurated: boolean, withAttributes = true) {
  const statuses = new Map(
    (await db.select({ id: curation.articleId, status: curation.status }).from(curation).innerJoin(articles, eq(articles.id, curation.articleId)).where(eq(articles.projectId, projectId))).map((r) => [r.id, r.status]),
  );
  const submitted = (
    await db
      .select({ articleId: assignments.articleId, annotatorId: assignments.annotatorId, username: users.username })
      .from(assignments)
      .innerJoin(articles, eq(articles.id, assignments.articleId))
      .innerJoin(users, eq(users.id, assignments.annotatorId))
      .where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt), eq(assignments.status, 'submitted')))
  ).filter((s) => !onlyCurated || statuses.get(s.articleId) === 'curated');
  const spans = new Map<number, CurationSpan[]>();
  const none: Record<string, string> = {};
  const counted = onlyCurated ? new Set(submitted.map((s) => s.articleId)) : null;
  for (const r of await submittedSpans(db, projectId, withAttributes)) {
    if (counted && !counted.has(r[1])) continue;
    let list = spans.get(r[1]);
    if (!list) spans.set(r[1], (list = []));
    list.push({ id: r[0], annotator: r[2], label: r[3], start: r[4], end: r[5], attributes: withAttributes ? (JSON.parse(r[6]!) as Record<string, string>) : none });
  }
  const gold = new Map<number, GoldLike[]>();
  for (const g of await db.select({ g: goldSpans }).from(goldSpans).innerJoin(articles, eq(articles.id, goldSpans.articleId)).where(eq(articles.projectId, projectId))) {
    const list = gold.get(g.g.articleId) ?? [];
    list.push({ id: g.g.id, label: g.g.labelKey, start: g.g.start, end: g.g.end, attributes: g.g.attributes, sources: g.g.sources, openAttributes: g.g.openAttributes });
    gold.set(g.g.articleId, list);
  }
  const rejected = new Set(
    (await db.select({ id: rejections.annotationId }).from(rejections).innerJoin(articles, eq(articles.id, rejections.articleId)).where(eq(articles.projectId, projectId))).map((r) => r.id),
  );
  const annotatorsOf = new Map<number, string[]>();
  for (const s of submitted) annotatorsOf.set(s.articleId, [...(annotatorsOf.get(s.articleId) ?? []), s.username].sort());
  return { statuses, spans, gold, rejected, annotatorsOf };
}

/** Articles with submitted work, most open conflicts first, curated ones last. */
export async function curationQueue(db: Db, projectId: number) {
  const w = await projectWork(db, projectId, false, false);
  const titles = await db.select({ id: articles.id, title: articles.title, source: articles.source }).from(articles).where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt))).orderBy(asc(articles.id));
  const rows = titles
    .filter((a) => w.annotatorsOf.has(a.id))
    .map((a) => {
      const annotators = w.annotatorsOf.get(a.id)!;
      const open = countConflicts(w.spans.get(a.id) ?? [], w.gold.get(a.id) ?? [], w.rejected);
      return { articleId: a.id, title: a.title, source: a.source, status: w.statuses.get(a.id) ?? ('open' as const), open, annotators: annotators.length, gold: w.gold.get(a.id)?.length ?? 0 };
    });
  rows.sort((a, b) => Number(a.status === 'curated') - Number(b.status === 'curated') || b.open - a.open || a.articleId - b.articleId);
  return { articles: rows, counts: { articles: rows.length, curated: rows.filter((r) => r.status === 'curated').length, open: rows.reduce((n, r) => n + r.open, 0) } };
}

/** Per annotator and label, exact and overlap P/R/F1 against gold, over curated articles. */
export async function projectGoldScores(db: Db, projectId: number) {
  const w = await projectWork(db, projectId, true);
  const input = [...w.annotatorsOf.entries()].map(([articleId, names]) => ({
    id: articleId,
    gold: w.gold.get(articleId) ?? [],
    annotators: Object.fromEntries(names.map((n) => [n, (w.spans.get(articleId) ?? []).filter((s) => s.annotator === n)])),
  }));
  return { annotators: goldScores(input, (await projectLabels(db, projectId)).map((l) => l.key)), articles: input.length };
}

/**
 * An annotator's own spans against gold on a curated article, when the
 * project allows it; never another annotator's spans.
 */
export async function feedbackView(db: Db, user: User, articleId: number) {
  const { article, assignment } = await articleFor(db, user, articleId);
  if (!assignment || assignment.status !== 'submitted') throw forbidden('Feedback is shown on your submitted articles.');
  const project = await first(db.select({ goldFeedback: projects.goldFeedback }).from(projects).where(eq(projects.id, article.projectId)));
  if (!project?.goldFeedback) throw forbidden('Your supervisor has not turned on feedback for this project.');
  const status = (await first(db.select({ s: curation.status }).from(curation).where(eq(curation.articleId, articleId))))?.s;
  if (status !== 'curated') throw forbidden('This article is not curated yet.');
  const mine = await db.select().from(annotations).where(and(eq(annotations.articleId, articleId), eq(annotations.annotatorId, user.id)));
  const gold = (await goldOf(db, articleId)).map(({ id, label, start, end, quote, attributes }) => ({ id, label, start, end, quote, attributes }));
  const key = (s: { label: string; start: number; end: number }) => `${s.label}:${s.start}:${s.end}`;
  const goldKeys = new Set(gold.map(key));
  const mineKeys = new Set(mine.map((m) => key({ label: m.labelKey, start: m.start, end: m.end })));
  return {
    spans: mine.map((m) => ({ id: m.id, label: m.labelKey, start: m.start, end: m.end, quote: m.quote, attributes: m.attributes, inGold: goldKeys.has(key({ label: m.labelKey, start: m.start, end: m.end })) })),
    gold: gold.map((g) => ({ ...g, marked: mineKeys.has(key(g)) })),
  };
}

export function setGoldFeedback(db: Db, actor: User, projectId: number, goldFeedback: boolean) {
  return transaction(db, async (tx) => {
    await lock(tx, 'project', projectId);
    const before = await first(tx.select({ goldFeedback: projects.goldFeedback }).from(projects).where(eq(projects.id, projectId)));
    await tx.update(projects).set({ goldFeedback }).where(eq(projects.id, projectId));
    await audit(tx, actor.id, 'update_settings', 'project', projectId, { goldFeedback }, { before: before ?? null, after: { goldFeedback }, projectId });
    return { goldFeedback };
  });
}

