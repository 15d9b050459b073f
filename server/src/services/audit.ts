import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';

/** Any drizzle handle: the database or a transaction on it. */
export type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/** Records one change; call it inside the transaction that makes the change. */
export function audit(tx: Tx, userId: number | null, action: string, entity: string, entityId: string | number, data?: unknown) {
  tx.insert(auditLog)
    .values({ userId, action, entity, entityId: String(entityId), data: data ?? null })
    .run();
}

export const nowIso = () => new Date().toISOString();
