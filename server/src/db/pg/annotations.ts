/**
 * The span routes' SQL on PostgreSQL: the twin of db/sqlite/annotations.ts,
 * same signatures, same answers (the list's JSON may differ in white space:
 * PostgreSQL's json_build_object writes `"key" : value`).
 */
import { sql, type SQL } from 'drizzle-orm';
import { annotations } from '../tables.js';
import type { Tx } from '../tx.js';

type AnnotationRow = typeof annotations.$inferSelect;

/** Inserts a new span, `row` as it will read back; `attributesJson` is the same attributes as JSON text. */
export async function insertSpan(tx: Tx, row: AnnotationRow, _attributesJson: string): Promise<void> {
  await tx.insert(annotations).values(row);
}

/** Spans in the order they were written: PostgreSQL has no rowid; span ids are made in time order (services/annotations.ts). */
export const insertionOrder = (table: typeof annotations): SQL => sql`${table}.id`;

const SPAN_JSON = `json_build_object('id', a.id, 'articleId', a.article_id, 'label', a.label_key, 'start', a.start, 'end', a."end", 'quote', a.quote,
  'attributes', a.attributes, 'note', a.note, 'annotator', u.username, 'annotatorId', a.annotator_id, 'version', a.version,
  'createdAt', a.created_at, 'updatedAt', a.updated_at)`;

/** An article's spans as the UTF-8 bytes of the JSON array listAnnotations() gives (see the SQLite twin). */
export async function spanListJson(tx: Tx, articleId: number, by: 'all' | 'id' | 'username', who: number | string | undefined): Promise<Buffer> {
  const filter = by === 'id' ? sql` AND a.annotator_id = ${who}` : by === 'username' ? sql` AND u.username = ${who}` : sql``;
  const rows = await tx
    .select({
      json: sql<string>`coalesce(json_agg(${sql.raw(SPAN_JSON)} ORDER BY a.start, a."end", a.created_at, a.id), '[]')::text`,
    })
    .from(sql`annotations a JOIN users u ON u.id = a.annotator_id`)
    .where(sql`a.article_id = ${articleId}${filter}`);
  return Buffer.from(rows[0]!.json, 'utf8');
}
