/**
 * PostgreSQL through drizzle's node-postgres driver: a pool on `url`, with
 * every migration of migrations/pg applied on open (db/open.ts, the copy
 * command, the tests).
 */
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema.js';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_DIR = fileURLToPath(new URL('../../../../migrations/pg', import.meta.url));

/** Any number; several processes opening one database at once take turns applying migrations. */
const MIGRATION_LOCK = 7_316_015;

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Values read as SQLite's driver reads them, so answers are the same on both
 * engines: `count(*)` and other int8 results as numbers (not strings; every
 * count here is far below 2^53), numeric (`avg`, `sum` of decimals) as numbers.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/** Opens a pool on `url` (`postgres://…`) and applies migrations/pg; close with `pool.end()`. */
export async function openPostgres(url: string, { max = 10 }: { max?: number } = {}): Promise<{ db: PgDb; pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle connection the server ends (a restart, an administrator) is dropped and replaced: reported, not fatal.
  pool.on('error', (e) => console.error(`PostgreSQL: idle connection lost: ${e.message}`));
  try {
    await migratePostgres(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const db = drizzle(pool, { schema });
  urls.set(db, url);
  return { db, pool };
}

const urls = new WeakMap<object, string>();

/** The URL a database was opened with (a worker thread opens its own pool on it). */
export function postgresUrl(db: object): string {
  const url = urls.get(db);
  if (!url) throw new Error('not a database opened by openPostgres()');
  return url;
}

/** Applies migrations/pg on one connection holding an advisory lock, so two servers starting together do not both create the tables. */
async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS_DIR });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
