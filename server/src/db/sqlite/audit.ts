/**
 * An audit entry written on SQLite, at once: a plain better-sqlite3
 * statement prepared once per connection (issue 13: drizzle's placeholder
 * filling cost more than SQLite's work), drizzle's own SQL for it; id and
 * created_at take the columns' defaults. services/audit.ts's audit() writes
 * through it on SQLite, and the import worker's synchronous path
 * (services/imports.ts, import-*.ts) calls it directly inside its
 * better-sqlite3 transaction.
 */
import type { Change } from '../../services/audit.js';
import { statement } from '../prepared.js';
import type { Tx } from '../tx.js';

/** A JSON column's value as drizzle writes it: NULL for null or absent, else the JSON text. */
const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Records one change now, in the open transaction of `tx` (SQLite). */
export function auditSync(tx: Tx, userId: number | null, action: string, entity: string, entityId: string | number, data?: unknown, change: Change = {}): void {
  statement(tx, 'audit.insertRaw', 'INSERT INTO audit_log (user_id, action, entity, entity_id, data, before, after, article_id, project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    userId,
    action,
    entity,
    String(entityId),
    json(data),
    json(change.before),
    json(change.after),
    change.articleId ?? null,
    change.projectId ?? null,
  );
}
