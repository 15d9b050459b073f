/**
 * migrations/pg applied to an empty PostgreSQL database create every table of
 * the PostgreSQL schema with its columns and indexes; opening again applies nothing; two
 * processes opening one new database at once do not collide.
 */
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, PG_MIGRATIONS_DIR } from '../../server/src/db/pg/client.js';
import * as schema from '../../server/src/db/pg/schema.js';
import { freshDatabase, pgTitle, TEST_DATABASE_URL } from './fresh.js';

const tables = (Object.values(schema) as unknown[])
  .filter((t): t is PgTable => is(t, PgTable))
  .map((t) => getTableConfig(t));
const journal = JSON.parse(readFileSync(join(PG_MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };

describe.skipIf(!TEST_DATABASE_URL)(pgTitle('migrations/pg'), () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    fresh = await freshDatabase();
  });
  afterAll(() => fresh?.drop());

  it('two processes opening an empty database at once create every table and column once', async () => {
    const [a, b] = await Promise.all([openPostgres(fresh.url, { max: 2 }), openPostgres(fresh.url, { max: 2 })]);
    await b.pool.end();
    const { rows } = await a.pool.query<{ table_name: string; column_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const actual = new Map<string, string[]>();
    for (const r of rows) actual.set(r.table_name, [...(actual.get(r.table_name) ?? []), `${r.column_name}${r.is_nullable === 'NO' ? ' not null' : ''}`]);
    expect([...actual.keys()].sort()).toEqual(tables.map((t) => t.name).sort());
    for (const t of tables)
      expect(actual.get(t.name)!.sort(), t.name).toEqual(t.columns.map((c) => `${c.name}${c.notNull ? ' not null' : ''}`).sort());
    const indexes = await a.pool.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    const present = new Set(indexes.rows.map((r) => r.indexname));
    for (const ix of tables.flatMap((t) => t.indexes.map((i) => i.config.name!))) expect(present, ix).toContain(ix);
    const applied = await a.pool.query('SELECT hash FROM drizzle.__drizzle_migrations');
    expect(applied.rowCount).toBe(journal.entries.length);
    await a.pool.end();
  });

  it('opening a migrated database again applies nothing and keeps the data', async () => {
    const first = await openPostgres(fresh.url, { max: 1 });
    await first.db.insert(schema.users).values({ username: 'kept', displayName: 'Kept', role: 'annotator', passwordHash: 'x' });
    await first.pool.end();
    const again = await openPostgres(fresh.url, { max: 1 });
    const applied = await again.pool.query('SELECT hash FROM drizzle.__drizzle_migrations');
    expect(applied.rowCount).toBe(journal.entries.length);
    const [user] = await again.db.select().from(schema.users);
    // defaults as SQLite writes them: a boolean, and an ISO-8601 UTC timestamp with milliseconds
    expect(user).toMatchObject({ username: 'kept', disabled: false });
    expect(user!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(user!.createdAt) - Date.now())).toBeLessThan(60_000);
    await again.pool.end();
  });

  it('a wrong address fails with the driver’s error and leaves no pool open', async () => {
    const url = new URL(fresh.url);
    url.pathname = '/mbw_no_such_database';
    await expect(openPostgres(url.toString())).rejects.toThrow(/does not exist/);
  });
});
