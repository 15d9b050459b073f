/**
 * The span routes' SQL on PostgreSQL: the twin of db/sqlite/annotations.ts,
 * same signatures, same answers (the span list's JSON byte for byte).
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

/** A string column as JSON: to_json escapes as JSON.stringify does (", \\, \b \f \n \r \t, other controls as \u00xx). */
const str = (column: string) => `coalesce(to_json(${column})::text, 'null')`;

/**
 * The columns of an Annotation as JSON text in toAnnotation's order, written out: json_build_object and json_agg
 * put a space around `:` and after `,`, and the body must be byte for byte JSON.stringify's (tests/api/span-list-json).
 */
const SPAN_JSON = `'{"id":' || ${str('a.id')} || ',"articleId":' || a.article_id || ',"label":' || ${str('a.label_key')}
  || ',"start":' || a.start || ',"end":' || a."end" || ',"quote":' || ${str('a.quote')} || ',"attributes":' || coalesce(a.attributes::text, 'null')
  || ',"note":' || ${str('a.note')} || ',"annotator":' || ${str('u.username')} || ',"annotatorId":' || a.annotator_id || ',"version":' || a.version
  || ',"createdAt":' || ${str('a.created_at')} || ',"updatedAt":' || ${str('a.updated_at')} || '}'`;

/** An article's spans as the UTF-8 bytes of the JSON array listAnnotations() gives (see the SQLite twin). */
export async function spanListJson(tx: Tx, articleId: number, by: 'all' | 'id' | 'username', who: number | string | undefined): Promise<Buffer> {
  const filter = by === 'id' ? sql` AND a.annotator_id = ${who}` : by === 'username' ? sql` AND u.username = ${who}` : sql``;
  const rows = await tx
    .select({
      json: sql<string>`'[' || coalesce(string_agg(${sql.raw(SPAN_JSON)}, ',' ORDER BY a.start, a."end", a.created_at, a.id), '') || ']'`,
    })
    .from(sql`annotations a JOIN users u ON u.id = a.annotator_id`)
    .where(sql`a.article_id = ${articleId}${filter}`);
  return Buffer.from(rows[0]!.json, 'utf8');
}
