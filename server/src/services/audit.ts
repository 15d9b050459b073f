import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';

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
  tx.insert(auditLog)
    .values({
      userId,
      action,
      entity,
      entityId: String(entityId),
      data: data ?? null,
      before: change.before ?? null,
      after: change.after ?? null,
      articleId: change.articleId ?? null,
      projectId: change.projectId ?? null,
    })
    .run();
}

export const nowIso = () => new Date().toISOString();
