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
 * The services call `transaction(db, fn)`, `lock(tx, what, id)` and
 * `first(query)` below, which pick the engine of the handle they are given.
 * Services are written against the SQLite handle types (`Db`, `Tx`); a
 * PostgreSQL database is handed to them under the same types at one seam,
 * and they only use what both engines have: awaited queries (never
 * better-sqlite3's `.get()/.all()/.run()`, which lint refuses in services).
 *
 * On SQLite every query resolves at once (the driver is synchronous), so a
 * transaction whose function awaits only the database runs to its end
 * before any other request's code: a function must not await anything else
 * (a timer, a file, a worker) inside a transaction.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { is, sql } from 'drizzle-orm';
import { PgDatabase } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';
import type { PgDb } from './pg/client.js';

/** Any drizzle handle the services write through: the database or a transaction on it. */
export type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

export interface TxRunner<Tx> {
  /** `readOnly`: a transaction that writes nothing (SQLite: BEGIN DEFERRED, no write lock; PostgreSQL: READ ONLY). */
  transaction<T>(fn: (tx: Tx) => Promise<T>, readOnly?: boolean): Promise<T>;
  /** Until `tx` ends, other transactions that lock the same (what, id) wait: for an exclusive lock all of them, for a shared one those that lock it exclusively. */
  lock(tx: Tx, what: string, id: number | string, shared?: boolean): Promise<void>;
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
    async transaction<T>(fn: (tx: Db) => Promise<T>, readOnly = false): Promise<T> {
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
      // inside a transaction opened without this runner (db/prepared.ts's, better-sqlite3's own): a savepoint of it
      if (client.inTransaction) return inside.run({ depth: 100 }, () => runner!.transaction(fn));
      return serial(async () => {
        client.exec(readOnly ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE');
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
    transaction<T>(fn: (tx: PgTx) => Promise<T>, readOnly = false): Promise<T> {
      const open = inside.getStore();
      const run = (tx: PgTx) => inside.run(tx, () => fn(tx));
      return open ? open.transaction(run) : db.transaction(run, readOnly ? { accessMode: 'read only' } : undefined);
    },
    async lock(tx, what, id, shared = false) {
      if (shared) await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(hashtext(${what}), hashtext(${String(id)}))`);
      else await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${what}), hashtext(${String(id)}))`);
    },
  };
}

const pgRunners = new WeakMap<object, TxRunner<PgTx>>();
const pgRunner = (handle: object) => {
  let runner = pgRunners.get(handle);
  if (!runner) pgRunners.set(handle, (runner = pgTransactions(handle as PgDb)));
  return runner;
};

/** Is this handle (database or transaction) on PostgreSQL? */
export const isPostgres = (handle: object) => is(handle, PgDatabase);
const isPg = isPostgres;

/**
 * Runs `fn` in a write transaction on the handle's engine (see the top):
 * commits when it returns, rolls back when it throws; called with a
 * transaction's handle, a savepoint inside it. `readOnly` (nothing is
 * written: an import's dry run): no write lock on SQLite, READ ONLY on PostgreSQL.
 */
export function transaction<T>(handle: Db | Tx, fn: (tx: Tx) => Promise<T>, readOnly = false): Promise<T> {
  if (isPg(handle)) return pgRunner(handle).transaction(fn as unknown as (tx: PgTx) => Promise<T>, readOnly);
  return sqliteTransactions(handle as Db).transaction(fn, readOnly);
}

/**
 * Until the transaction `tx` ends, other transactions that lock the same
 * (what, id) wait (PostgreSQL; SQLite has one writer). `shared`: only for
 * those that lock it exclusively; shared holders run side by side (span
 * writes of one article, while its submission, archiving or curation wait).
 */
export function lock(tx: Tx, what: string, id: number | string, shared = false): Promise<void> {
  return isPg(tx) ? pgRunner(tx).lock(tx as unknown as PgTx, what, id, shared) : Promise.resolve();
}

/** The first row of a query, or undefined: what better-sqlite3's `.get()` gives, on both engines. */
export async function first<T>(query: PromiseLike<T[]>): Promise<T | undefined> {
  return (await query)[0];
}

interface Pending {
  body: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const groups = new WeakMap<object, Pending[]>();

/**
 * Group commit (issue 13): on SQLite, `groupCommit(db, body)` runs `body` (a
 * write that opens its own `transaction()`) together with every such write
 * that arrives in the same turn of the event loop, in ONE BEGIN IMMEDIATE …
 * COMMIT: the COMMIT was over half of a span write's cost. The writes run one
 * after the other in the order they came, each in its own savepoint, so a
 * refused one rolls back alone and its error goes to its caller only; each is
 * answered after the COMMIT (a failed COMMIT fails them all). Every read that
 * decides a write still happens inside the transaction that makes it. On
 * PostgreSQL each write is its own transaction (concurrent ones run on other
 * connections of the pool).
 */
export function groupCommit<T>(db: Db | Tx, body: () => Promise<T>): Promise<T> {
  if (isPg(db)) return body();
  return new Promise<T>((resolve, reject) => {
    let items = groups.get(db);
    if (!items) {
      groups.set(db, (items = []));
      setImmediate(() => void commitGroup(db));
    }
    items.push({ body, resolve: resolve as (value: unknown) => void, reject });
  });
}

async function commitGroup(db: Db | Tx): Promise<void> {
  const items = groups.get(db)!;
  groups.delete(db);
  const runner = sqliteTransactions(db as Db);
  const outcomes: Array<{ ok: boolean; value: unknown }> = [];
  try {
    await runner.transaction(async () => {
      for (const item of items) {
        try {
          outcomes.push({ ok: true, value: await runner.transaction(() => item.body()) }); // a savepoint, rolled back on a throw
        } catch (e) {
          outcomes.push({ ok: false, value: e });
        }
      }
    });
  } catch (e) {
    for (const item of items) item.reject(e);
    return;
  }
  items.forEach((item, k) => (outcomes[k]!.ok ? item.resolve : item.reject)(outcomes[k]!.value));
}
