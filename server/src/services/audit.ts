import { auditSync } from '../db/sqlite/audit.js';
import { auditLog } from '../db/tables.js';
import { isPostgres, type Tx } from '../db/tx.js';

export type { Tx };

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

/**
 * Records one change; call it inside the transaction that makes the change.
 * On SQLite the row is written before this returns (a synchronous caller,
 * the import worker's better-sqlite3 transaction, gets it inside its
 * transaction too); on PostgreSQL await it.
 */
export function audit(
  tx: Tx,
  userId: number | null,
  action: string,
  entity: string,
  entityId: string | number,
  data?: unknown,
  change: Change = {},
): Promise<void> {
  if (!isPostgres(tx)) {
    auditSync(tx, userId, action, entity, entityId, data, change);
    return Promise.resolve();
  }
  return tx
    .insert(auditLog)
    .values({
      userId,
      action,
      entity,
      entityId: String(entityId),
      // the json columns take the values (drizzle writes their JSON text); absent is NULL, as on SQLite
      data: data ?? null,
      before: change.before ?? null,
      after: change.after ?? null,
      articleId: change.articleId ?? null,
      projectId: change.projectId ?? null,
    })
    .then(() => undefined);
}

export const nowIso = () => new Date().toISOString();
