/**
 * Plain SQL for the hottest reads (issue 13), on both engines (issue 15):
 * on SQLite a better-sqlite3 statement prepared once per connection
 * (db/prepared.ts `statement()`: no drizzle placeholder filling, no row
 * mapping), on PostgreSQL the same text through drizzle's `execute` on the
 * handle (the transaction's connection inside one), its `?` placeholders
 * sent as parameters. Rows come back as the database gives them:
 * snake_case columns, JSON as text on SQLite, booleans as 0/1 on SQLite and
 * true/false on PostgreSQL. Write SQL both engines read (no `?` but
 * placeholders).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PgDb } from './pg/client.js';
import { statement } from './prepared.js';
import { isPostgres, type Tx } from './tx.js';

function pgQuery(source: string, params: unknown[]): SQL {
  const parts = source.split('?');
  if (parts.length !== params.length + 1) throw new Error(`${parts.length - 1} placeholders, ${params.length} values: ${source}`);
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  parts.slice(1).forEach((part, i) => chunks.push(sql`${params[i]}`, sql.raw(part)));
  return sql.join(chunks);
}

const pgRows = async <R>(db: Tx, source: string, params: unknown[]) =>
  (await (db as unknown as PgDb).execute(pgQuery(source, params))).rows as R[];

/** The first row, or undefined. `key` names the statement (one per text). */
export async function rawGet<R>(db: Tx, key: string, source: string, ...params: unknown[]): Promise<R | undefined> {
  if (isPostgres(db)) return (await pgRows<R>(db, source, params))[0];
  return statement<R>(db, key, source).get(...params);
}

/** Every row. */
export async function rawAll<R>(db: Tx, key: string, source: string, ...params: unknown[]): Promise<R[]> {
  if (isPostgres(db)) return pgRows<R>(db, source, params);
  return statement<R>(db, key, source).all(...params);
}
