/**
 * One transaction API for both engines (issue 15, docs/postgres.md):
 * `await runner.transaction(async (tx) => …)` commits when the function
 * returns and rolls back when it throws; a call inside another's function
 * becomes a savepoint of it; `runner.lock(tx, what, id)` makes transactions
 * that name the same thing take turns.
 *
 * - SQLite (better-sqlite3): its own `transaction()` cannot wrap a function
 *   that awaits. Here one transaction runs at a time per connection (an
 *   async queue, as SQLite has one writer anyway): BEGIN IMMEDIATE, await
 *   the function, COMMIT or ROLLBACK. Everything is serialised, so `lock`
 *   has nothing to add.
 * - PostgreSQL (node-postgres): drizzle's transaction at READ COMMITTED on a
 *   connection of the pool; `lock` takes a transaction-scoped advisory lock
 *   on (what, id), so the read that decides a write and the write happen
 *   with no other transaction on that thing in between.
 *
 * Not yet used by the services (they are synchronous); the conversion will.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Db } from './client.js';
import type { PgDb } from './pg/client.js';

export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

export interface TxRunner<Tx> {
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Until `tx` ends, other transactions that lock the same (what, id) wait. */
  lock(tx: Tx, what: string, id: number | string): Promise<void>;
}

/** Runs `fn` after every task queued before it has finished (one at a time). */
function queue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

const sqliteRunners = new WeakMap<Db, TxRunner<Db>>();

/** The runner of an SQLite connection (one per connection: the queue must be shared by all its users). */
export function sqliteTransactions(db: Db): TxRunner<Db> {
  let runner = sqliteRunners.get(db);
  if (runner) return runner;
  const inside = new AsyncLocalStorage<{ depth: number }>();
  const serial = queue();
  const client = db.$client;
  runner = {
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const open = inside.getStore();
      if (open) {
        const name = `sp${open.depth + 1}`;
        client.exec(`SAVEPOINT ${name}`);
        try {
          const result = await inside.run({ depth: open.depth + 1 }, () => fn(db));
          client.exec(`RELEASE ${name}`);
          return result;
        } catch (e) {
          client.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
          throw e;
        }
      }
      return serial(async () => {
        client.exec('BEGIN IMMEDIATE');
        try {
          const result = await inside.run({ depth: 0 }, () => fn(db));
          client.exec('COMMIT');
          return result;
        } catch (e) {
          if (client.inTransaction) client.exec('ROLLBACK');
          throw e;
        }
      });
    },
    // one transaction at a time already
    lock: async () => undefined,
  };
  sqliteRunners.set(db, runner);
  return runner;
}

/** The runner of a PostgreSQL pool: drizzle's transactions, nested ones as savepoints. */
export function pgTransactions(db: PgDb): TxRunner<PgTx> {
  const inside = new AsyncLocalStorage<PgTx>();
  return {
    transaction<T>(fn: (tx: PgTx) => Promise<T>): Promise<T> {
      const open = inside.getStore();
      const run = (tx: PgTx) => inside.run(tx, () => fn(tx));
      return open ? open.transaction(run) : db.transaction(run);
    },
    async lock(tx, what, id) {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${what}), hashtext(${String(id)}))`);
    },
  };
}
