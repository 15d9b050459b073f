import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillArticleTokens } from '../services/articleTokens.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

/**
 * Transactions begin IMMEDIATE (take the write lock first) unless a caller
 * asks otherwise. A DEFERRED one reads a snapshot and asks for the write lock
 * only at its first write; when another process (a second server on the same
 * file, the CLI) committed in between, SQLite cannot wait for it and answers
 * SQLITE_BUSY at once: a 500 where a 409 or a wait is right
 * (tests/e2e/two-processes.test.ts). IMMEDIATE waits (busy_timeout) and then
 * reads what the other committed. Nested calls stay savepoints.
 */
function immediateWrites(db: Db): Db {
  const deferred = db.transaction.bind(db);
  db.transaction = ((fn, config) => deferred(fn, { behavior: 'immediate', ...config })) as Db['transaction'];
  return db;
}

/**
 * Opens (creating if needed) the SQLite database at `path` (`:memory:` for
 * tests), with WAL, foreign keys on, every migration applied and every
 * article's tokens stored.
 */
export function openDatabase(path: string): { db: Db; sqlite: Database.Database } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = immediateWrites(drizzle(sqlite, { schema }));
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  fillArticleTokens(db); // rows written before articles.tokens existed (once; see articleTokens.ts)
  return { db, sqlite };
}
