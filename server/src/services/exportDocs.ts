/**
 * The project's articles as export documents (`ExportDoc`), read one at a
 * time as an export stream pulls them.
 *
 * What counts is what agreement counts (services/agreement.ts): the spans of
 * an annotator on an article count only through their assignment there, and
 * by default only submitted assignments; with `status: 'all'` every
 * assignment counts and the spans of unsubmitted ones (assigned or in
 * progress) are `draft`. Each document lists its counted annotators
 * (`annotators`, with no span too) and the project's label and attribute
 * keys (`labels`, `attributeKeys`), so agreement on the file counts the same
 * people, labels and attributes.
 *
 * Articles with no counted work are still exported, with their text and no
 * span (`annotators: []`): the text formats keep the whole corpus, and a
 * reader can tell "nobody's counted work" from "found nothing". Token formats
 * write no sequence for them (sequences.ts).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { spanStatusOf, type ExportDoc } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { once } from '../db/prepared.js';
import { curationStatusSync, goldOfSync, goldRelationsOfSync } from '../db/sqlite/gold.js';
import { annotations, articles, assignments, curation, goldSpans, users } from '../db/schema.js';
import { articleBounds } from './articleTokens.js';
import { relationsAmongSync } from '../db/sqlite/relations.js';

export interface DocFilter {
  /** Only this annotator's work (a username source). */
  annotatorId?: number;
  status: 'submitted' | 'all';
  /** The project's label keys, and each label's attribute keys. */
  labels: string[];
  attributeKeys: Record<string, string[]>;
}

export const docId = (a: { id: number; externalId: string | null }) => a.externalId ?? String(a.id);

// The reads of every exported article: built and prepared once per connection (db/prepared.ts), one per filter.
const articleById = (db: Db) => once(db, 'exportDocs.article', () => db.select().from(articles).where(eq(articles.id, sql.placeholder('id'))).prepare());

/** The counted assignments of one article, by username. */
function countedWork(db: Db, articleId: number, filter: DocFilter) {
  const one = filter.annotatorId !== undefined;
  return once(db, `exportDocs.work.${one ? 'one' : 'all'}.${filter.status}`, () =>
    db
      .select({ annotatorId: assignments.annotatorId, username: users.username, status: assignments.status })
      .from(assignments)
      .innerJoin(users, eq(users.id, assignments.annotatorId))
      .where(
        and(
          eq(assignments.articleId, sql.placeholder('articleId')),
          one ? eq(assignments.annotatorId, sql.placeholder('annotatorId')) : undefined,
          filter.status === 'all' ? undefined : eq(assignments.status, 'submitted'),
        ),
      )
      .orderBy(asc(users.username))
      .prepare(),
  ).all({ articleId, annotatorId: filter.annotatorId ?? null });
}

/**
 * Every span of an article in export order; the caller keeps the counted
 * annotators' ones. Read as rows of values in this column order (no object
 * per row from drizzle's mapping: ~30% of a 200,000-span export's time).
 */
const spansOfArticle = (db: Db) =>
  once(db, 'exportDocs.spans', () =>
    db
      .select({ id: annotations.id, annotatorId: annotations.annotatorId, start: annotations.start, end: annotations.end, label: annotations.labelKey, attributes: annotations.attributes, note: annotations.note, quote: annotations.quote })
      .from(annotations)
      .where(eq(annotations.articleId, sql.placeholder('articleId')))
      .orderBy(asc(annotations.start), asc(annotations.end), asc(annotations.id))
      .prepare(),
  );
type SpanValues = [id: string, annotatorId: number, start: number, end: number, label: string, attributes: string, note: string | null, quote: string];

/** The articles as export documents, read one at a time. */
export function* projectDocs(db: Db, articleIds: number[], filter: DocFilter): Generator<ExportDoc> {
  for (const id of articleIds) {
    const a = articleById(db).get({ id });
    if (!a) continue; // deleted while streaming
    const work = countedWork(db, id, filter);
    const status = new Map(work.map((w) => [w.annotatorId, { username: w.username, status: spanStatusOf(w.status) }]));
    const rows = work.length ? (spansOfArticle(db).values({ articleId: id }) as SpanValues[]).filter((s) => status.has(s[1])) : [];
    const meta: ExportDoc['meta'] = { title: a.title };
    if (a.source) meta.source = a.source;
    if (a.story) meta.story = a.story;
    if (a.url) meta.url = a.url;
    if (a.publishedAt) meta.publishedAt = a.publishedAt;
    const spans = rows.map(([spanId, annotatorId, start, end, label, attributes, note, quote]) => {
      const who = status.get(annotatorId)!;
      return { id: spanId, start, end, label, annotator: who.username, status: who.status, attributes: JSON.parse(attributes) as Record<string, string>, note, quote };
    });
    const ids = new Set(spans.map((s) => s.id));
    yield {
      id: docId(a),
      text: a.text,
      tokens: articleBounds(a),
      meta,
      spans,
      relations: relationsAmongSync(db, id, spans)
        .filter((r) => ids.has(r.to))
        .map((r) => ({ from: r.from, to: r.to, type: r.type })),
      annotators: work.map((w) => ({ annotator: w.username, status: spanStatusOf(w.status) })),
      labels: filter.labels,
      attributeKeys: filter.attributeKeys,
    };
  }
}

/**
 * The gold standard as export documents: the gold spans of each article
 * (annotator `gold`, with their provenance) and the gold links. The caller
 * picks the articles (curated ones, or every one with gold).
 */
export function* goldDocs(db: Db, articleIds: number[], filter: Pick<DocFilter, 'labels' | 'attributeKeys'>): Generator<ExportDoc> {
  for (const id of articleIds) {
    const a = articleById(db).get({ id });
    if (!a) continue;
    const gold = goldOfSync(db, id);
    const meta: ExportDoc['meta'] = { title: a.title, curation: curationStatusSync(db, id) };
    if (a.source) meta.source = a.source;
    if (a.story) meta.story = a.story;
    if (a.url) meta.url = a.url;
    if (a.publishedAt) meta.publishedAt = a.publishedAt;
    yield {
      id: docId(a),
      text: a.text,
      tokens: articleBounds(a),
      meta,
      spans: gold.map((g) => ({ id: g.id, start: g.start, end: g.end, label: g.label, annotator: 'gold', status: 'submitted' as const, attributes: g.attributes, quote: g.quote, provenance: g.provenance })),
      relations: goldRelationsOfSync(db, id).map((r) => ({ from: r.from, to: r.to, type: r.type })),
      annotators: [{ annotator: 'gold', status: 'submitted' }],
      labels: filter.labels,
      attributeKeys: filter.attributeKeys,
    };
  }
}

/** The project's articles that have gold to export: curated ones, and with `uncurated` every one with a gold span. */
export function goldArticleIds(db: Db, ids: number[], includeUncurated: boolean): number[] {
  if (!ids.length) return [];
  const curated = new Set(db.select({ id: curation.articleId }).from(curation).where(and(inArray(curation.articleId, ids), eq(curation.status, 'curated'))).all().map((r) => r.id));
  const withGold = includeUncurated ? new Set(db.selectDistinct({ id: goldSpans.articleId }).from(goldSpans).where(inArray(goldSpans.articleId, ids)).all().map((r) => r.id)) : new Set<number>();
  return ids.filter((id) => curated.has(id) || withGold.has(id));
}
