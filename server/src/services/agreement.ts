import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { agreementReport, type AgreementArticleInput, type AgreementOptions, type AgreementReport } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, articles, assignments, relations, users } from '../db/tables.js';
import { articleBounds } from './articleTokens.js';
import { projectLabels } from './projects.js';

/** Thrown in the worker when a report job is cancelled (its progress callback sees the flag). */
export const AGREEMENT_CANCELLED = 'agreement report cancelled';

/**
 * Progress and cancellation of a report through `control`, shared with the
 * request thread: [0] = 1 asks to stop, [1] = steps done, [2] = steps in all.
 */
export function controlProgress(control: Int32Array): (done: number, total: number) => void {
  return (done, total) => {
    if (Atomics.load(control, 0)) throw new Error(AGREEMENT_CANCELLED);
    Atomics.store(control, 2, total);
    Atomics.store(control, 1, done);
  };
}

/**
 * The project's agreement report over submitted work (with `drafts`, over all
 * assigned work): every assigned annotator counts on their articles, having
 * marked nothing where they have no span. Spans carry their ids and
 * attributes, articles their links, and the scheme its attribute keys, for
 * attribute alpha and link F1; links count when both their spans do.
 * `onProgress` hears the report's steps (and may throw to stop it).
 */
export async function projectAgreement(
  db: Db,
  projectId: number,
  opts: { drafts: boolean; seed: number; iterations: number } & Pick<AgreementOptions, 'labels' | 'annotators' | 'articles'>,
  onProgress?: (done: number, total: number) => void,
): Promise<AgreementReport> {
  onProgress?.(0, 0); // a job cancelled before it started reads nothing
  const counted = await db
    .select({ articleId: assignments.articleId, annotatorId: assignments.annotatorId, username: users.username })
    .from(assignments)
    .innerJoin(articles, eq(articles.id, assignments.articleId))
    .innerJoin(users, eq(users.id, assignments.annotatorId))
    .where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt), opts.drafts ? undefined : eq(assignments.status, 'submitted')));
  const articleIds = [...new Set(counted.map((c) => c.articleId))];
  const rows = articleIds.length
    ? await db.select().from(articles).where(inArray(articles.id, articleIds)).orderBy(asc(articles.id))
    : [];
  const spanRows = articleIds.length
    ? await db
        .select({
          id: annotations.id,
          articleId: annotations.articleId,
          annotatorId: annotations.annotatorId,
          label: annotations.labelKey,
          start: annotations.start,
          end: annotations.end,
          attributes: annotations.attributes,
        })
        .from(annotations)
        .where(inArray(annotations.articleId, articleIds))
    : [];
  const linkRows = articleIds.length
    ? await db
        .select({ articleId: annotations.articleId, from: relations.fromId, to: relations.toId, type: relations.type })
        .from(relations)
        .innerJoin(annotations, eq(annotations.id, relations.fromId))
        .where(inArray(annotations.articleId, articleIds))
        .orderBy(asc(relations.id))
    : [];
  const input = groupByArticle(rows, counted, spanRows, linkRows);
  const scheme = await projectLabels(db, projectId);
  return agreementReport(
    { labels: scheme.map((l) => l.key), attributeKeys: Object.fromEntries(scheme.map((l) => [l.key, l.attributes.map((x) => x.key)])), articles: input },
    { labels: opts.labels, annotators: opts.annotators, articles: opts.articles, bootstrap: { seed: opts.seed, iterations: opts.iterations } },
    onProgress,
  );
}

/** Rows by article id, each list in the order of `rows`. */
function byArticle<T extends { articleId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.articleId);
    if (list) list.push(r);
    else out.set(r.articleId, [r]);
  }
  return out;
}

/**
 * The report's input in one pass over each kind of row (not articles × rows):
 * per article its counted annotators, their spans and the links.
 */
function groupByArticle(
  articleRows: Array<{ id: number; title: string; text: string; tokens: Uint8Array | null }>,
  counted: Array<{ articleId: number; annotatorId: number; username: string }>,
  spanRows: Array<{ id: string; articleId: number; annotatorId: number; label: string; start: number; end: number; attributes: Record<string, unknown> }>,
  linkRows: Array<{ articleId: number; from: string; to: string; type: string }>,
): AgreementArticleInput[] {
  const countedPair = new Map(counted.map((c) => [`${c.articleId}:${c.annotatorId}`, c.username]));
  const people = byArticle(counted);
  const spans = byArticle(spanRows);
  const links = byArticle(linkRows);
  return articleRows.map((a) => ({
    id: a.id,
    title: a.title,
    text: a.text,
    tokens: articleBounds(a),
    annotators: (people.get(a.id) ?? []).map((c) => c.username),
    spans: (spans.get(a.id) ?? []).flatMap((s) => {
      const annotator = countedPair.get(`${s.articleId}:${s.annotatorId}`);
      return annotator ? [{ id: s.id, start: s.start, end: s.end, label: s.label, annotator, attributes: s.attributes }] : [];
    }),
    relations: (links.get(a.id) ?? []).map(({ from, to, type }) => ({ from, to, type })),
  }));
}
