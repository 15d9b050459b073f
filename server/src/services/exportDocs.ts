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
 *
 * This module holds what both engines share: the prepared reads and the pure
 * assembly of a document from what was read (`projectDoc`, `goldDoc`). The
 * readers are engine-specific (db/dialect.ts's `projectDocs`, `goldDocs`):
 * SQLite's (db/sqlite/exportDocs.ts) reads synchronously, one article at a
 * time as the export stream pulls it (memory flat); PostgreSQL's
 * (db/pg/exportDocs.ts) awaits the same reads and holds the export's
 * documents in memory before the synchronous formatters take them.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { spanStatusOf, type ExportDoc } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { once } from '../db/prepared.js';
import { annotations, articles, assignments, curation, goldSpans, users } from '../db/tables.js';
import { articleBounds } from './articleTokens.js';
import type { GoldSpanView } from './gold.js';

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
export const articleById = (db: Db) => once(db, 'exportDocs.article', () => db.select().from(articles).where(eq(articles.id, sql.placeholder('id'))).prepare());

/** The statement of the counted assignments of one article, by username (placeholders `articleId`, `annotatorId`). */
export function countedWork(db: Db, filter: DocFilter) {
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
  );
}
export const workParams = (articleId: number, filter: DocFilter) => ({ articleId, annotatorId: filter.annotatorId ?? null });

/**
 * Every span of an article in export order; the caller keeps the counted
 * annotators' ones. Read as rows of values in this column order (no object
 * per row from drizzle's mapping: ~30% of a 200,000-span export's time).
 */
export const spansOfArticle = (db: Db) =>
  once(db, 'exportDocs.spans', () =>
    db
      .select({ id: annotations.id, annotatorId: annotations.annotatorId, start: annotations.start, end: annotations.end, label: annotations.labelKey, attributes: annotations.attributes, note: annotations.note, quote: annotations.quote })
      .from(annotations)
      .where(eq(annotations.articleId, sql.placeholder('articleId')))
      .orderBy(asc(annotations.start), asc(annotations.end), asc(annotations.id))
      .prepare(),
  );
/** A span row as values; `attributes` is the column's JSON text (SQLite's raw values) or already parsed (PostgreSQL's mapped rows). */
export type SpanValues = [id: string, annotatorId: number, start: number, end: number, label: string, attributes: string | Record<string, string>, note: string | null, quote: string];

type ArticleRow = typeof articles.$inferSelect;
type WorkRow = { annotatorId: number; username: string; status: string };
type Link = { from: string; to: string; type: string };

/** The counted spans of an article (of `rows`, all its spans in export order), with their annotator and status. */
export function countedSpans(work: WorkRow[], rows: SpanValues[]) {
  const status = new Map(work.map((w) => [w.annotatorId, { username: w.username, status: spanStatusOf(w.status) }]));
  return rows
    .filter((s) => status.has(s[1]))
    .map(([spanId, annotatorId, start, end, label, attributes, note, quote]) => {
      const who = status.get(annotatorId)!;
      const attrs = typeof attributes === 'string' ? (JSON.parse(attributes) as Record<string, string>) : attributes;
      return { id: spanId, start, end, label, annotator: who.username, status: who.status, attributes: attrs, note, quote };
    });
}

function metaOf(a: ArticleRow, extra: Partial<ExportDoc['meta']> = {}): ExportDoc['meta'] {
  const meta: ExportDoc['meta'] = { title: a.title, ...extra };
  if (a.source) meta.source = a.source;
  if (a.story) meta.story = a.story;
  if (a.url) meta.url = a.url;
  if (a.publishedAt) meta.publishedAt = a.publishedAt;
  return meta;
}

/** An article's export document from what was read: its counted work, its counted spans (countedSpans) and its links (those between two of the spans are kept). */
export function projectDoc(a: ArticleRow, work: WorkRow[], spans: ReturnType<typeof countedSpans>, links: Link[], filter: DocFilter): ExportDoc {
  const ids = new Set(spans.map((s) => s.id));
  return {
    id: docId(a),
    text: a.text,
    tokens: articleBounds(a),
    meta: metaOf(a),
    spans,
    relations: links.filter((r) => ids.has(r.from) && ids.has(r.to)).map((r) => ({ from: r.from, to: r.to, type: r.type })),
    annotators: work.map((w) => ({ annotator: w.username, status: spanStatusOf(w.status) })),
    labels: filter.labels,
    attributeKeys: filter.attributeKeys,
  };
}

/**
 * The gold standard as an export document: the gold spans of an article
 * (annotator `gold`, with their provenance) and the gold links. The caller
 * picks the articles (curated ones, or every one with gold).
 */
export function goldDoc(a: ArticleRow, gold: GoldSpanView[], curation: 'open' | 'curated', links: Link[], filter: Pick<DocFilter, 'labels' | 'attributeKeys'>): ExportDoc {
  return {
    id: docId(a),
    text: a.text,
    tokens: articleBounds(a),
    meta: metaOf(a, { curation }),
    spans: gold.map((g) => ({ id: g.id, start: g.start, end: g.end, label: g.label, annotator: 'gold', status: 'submitted' as const, attributes: g.attributes, quote: g.quote, provenance: g.provenance })),
    relations: links.map((r) => ({ from: r.from, to: r.to, type: r.type })),
    annotators: [{ annotator: 'gold', status: 'submitted' }],
    labels: filter.labels,
    attributeKeys: filter.attributeKeys,
  };
}

/** The project's articles that have gold to export: curated ones, and with `uncurated` every one with a gold span. */
export async function goldArticleIds(db: Db, ids: number[], includeUncurated: boolean): Promise<number[]> {
  if (!ids.length) return [];
  const curated = new Set((await db.select({ id: curation.articleId }).from(curation).where(and(inArray(curation.articleId, ids), eq(curation.status, 'curated')))).map((r) => r.id));
  const withGold = includeUncurated ? new Set((await db.selectDistinct({ id: goldSpans.articleId }).from(goldSpans).where(inArray(goldSpans.articleId, ids))).map((r) => r.id)) : new Set<number>();
  return ids.filter((id) => curated.has(id) || withGold.has(id));
}
