/** The curation queue's read on PostgreSQL: the twin of db/sqlite/curationQueue.ts, rows as arrays (no object per row). */
import type { Db } from '../client.js';
import type { SpanRow } from '../sqlite/curationQueue.js';
import type { PgDb } from './client.js';

export async function submittedSpans(db: Db, projectId: number, withAttributes: boolean): Promise<SpanRow[]> {
  const result = await (db as unknown as PgDb).$client.query<SpanRow>({
    text: `SELECT a.id, a.article_id, u.username, a.label_key, a.start, a."end"${withAttributes ? ', a.attributes::text' : ''}
             FROM annotations a
             JOIN articles ar ON ar.id = a.article_id
             JOIN assignments s ON s.article_id = a.article_id AND s.annotator_id = a.annotator_id AND s.status = 'submitted'
             JOIN users u ON u.id = a.annotator_id
            WHERE ar.project_id = $1`,
    values: [projectId],
    rowMode: 'array',
  });
  return result.rows;
}
