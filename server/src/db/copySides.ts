/**
 * The two ends of a copy (copy.ts), one per engine: each reads a table in
 * batches from one consistent snapshot, counts rows, and as the target
 * empties, inserts and finishes inside one transaction.
 */
import { asc, getTableColumns, gt, sql, type SQL } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.js';
import type { PgDb } from './pg/client.js';
import type { PgTx } from './tx.js';

export interface TablePair {
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
}

export type Row = Record<string, unknown>;

export interface Side {
  count(t: TablePair): Promise<number>;
  batches(t: TablePair, size: number): AsyncGenerator<Row[]>;
}

export interface TargetSide extends Side {
  /** Deletes every row of every table (children first). */
  empty(tables: TablePair[]): Promise<void>;
  insert(t: TablePair, rows: Row[]): Promise<void>;
  /** After the last insert: PostgreSQL moves its id sequences past the copied ids. */
  finish(tables: TablePair[]): Promise<void>;
}

/** Rows per batch: PostgreSQL takes at most 65,535 parameters a statement. */
export const batchRows = (table: SQLiteTable | PgTable, wanted: number) => Math.max(1, Math.min(wanted, Math.floor(30_000 / Object.keys(getTableColumns(table)).length)));

/** An SQLite database as a copy's end. Run inside `sqliteSnapshot` or `sqliteWrite`. */
function sqliteSide(db: Db): TargetSide {
  return {
    async count(t) {
      return (db.select({ n: sql<number>`count(*)` }).from(t.sqlite).get() as { n: number }).n;
    },
    async *batches(t, size) {
      // by rowid: every table here has one, and it is the fastest order
      const columns = getTableColumns(t.sqlite);
      for (let last = Number.MIN_SAFE_INTEGER; ; ) {
        const batch = db.select({ rowid: sql<number>`rowid`, ...columns }).from(t.sqlite).where(sql`rowid > ${last}`).orderBy(sql`rowid`).limit(batchRows(t.sqlite, size)).all() as ({ rowid: number } & Row)[];
        if (!batch.length) return;
        last = batch.at(-1)!.rowid;
        yield batch.map(({ rowid: _, ...row }) => row);
      }
    },
    async empty(tables) {
      for (const t of [...tables].reverse()) db.delete(t.sqlite).run();
    },
    async insert(t, rows) {
      db.insert(t.sqlite).values(rows).run();
    },
    // AUTOINCREMENT moves sqlite_sequence past explicit ids by itself
    async finish() {},
  };
}

/** PostgreSQL as a copy's end, on one transaction `tx`. */
function pgSide(tx: PgTx): TargetSide {
  return {
    async count(t) {
      const [row] = await tx.select({ n: sql<number>`count(*)` }).from(t.pg);
      return Number(row!.n);
    },
    async *batches(t, size) {
      // keyset on the primary key (one column, or the composite key as a row value)
      const config = pgTableConfig(t.pg);
      const key: PgColumn[] = config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary);
      const tuple = sql.join(key.map((c) => sql`${c}`), sql`, `);
      for (let last: Row | null = null; ; ) {
        const after: SQL | undefined = !last ? undefined : key.length === 1 ? gt(key[0]!, last[keyOf(t.pg, key[0]!)]) : sql`(${tuple}) > (${sql.join(key.map((c) => sql`${last![keyOf(t.pg, c)]}`), sql`, `)})`;
        const batch = (await tx.select().from(t.pg).where(after).orderBy(...key.map((c) => asc(c))).limit(batchRows(t.pg, size))) as Row[];
        if (!batch.length) return;
        last = batch.at(-1)!;
        yield batch;
      }
    },
    async empty(tables) {
      await tx.execute(sql.raw(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`));
    },
    async insert(t, rows) {
      await tx.insert(t.pg).values(rows);
    },
    async finish(tables) {
      for (const t of tables)
        for (const c of pgTableConfig(t.pg).columns) {
          if (!(c as unknown as { generatedIdentity?: unknown }).generatedIdentity) continue;
          await tx.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('"${t.name}"', '${c.name}'), COALESCE((SELECT MAX("${c.name}") FROM "${t.name}"), 0) + 1, false)`));
        }
    },
  };
}

const keyOf = (table: PgTable, column: PgColumn) => Object.entries(getTableColumns(table)).find(([, c]) => c.name === column.name)![0];

/** Reads an SQLite database from one snapshot: a deferred transaction's first read fixes what every later read sees (WAL). */
export async function sqliteSnapshot<T>(db: Db, fn: (side: Side) => Promise<T>): Promise<T> {
  db.$client.exec('BEGIN');
  try {
    return await fn(sqliteSide(db));
  } finally {
    db.$client.exec('COMMIT');
  }
}

/** Writes an SQLite database in one transaction: a throw keeps nothing. */
export async function sqliteWrite<T>(db: Db, fn: (side: TargetSide) => Promise<T>): Promise<T> {
  db.$client.exec('BEGIN IMMEDIATE');
  try {
    const result = await fn(sqliteSide(db));
    db.$client.exec('COMMIT');
    return result;
  } catch (e) {
    if (db.$client.inTransaction) db.$client.exec('ROLLBACK');
    throw e;
  }
}

/** Reads a PostgreSQL database from one snapshot (a read-only REPEATABLE READ transaction). */
export function pgSnapshot<T>(db: PgDb, fn: (side: Side) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(pgSide(tx)), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

/** Writes a PostgreSQL database in one transaction: a throw keeps nothing. */
export function pgWrite<T>(db: PgDb, fn: (side: TargetSide) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(pgSide(tx)));
}
