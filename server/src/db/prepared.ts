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
