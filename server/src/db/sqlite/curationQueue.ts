/**
 * SQLite's part of the curation queue (services/curationQueue.ts).
 */
import type { Db } from '../client.js';

/** A submitted span: id, article, annotator's username, label, start, end, and (when asked for) its attributes as JSON text. */
export type SpanRow = [id: string, articleId: number, annotator: string, label: string, start: number, end: number, attributes?: string];

/**
 * The submitted spans of the project as plain rows, with their annotator's
 * username: a prepared statement read in raw mode, because the queue reads
 * every span of the project and drizzle's row mapping of 240,000 rows alone
 * took most of its time (bench/curation.ts). (PostgreSQL's twin: the same
 * query through `pool.query({ rowMode: 'array' })`, attributes as text.)
 */
export function submittedSpans(db: Db, projectId: number, withAttributes: boolean): Promise<SpanRow[]> {
  const stmt = db.$client.prepare(
    `SELECT a.id, a.article_id, u.username, a.label_key, a.start, a."end"${withAttributes ? ', a.attributes' : ''}
       FROM annotations a
       JOIN articles ar ON ar.id = a.article_id
       JOIN assignments s ON s.article_id = a.article_id AND s.annotator_id = a.annotator_id AND s.status = 'submitted'
       JOIN users u ON u.id = a.annotator_id
      WHERE ar.project_id = ?`,
  );
  return Promise.resolve(stmt.raw(true).all(projectId) as SpanRow[]);
}
