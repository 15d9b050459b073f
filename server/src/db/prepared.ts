/**
 * Statements of the hot routes built and prepared once per connection
 * (issue 13): drizzle otherwise builds the SQL and prepares it again on every
 * call, which cost more than SQLite's own work. `once(db, key, build)` keeps
 * what `build` returns (a drizzle `.prepare()`d query with `sql.placeholder`s)
 * per connection; a transaction (`Tx`) shares its database's connection, so
 * the statement is the same inside and outside transactions.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './client.js';

type Handle = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

const statements = new WeakMap<object, Map<string, unknown>>();

export function once<T>(db: Handle, key: string, build: () => T): T {
  // drizzle's database and its transactions share one session object, which holds the connection
  const session = (db as unknown as { session: object }).session;
  let map = statements.get(session);
  if (!map) statements.set(session, (map = new Map()));
  let stmt = map.get(key) as T | undefined;
  if (stmt === undefined) map.set(key, (stmt = build()));
  return stmt;
}

/**
 * A plain better-sqlite3 statement on the handle's connection, prepared once per connection: the hottest reads and
 * writes (session, span access, labels), where drizzle's placeholder filling and row mapping cost more than SQLite's
 * own work (issue 13). Rows come back as SQLite gives them (snake_case columns, JSON as text, booleans as 0/1).
 */
export function statement<R = unknown>(db: Handle, key: string, source: string): Statement<unknown[], R> {
  const client = (db as unknown as { session: { client: Db['$client'] } }).session.client;
  return once(db, key, () => client.prepare<unknown[], R>(source));
}

/**
 * `db.transaction(body)` for the hot write routes without drizzle's per-call
 * cost (a transaction object that builds a query builder per table, and a new
 * better-sqlite3 wrapper): one better-sqlite3 transaction function per
 * connection, run with the database itself as the handle, which is the same
 * connection. Same semantics as db.transaction (db/client.ts): BEGIN
 * IMMEDIATE, COMMIT, ROLLBACK on a throw, a savepoint when already inside a
 * transaction.
 */
export function transaction<T>(db: Db, body: (tx: Handle) => T): T {
  const run = once(db, 'prepared.transaction', () => db.$client.transaction((f: () => unknown) => f()));
  return run.immediate(() => body(db)) as T;
}

interface Pending {
  body: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the span routes (issue 13): `batched(db, body)` runs `body`, a write that opens its own
 * `transaction()`, together with every such write that arrives in the same turn of the event loop, in ONE
 * BEGIN IMMEDIATE … COMMIT: the COMMIT (WAL frames, checkpoints) was over half of a span write's cost. Each
 * write runs in its own savepoint, so a refused one rolls back alone and its error goes to its caller only;
 * each is answered after the COMMIT (a failed COMMIT fails them all). The writes run one after the other in the
 * order they came, inside one synchronous call: nothing else runs on the connection in between, and every read
 * that decides a write still happens inside the transaction that makes it.
 */
export function batched<T>(db: Db, body: () => T): Promise<T> {
  const queue = once(db, 'prepared.batch', () => ({ items: [] as Pending[] }));
  return new Promise<T>((resolve, reject) => {
    if (queue.items.push({ body, resolve: resolve as (value: unknown) => void, reject }) === 1) setImmediate(() => commitBatch(db, queue));
  });
}

function commitBatch(db: Db, queue: { items: Pending[] }): void {
  const { items } = queue;
  queue.items = [];
  const run = once(db, 'prepared.transaction', () => db.$client.transaction((f: () => unknown) => f()));
  const outcomes: Array<{ ok: boolean; value: unknown }> = [];
  try {
    run.immediate(() => {
      for (const item of items) {
        try {
          outcomes.push({ ok: true, value: run(item.body) }); // inside a transaction: a savepoint, rolled back on a throw
        } catch (e) {
          outcomes.push({ ok: false, value: e });
        }
      }
    });
  } catch (e) {
    for (const item of items) item.reject(e);
    return;
  }
  items.forEach((item, i) => (outcomes[i]!.ok ? item.resolve : item.reject)(outcomes[i]!.value));
}
