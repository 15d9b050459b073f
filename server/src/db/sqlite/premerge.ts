/**
 * SQLite's part of the pre-merge (services/premerge.ts): reading a batch of
 * articles' plans, each in one snapshot. On SQLite (WAL) a transaction on the
 * connection is that snapshot, on the request thread's connection as on a
 * worker's read-only one. (PostgreSQL's twin: a REPEATABLE READ, READ ONLY
 * transaction.)
 */
import type { Db } from '../client.js';
import { transaction, type Tx } from '../tx.js';

/** Runs `read` on one consistent snapshot of the database. */
export function readSnapshot<T>(db: Db, read: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(db, read);
}
