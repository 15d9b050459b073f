/**
 * The span routes' SQL that only SQLite has (issue 15): a PostgreSQL twin
 * (db/pg/annotations.ts) gives the same answers with the same signatures.
 * Both statements are plain better-sqlite3 ones, prepared once per
 * connection (issue 13): drizzle's placeholder filling and row mapping cost
 * more than SQLite's own work.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { once } from '../prepared.js';
import type { annotations } from '../schema.js';
import type { Tx } from '../tx.js';

type AnnotationRow = typeof annotations.$inferSelect;

/** The connection of a handle: on SQLite a transaction's handle is the database itself (db/tx.ts). */
const client = (tx: Tx) => (tx as Db).$client;

/**
 * Inserts a new span, `row` as it will read back (version 1 by the column's
 * default), its attributes as the JSON text `attributesJson`; no RETURNING
 * (26 → 10 µs CPU, issue 13).
 */
export async function insertSpan(tx: Tx, row: AnnotationRow, attributesJson: string): Promise<void> {
  const stmt = once(tx, 'annotations.insertRaw', () =>
    client(tx).prepare<[string, number, number, string, number, number, string, string, string | null, string, string]>(
      'INSERT INTO annotations (id, article_id, annotator_id, label_key, start, "end", quote, attributes, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  );
  stmt.run(row.id, row.articleId, row.annotatorId, row.labelKey, row.start, row.end, row.quote, attributesJson, row.note, row.createdAt, row.updatedAt);
}

/** Spans in the order they were written, after the list's order by place and time (SQLite's rowid). */
export const insertionOrder = (table: typeof annotations): SQL => sql`${table}.rowid`;

/** The columns of an Annotation as SQLite's json_object, in toAnnotation's order (services/annotations.ts). */
const SPAN_JSON = `json_object('id', a.id, 'articleId', a.article_id, 'label', a.label_key, 'start', a.start, 'end', a."end", 'quote', a.quote,
  'attributes', json(a.attributes), 'note', a.note, 'annotator', u.username, 'annotatorId', a.annotator_id, 'version', a.version,
  'createdAt', a.created_at, 'updatedAt', a.updated_at)`;

/**
 * An article's spans as the UTF-8 bytes of the JSON array listAnnotations()
 * gives: all (`by` 'all'), one annotator's by id, or by username (`who`).
 * Built by SQLite and read as a BLOB: no object per row, no string (issue 13).
 */
export async function spanListJson(tx: Tx, articleId: number, by: 'all' | 'id' | 'username', who: number | string | undefined): Promise<Buffer> {
  const stmt = once(tx, `annotations.listJson.${by}`, () =>
    client(tx)
      .prepare<unknown[], Buffer>(
        `SELECT CAST(coalesce(json_group_array(${SPAN_JSON} ORDER BY a.start, a."end", a.created_at, a.rowid), '[]') AS BLOB)
         FROM annotations a JOIN users u ON u.id = a.annotator_id
         WHERE a.article_id = ?${by === 'id' ? ' AND a.annotator_id = ?' : by === 'username' ? ' AND u.username = ?' : ''}`,
      )
      .pluck(),
  );
  return who === undefined ? stmt.get(articleId)! : stmt.get(articleId, who)!;
}
