/**
 * The PostgreSQL schema (server/src/db/pg/schema.ts) mirrors the SQLite one
 * (server/src/db/schema.ts): the same tables under the same exports, and in
 * each the same columns (TypeScript key, name, kind of value, enum values,
 * nullability, whether the database fills it), primary keys, unique
 * constraints, indexes and foreign keys, literal defaults. A column added to one and not the
 * other fails here.
 */
import { getTableColumns, getTableName, is, SQL } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pg from '../../../server/src/db/pg/schema.js';
import * as sqlite from '../../../server/src/db/schema.js';

type Config = ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>;
type AnyColumn = Config['columns'][number];

const names = (cols: { name: string }[]) => cols.map((c) => c.name).join(',');

/** The columns an index covers, by name (both dialects keep them in `config.columns`). */
const indexColumns = (ix: Config['indexes'][number]) => names(ix.config.columns as { name: string }[]);

/** A table's shape in dialect-neutral terms. */
function shape(table: PgTable | SQLiteTable) {
  const config: Config = is(table, PgTable) ? pgConfig(table) : sqliteConfig(table as SQLiteTable);
  const keyOf = new Map(Object.entries(getTableColumns(table)).map(([key, col]) => [(col as AnyColumn).name, key]));
  const columns = Object.fromEntries(
    config.columns.map((c: AnyColumn) => [
      c.name,
      {
        key: keyOf.get(c.name),
        // number, string, boolean, json: what the row object holds (bigint read as a number is `number`)
        kind: c.dataType,
        enumValues: c.enumValues ?? null,
        notNull: c.notNull,
        primary: c.primary,
        // filled by the database when left out: a default, or an id the database assigns
        filled: c.default !== undefined || c.defaultFn !== undefined || isGeneratedId(c),
        // a literal default is the same value; an SQL one (the timestamp) is each engine's own expression
        default: is(c.default, SQL) ? 'an SQL expression' : c.default,
        unique: c.isUnique,
      },
    ]),
  );
  return {
    columns,
    primaryKeys: config.primaryKeys.map((pk) => names(pk.columns)).sort(),
    uniqueConstraints: config.uniqueConstraints.map((u) => names(u.columns)).sort(),
    indexes: config.indexes.map((ix) => `${ix.config.name} ${ix.config.unique ? 'unique ' : ''}(${indexColumns(ix)})`).sort(),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const r = fk.reference();
        return `(${names(r.columns)}) → ${getTableName(r.foreignTable)}(${names(r.foreignColumns)}) on delete ${fk.onDelete ?? 'no action'}`;
      })
      .sort(),
  };
}

/**
 * SQLite's `integer primary key autoincrement` and PostgreSQL's identity
 * column: the database assigns the id. (drizzle marks every SQLite integer
 * primary key as defaulted, a rowid alias; `curation.article_id` is not assigned.)
 */
function isGeneratedId(c: AnyColumn): boolean {
  const col = c as unknown as { autoIncrement?: boolean; generatedIdentity?: unknown };
  return Boolean(col.autoIncrement || col.generatedIdentity);
}

const tablesOf = (mod: Record<string, unknown>, kind: typeof PgTable | typeof SQLiteTable) =>
  Object.fromEntries(Object.entries(mod).filter(([, v]) => is(v, kind))) as Record<string, PgTable | SQLiteTable>;

const pgTables = tablesOf(pg, PgTable);
const sqliteTables = tablesOf(sqlite, SQLiteTable);

describe('PostgreSQL schema mirrors the SQLite schema', () => {
  it('exports the same tables under the same names', () => {
    expect(Object.keys(sqliteTables).length).toBeGreaterThan(15);
    expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
  });

  it.each(Object.keys(sqliteTables).sort())('%s: same table name, columns, keys, indexes and foreign keys', (name) => {
    const lite = sqliteTables[name]!;
    const post = pgTables[name];
    expect(post, `server/src/db/pg/schema.ts lacks the table ${name}`).toBeDefined();
    expect(pgConfig(post as PgTable).name).toBe(sqliteConfig(lite as SQLiteTable).name);
    const [a, b] = [shape(lite), shape(post!)];
    // column by column first, so a failure names the column
    expect(Object.keys(b.columns).sort(), 'column names').toEqual(Object.keys(a.columns).sort());
    for (const col of Object.keys(a.columns)) expect(b.columns[col], `${name}.${col}`).toEqual(a.columns[col]);
    expect(b.primaryKeys, 'composite primary keys').toEqual(a.primaryKeys);
    expect(b.uniqueConstraints, 'unique constraints').toEqual(a.uniqueConstraints);
    expect(b.indexes, 'indexes').toEqual(a.indexes);
    expect(b.foreignKeys, 'foreign keys').toEqual(a.foreignKeys);
  });
});
