/**
 * PostgreSQL for the tests: TEST_DATABASE_URL names a server where the user
 * may create databases (scripts/pg-cluster.sh starts a throwaway one). Each
 * test file works in a database of its own, dropped at the end. Without
 * TEST_DATABASE_URL the PostgreSQL tests skip, and say so.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export const SKIP_REASON = 'TEST_DATABASE_URL is not set: PostgreSQL tests skipped (run them with scripts/pg-cluster.sh run -- npx vitest run tests/pg)';

if (!TEST_DATABASE_URL) console.warn(`${SKIP_REASON}`);

/** The describe title: says in the report itself when the PostgreSQL tests do not run. */
export const pgTitle = (title: string) => (TEST_DATABASE_URL ? `${title} (PostgreSQL)` : `${title} — skipped: TEST_DATABASE_URL is not set`);

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new empty database on the test server: its URL, and how to drop it. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error(SKIP_REASON);
  const name = `mbw_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}
