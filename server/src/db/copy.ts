/**
 * Copies a whole workbench database from SQLite to PostgreSQL: every table of
 * the schema, parents before children (from the foreign keys), in batches,
 * keeping ids, then the PostgreSQL id sequences moved past the copied ids.
 * The source is read in one read transaction (one consistent moment, even
 * while a server writes); the target is written in one transaction, which
 * counts every table and rolls back unless each count equals the source's.
 */
import { getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { existsSync } from 'node:fs';
import { openDatabase, type Db } from './client.js';
import { redactUrl, type DatabaseTarget } from './engine.js';
import { openPostgres, type PgDb } from './pg/client.js';
import * as pgSchema from './pg/schema.js';
import * as sqliteSchema from './schema.js';

export class CopyError extends Error {}

export interface CopyCount {
  table: string;
  source: number;
  target: number;
}

export interface CopyOptions {
  /** Empty a target that holds rows (all of them, in every table) instead of refusing. */
  force?: boolean;
  /** Rows per INSERT (fewer when a table has many columns: PostgreSQL takes at most 65535 parameters). */
  batchSize?: number;
  /** Called after each table with its counts. */
  onTable?: (count: CopyCount) => void;
}

interface TablePair {
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
}

/** Every table of the SQLite schema with its PostgreSQL twin (same export name), parents first. */
export function tablesInDependencyOrder(): TablePair[] {
  const pgTables = pgSchema as Record<string, unknown>;
  const pairs = new Map<string, TablePair>();
  for (const [key, table] of Object.entries(sqliteSchema)) {
    if (!is(table, SQLiteTable)) continue;
    const twin = pgTables[key];
    if (!is(twin, PgTable)) throw new CopyError(`the PostgreSQL schema has no table ${key} (server/src/db/pg/schema.ts)`);
    pairs.set(getTableName(table), { name: getTableName(table), sqlite: table, pg: twin });
  }
  const ordered: TablePair[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new CopyError(`foreign keys form a cycle through ${name}`);
    state.set(name, 'visiting');
    for (const fk of sqliteTableConfig(pairs.get(name)!.sqlite).foreignKeys) {
      const parent = getTableName(fk.reference().foreignTable);
      if (parent !== name) visit(parent);
    }
    state.set(name, 'done');
    ordered.push(pairs.get(name)!);
  };
  for (const name of [...pairs.keys()].sort()) visit(name);
  return ordered;
}

/** `sqlite:FILE` → `postgres://…`; answers each table's counts (equal, or it throws and writes nothing). */
export async function copyDatabase(from: DatabaseTarget, to: DatabaseTarget, options: CopyOptions = {}): Promise<CopyCount[]> {
  if (from.engine !== 'sqlite' || to.engine !== 'postgres') throw new CopyError('copy goes from sqlite:FILE to postgres://… (the other direction is not built yet)');
  if (from.path === ':memory:' || !existsSync(from.path)) throw new CopyError(`there is no database at ${from.path}`);
  const source = openDatabase(from.path);
  try {
    const target = await openPostgres(to.url, { max: 1 }).catch((e: Error) => {
      throw new CopyError(`cannot open ${redactUrl(to.url)}: ${e.message}`, { cause: e });
    });
    try {
      return await copyTables(source, target.db, options);
    } catch (e) {
      if (e instanceof CopyError) throw e;
      // the driver's message, not drizzle's (which repeats the whole INSERT with its values)
      const cause = (e as { cause?: Error }).cause ?? (e as Error);
      throw new CopyError(`copy failed, nothing kept in the target: ${cause.message}`, { cause: e });
    } finally {
      await target.pool.end();
    }
  } finally {
    source.sqlite.close();
  }
}

async function copyTables(source: { db: Db; sqlite: import('better-sqlite3').Database }, target: PgDb, options: CopyOptions): Promise<CopyCount[]> {
  const tables = tablesInDependencyOrder();
  // A deferred transaction's first read fixes the snapshot every later read sees (WAL).
  source.sqlite.exec('BEGIN');
  try {
    return await target.transaction(async (tx) => {
      await emptyTarget(tx, tables, options.force ?? false);
      const counts: CopyCount[] = [];
      for (const table of tables) {
        const copied = await copyTable(source.db, tx, table, options.batchSize ?? 500);
        const target = await countRows(tx, table.pg);
        const count = { table: table.name, source: copied, target };
        counts.push(count);
        options.onTable?.(count);
      }
      await resetSequences(tx, tables);
      const wrong = counts.filter((c) => c.source !== c.target);
      if (wrong.length) throw new CopyError(`counts differ, nothing copied: ${wrong.map((c) => `${c.table} ${c.source} → ${c.target}`).join(', ')}`);
      return counts;
    });
  } finally {
    source.sqlite.exec('COMMIT');
  }
}

type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

async function countRows(tx: PgTx, table: PgTable): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)` }).from(table);
  return Number(row!.n);
}

/** Refuses a target with rows unless forced; forced, empties every table of the schema. */
async function emptyTarget(tx: PgTx, tables: TablePair[], force: boolean): Promise<void> {
  const held: string[] = [];
  for (const t of tables) {
    const n = await countRows(tx, t.pg);
    if (n) held.push(`${t.name} (${n})`);
  }
  if (!held.length) return;
  if (!force) throw new CopyError(`the target database is not empty: ${held.join(', ')}. Copy into an empty database, or add --force to replace everything in it`);
  const names = tables.map((t) => `"${t.name}"`).join(', ');
  await tx.execute(sql.raw(`TRUNCATE ${names} RESTART IDENTITY CASCADE`));
}

/** Copies one table in batches, by SQLite rowid (every table here has one); answers the rows read. */
async function copyTable(source: Db, tx: PgTx, table: TablePair, batchSize: number): Promise<number> {
  const columns = getTableColumns(table.sqlite);
  const perBatch = Math.max(1, Math.min(batchSize, Math.floor(60_000 / Object.keys(columns).length)));
  let last = Number.MIN_SAFE_INTEGER;
  let rows = 0;
  for (;;) {
    const batch = source
      .select({ rowid: sql<number>`rowid`, ...columns })
      .from(table.sqlite)
      .where(sql`rowid > ${last}`)
      .orderBy(sql`rowid`)
      .limit(perBatch)
      .all() as ({ rowid: number } & Record<string, unknown>)[];
    if (!batch.length) return rows;
    last = batch.at(-1)!.rowid;
    rows += batch.length;
    await tx.insert(table.pg).values(batch.map(({ rowid: _, ...row }) => row));
  }
}

/** Moves each identity column's sequence past the largest copied id, so the next insert gets a new one. */
async function resetSequences(tx: PgTx, tables: TablePair[]): Promise<void> {
  for (const t of tables)
    for (const column of pgTableConfig(t.pg).columns) {
      if (!(column as unknown as { generatedIdentity?: unknown }).generatedIdentity) continue;
      await tx.execute(
        sql.raw(`SELECT setval(pg_get_serial_sequence('"${t.name}"', '${column.name}'), COALESCE((SELECT MAX("${column.name}") FROM "${t.name}"), 0) + 1, false)`),
      );
    }
}
