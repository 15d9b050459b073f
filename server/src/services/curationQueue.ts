/**
 * Project-wide curation: the queue of articles by open conflicts, annotator
 * vs gold scores, and an annotator's own feedback view (issue 9). The queue
 * reads the project's submitted spans, gold and rejections in three queries
 * and groups them in memory, so it answers in one pass however many articles.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { countConflicts, goldScores, type CurationSpan, type GoldLike, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, articles, assignments, curation, goldSpans, projects, rejections, users } from '../db/schema.js';
import { forbidden } from '../http/errors.js';
import { articleFor } from './access.js';
import { audit } from './audit.js';
import { goldOf } from './gold.js';
import { projectLabels } from './projects.js';

type SpanRow = [id: string, articleId: number, annotator: string, label: string, start: number, end: number, attributes?: string];

/**
 * The submitted spans of the project as plain rows, with their annotator's
 * username: a prepared SQLite statement read in raw mode, because the queue
 * reads every span of the project and drizzle's row mapping of 240,000 rows
 * alone took most of its time (bench/curation.ts).
 */
function submittedSpans(db: Db, projectId: number, withAttributes: boolean): SpanRow[] {
  const stmt = db.$client.prepare(
    `SELECT a.id, a.article_id, u.username, a.label_key, a.start, a."end"${withAttributes ? ', a.attributes' : ''}
       FROM annotations a
       JOIN articles ar ON ar.id = a.article_id
       JOIN assignments s ON s.article_id = a.article_id AND s.annotator_id = a.annotator_id AND s.status = 'submitted'
       JOIN users u ON u.id = a.annotator_id
      WHERE ar.project_id = ?`,
  );
  return stmt.raw(true).all(projectId) as SpanRow[];
}

/** `withAttributes: false` skips reading attributes where only the count of conflicts matters (it does not depend on them). */
function projectWork(db: Db, projectId: number, onlyCurated: boolean, withAttributes = true) {
  const statuses = new Map(
    db.select({ id: curation.articleId, status: curation.status }).from(curation).innerJoin(articles, eq(articles.id, curation.articleId)).where(eq(articles.projectId, projectId)).all().map((r) => [r.id, r.status]),
  );
  const submitted = db
    .select({ articleId: assignments.articleId, annotatorId: assignments.annotatorId, username: users.username })
    .from(assignments)
    .innerJoin(articles, eq(articles.id, assignments.articleId))
    .innerJoin(users, eq(users.id, assignments.annotatorId))
    .where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt), eq(assignments.status, 'submitted')))
    .all()
    .filter((s) => !onlyCurated || statuses.get(s.articleId) === 'curated');
  const spans = new Map<number, CurationSpan[]>();
  const none: Record<string, string> = {};
  const counted = onlyCurated ? new Set(submitted.map((s) => s.articleId)) : null;
  for (const r of submittedSpans(db, projectId, withAttributes)) {
    if (counted && !counted.has(r[1])) continue;
    let list = spans.get(r[1]);
    if (!list) spans.set(r[1], (list = []));
    list.push({ id: r[0], annotator: r[2], label: r[3], start: r[4], end: r[5], attributes: withAttributes ? (JSON.parse(r[6]!) as Record<string, string>) : none });
  }
  const gold = new Map<number, GoldLike[]>();
  for (const g of db.select({ g: goldSpans }).from(goldSpans).innerJoin(articles, eq(articles.id, goldSpans.articleId)).where(eq(articles.projectId, projectId)).all()) {
    const list = gold.get(g.g.articleId) ?? [];
    list.push({ id: g.g.id, label: g.g.labelKey, start: g.g.start, end: g.g.end, attributes: g.g.attributes, sources: g.g.sources, openAttributes: g.g.openAttributes });
    gold.set(g.g.articleId, list);
  }
  const rejected = new Set(
    db.select({ id: rejections.annotationId }).from(rejections).innerJoin(articles, eq(articles.id, rejections.articleId)).where(eq(articles.projectId, projectId)).all().map((r) => r.id),
  );
  const annotatorsOf = new Map<number, string[]>();
  for (const s of submitted) annotatorsOf.set(s.articleId, [...(annotatorsOf.get(s.articleId) ?? []), s.username].sort());
  return { statuses, spans, gold, rejected, annotatorsOf };
}

/** Articles with submitted work, most open conflicts first, curated ones last. */
export function curationQueue(db: Db, projectId: number) {
  const w = projectWork(db, projectId, false, false);
  const titles = db.select({ id: articles.id, title: articles.title, source: articles.source }).from(articles).where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt))).orderBy(asc(articles.id)).all();
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
export function projectGoldScores(db: Db, projectId: number) {
  const w = projectWork(db, projectId, true);
  const input = [...w.annotatorsOf.entries()].map(([articleId, names]) => ({
    id: articleId,
    gold: w.gold.get(articleId) ?? [],
    annotators: Object.fromEntries(names.map((n) => [n, (w.spans.get(articleId) ?? []).filter((s) => s.annotator === n)])),
  }));
  return { annotators: goldScores(input, projectLabels(db, projectId).map((l) => l.key)), articles: input.length };
}

/**
 * An annotator's own spans against gold on a curated article, when the
 * project allows it; never another annotator's spans.
 */
export function feedbackView(db: Db, user: User, articleId: number) {
  const { article, assignment } = articleFor(db, user, articleId);
  if (!assignment || assignment.status !== 'submitted') throw forbidden('Feedback is shown on your submitted articles.');
  const project = db.select({ goldFeedback: projects.goldFeedback }).from(projects).where(eq(projects.id, article.projectId)).get();
  if (!project?.goldFeedback) throw forbidden('Your supervisor has not turned on feedback for this project.');
  const status = db.select({ s: curation.status }).from(curation).where(eq(curation.articleId, articleId)).get()?.s;
  if (status !== 'curated') throw forbidden('This article is not curated yet.');
  const mine = db.select().from(annotations).where(and(eq(annotations.articleId, articleId), eq(annotations.annotatorId, user.id))).all();
  const gold = goldOf(db, articleId).map(({ id, label, start, end, quote, attributes }) => ({ id, label, start, end, quote, attributes }));
  const key = (s: { label: string; start: number; end: number }) => `${s.label}:${s.start}:${s.end}`;
  const goldKeys = new Set(gold.map(key));
  const mineKeys = new Set(mine.map((m) => key({ label: m.labelKey, start: m.start, end: m.end })));
  return {
    spans: mine.map((m) => ({ id: m.id, label: m.labelKey, start: m.start, end: m.end, quote: m.quote, attributes: m.attributes, inGold: goldKeys.has(key({ label: m.labelKey, start: m.start, end: m.end })) })),
    gold: gold.map((g) => ({ ...g, marked: mineKeys.has(key(g)) })),
  };
}

export function setGoldFeedback(db: Db, actor: User, projectId: number, goldFeedback: boolean) {
  return db.transaction((tx) => {
    const before = tx.select({ goldFeedback: projects.goldFeedback }).from(projects).where(eq(projects.id, projectId)).get();
    tx.update(projects).set({ goldFeedback }).where(eq(projects.id, projectId)).run();
    audit(tx, actor.id, 'update_settings', 'project', projectId, { goldFeedback }, { before: before ?? null, after: { goldFeedback }, projectId });
    return { goldFeedback };
  });
}

