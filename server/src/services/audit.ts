import { sql } from 'drizzle-orm';
import { once } from '../db/prepared.js';
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

// One insert for every entry, prepared once per connection (db/prepared.ts, issue 13).
const insertEntry = (tx: Tx) =>
  once(tx, 'audit.insert', () => {
    const p = (name: string) => sql`${sql.placeholder(name)}`; // raw values: the JSON columns get json() below, NULL stays NULL
    return tx
      .insert(auditLog)
      .values({ userId: p('userId'), action: p('action'), entity: p('entity'), entityId: p('entityId'), data: p('data'), before: p('before'), after: p('after'), articleId: p('articleId'), projectId: p('projectId') })
      .prepare();
  });

/** A JSON column's value as drizzle writes it: NULL for null or absent, else the JSON text. */
const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

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
  const row = {
    userId,
    action,
    entity,
    entityId: String(entityId),
    data: json(data),
    before: json(change.before),
    after: json(change.after),
    articleId: change.articleId ?? null,
    projectId: change.projectId ?? null,
  };
  const stmt = insertEntry(tx);
  if (isPostgres(tx)) return stmt.execute(row).then(() => undefined);
  stmt.execute(row).sync(); // drizzle's awaited query would run only in a later microtask
  return Promise.resolve();
}

export const nowIso = () => new Date().toISOString();
