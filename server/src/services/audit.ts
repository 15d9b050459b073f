import type { Db } from '../db/client.js';
import { statement } from '../db/prepared.js';

/** Any drizzle handle: the database or a transaction on it. */
export type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/**
 * What a change did: the changed thing's values before and after it (null or
 * absent: it did not exist; never a password hash), and the article and
 * project it belongs to, so that their history finds it.
 */
export interface Change {
  before?: unknown;
  after?: unknown;
  articleId?: number | null;
  projectId?: number | null;
}

// One insert for every entry: a plain better-sqlite3 statement prepared once per connection (db/prepared.ts, issue 13),
// drizzle's own SQL for it without its placeholder filling; id and created_at take the columns' defaults as there.
const insertEntry = (tx: Tx) =>
  statement(tx, 'audit.insertRaw', 'INSERT INTO audit_log (user_id, action, entity, entity_id, data, before, after, article_id, project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');

/** A JSON column's value as drizzle writes it: NULL for null or absent, else the JSON text. */
const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Records one change; call it inside the transaction that makes the change. */
export function audit(
  tx: Tx,
  userId: number | null,
  action: string,
  entity: string,
  entityId: string | number,
  data?: unknown,
  change: Change = {},
) {
  insertEntry(tx).run(userId, action, entity, String(entityId), json(data), json(change.before), json(change.after), change.articleId ?? null, change.projectId ?? null);
}

export const nowIso = () => new Date().toISOString();
