/**
 * Opens the database the server (or a command) runs on (issue 15):
 * `databaseFromEnv()` chooses; SQLite keeps its file safety (the `.created`
 * marker, the pid file that `restore` reads), PostgreSQL makes every table
 * of `tables.ts` its own before the first query. Either way the services get
 * a `Db`: SQLite's type, which on PostgreSQL is the node-postgres database
 * under the same query-builder methods (db/tx.ts).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { holdDatabase } from '../services/dbFile.js';
import { openDatabase, type Db } from './client.js';
import { type DatabaseTarget, redactUrl } from './engine.js';
import { openPostgres } from './pg/client.js';
import { useEngineTables } from './tables.js';

export interface OpenedDatabase {
  db: Db;
  /** What to print: the file, or the URL without its password. */
  where: string;
  close(): Promise<void>;
}

/** The file's marker: a database that existed once and is gone is not silently replaced by an empty one. */
function openSqliteFile(path: string, { allowNew = process.env.ALLOW_NEW_DATABASE === '1', hold = true } = {}): OpenedDatabase {
  const marker = `${path}.created`;
  if (!existsSync(path) && existsSync(marker) && !allowNew)
    throw new Error(
      `The database ${path} is missing, though one was created there (${marker}). Restore a backup (npm run cli -- restore FILE), or start with ALLOW_NEW_DATABASE=1 for an empty one.`,
    );
  const { db, sqlite } = openDatabase(path);
  if (!existsSync(marker)) writeFileSync(marker, `${new Date().toISOString()}\n`);
  const release = hold ? holdDatabase(path) : () => undefined;
  return {
    db,
    where: path,
    close: async () => {
      sqlite.close();
      release();
    },
  };
}

/** Opens the target: an SQLite file as the server holds it, or PostgreSQL with its migrations applied. */
export async function openTarget(target: DatabaseTarget, options: { hold?: boolean; poolSize?: number } = {}): Promise<OpenedDatabase> {
  if (target.engine === 'sqlite') return openSqliteFile(target.path, options);
  useEngineTables('postgres');
  const { db, pool } = await openPostgres(target.url, { max: options.poolSize });
  return { db: db as unknown as Db, where: redactUrl(target.url), close: () => pool.end() };
}
