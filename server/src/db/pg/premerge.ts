/** The pre-merge's snapshot on PostgreSQL: the twin of db/sqlite/premerge.ts, one REPEATABLE READ, READ ONLY transaction. */
import type { Db } from '../client.js';
import type { Tx } from '../tx.js';
import type { PgDb } from './client.js';

export function readSnapshot<T>(db: Db, read: (tx: Tx) => Promise<T>): Promise<T> {
  return (db as unknown as PgDb).transaction((tx) => read(tx as unknown as Tx), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}
