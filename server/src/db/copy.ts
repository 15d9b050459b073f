/**
 * Copies a whole workbench database between SQLite and PostgreSQL, either
 * way: every table of the schema, parents before children (from the foreign
 * keys), in batches, keeping ids (PostgreSQL's id sequences are then moved
 * past them). The source is read from one snapshot (one consistent moment,
 * even while a server writes); the target is written in one transaction,
 * which counts every table and rolls back unless each count equals the
 * source's.
 */
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { existsSync } from 'node:fs';
import { serverHolding } from '../services/dbFile.js';
import { openDatabase } from './client.js';
import { pgSnapshot, pgWrite, sqliteSnapshot, sqliteWrite, type Side, type TablePair, type TargetSide } from './copySides.js';
import { redactUrl, type DatabaseTarget } from './engine.js';
import { openPostgres } from './pg/client.js';
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
  /** Rows per INSERT (fewer when a table has many columns). */
  batchSize?: number;
  /** Called after each table with its counts. */
  onTable?: (count: CopyCount) => void;
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

/** `sqlite:FILE` → `postgres://…` or back; answers each table's counts (equal, or it throws and writes nothing). */
export async function copyDatabase(from: DatabaseTarget, to: DatabaseTarget, options: CopyOptions = {}): Promise<CopyCount[]> {
  if (from.engine === to.engine) throw new CopyError('copy goes between engines: from sqlite:FILE to postgres://…, or back');
  const sqliteEnd = from.engine === 'sqlite' ? from : (to as { path: string });
  if (sqliteEnd.path === ':memory:') throw new CopyError('name an SQLite file, not :memory:');
  if (from.engine === 'sqlite' && !existsSync(from.path)) throw new CopyError(`there is no database at ${from.path}`);
  if (to.engine === 'sqlite') {
    const pid = serverHolding(to.path);
    if (pid !== null) throw new CopyError(`a server (pid ${pid}) holds ${to.path}: stop it, then copy`);
  }
  const pgUrl = from.engine === 'postgres' ? from.url : (to as { url: string }).url;
  const lite = openDatabase(sqliteEnd.path);
  try {
    const pg = await openPostgres(pgUrl, { max: 1 }).catch((e: Error) => {
      throw new CopyError(`cannot open ${redactUrl(pgUrl)}: ${e.message}`, { cause: e });
    });
    try {
      const run = (source: Side, target: TargetSide) => copyTables(source, target, options);
      return await (from.engine === 'sqlite'
        ? sqliteSnapshot(lite.db, (source) => pgWrite(pg.db, (target) => run(source, target)))
        : pgSnapshot(pg.db, (source) => sqliteWrite(lite.db, (target) => run(source, target))));
    } catch (e) {
      if (e instanceof CopyError) throw e;
      // the driver's message, not drizzle's (which repeats the whole INSERT with its values)
      const cause = (e as { cause?: Error }).cause ?? (e as Error);
      throw new CopyError(`copy failed, nothing kept in the target: ${cause.message}`, { cause: e });
    } finally {
      await pg.pool.end();
    }
  } finally {
    lite.sqlite.close();
  }
}

async function copyTables(source: Side, target: TargetSide, options: CopyOptions): Promise<CopyCount[]> {
  const tables = tablesInDependencyOrder();
  await emptyTarget(target, tables, options.force ?? false);
  const counts: CopyCount[] = [];
  for (const table of tables) {
    for await (const rows of source.batches(table, options.batchSize ?? 500)) await target.insert(table, rows);
    const count = { table: table.name, source: await source.count(table), target: await target.count(table) };
    counts.push(count);
    options.onTable?.(count);
  }
  await target.finish(tables);
  const wrong = counts.filter((c) => c.source !== c.target);
  if (wrong.length) throw new CopyError(`counts differ, nothing copied: ${wrong.map((c) => `${c.table} ${c.source} → ${c.target}`).join(', ')}`);
  return counts;
}

/** Refuses a target with rows unless forced; forced, empties every table of the schema. */
async function emptyTarget(target: TargetSide, tables: TablePair[], force: boolean): Promise<void> {
  const held: string[] = [];
  for (const t of tables) {
    const n = await target.count(t);
    if (n) held.push(`${t.name} (${n})`);
  }
  if (!held.length) return;
  if (!force) throw new CopyError(`the target database is not empty: ${held.join(', ')}. Copy into an empty database, or add --force to replace everything in it`);
  await target.empty(tables);
}
