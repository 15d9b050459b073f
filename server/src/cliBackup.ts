/**
 * `backup FILE` and `restore FILE`: SQLite's online backup API (through
 * better-sqlite3), safe while the server runs and writes. On PostgreSQL
 * (DATABASE_URL) both are refused, naming pg_dump and pg_restore.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { databaseFromEnv } from './db/engine.js';
import { checkWorkbenchFile as check, serverHolding } from './services/dbFile.js';

export const BACKUP_HELP = `Usage: npm run cli -- backup <file>

Copies the database (DATABASE_PATH) to <file> with SQLite's online backup
API: safe while the server runs and writes; the copy is one consistent
moment. The copy is then checked (integrity, tables) and its counts printed.
Refuses to overwrite an existing file. On PostgreSQL (DATABASE_URL) use
pg_dump instead, e.g. pg_dump -Fc -f FILE "$DATABASE_URL".`;

export const RESTORE_HELP = `Usage: npm run cli -- restore <file>

Replaces the database (DATABASE_PATH) with the backup <file>, after checking
that <file> is a sound workbench database. Refused while a server holds the
database (its pid file <database>.server.pid names a live process): stop
the server first, restore, then start it again. On PostgreSQL (DATABASE_URL)
use pg_restore instead, e.g. pg_restore --clean -d "$DATABASE_URL" FILE.`;

/** The SQLite file the server uses (DATABASE_PATH); on PostgreSQL the command is refused with PostgreSQL's own tool. */
function dbPath(command: 'backup' | 'restore'): string {
  const target = databaseFromEnv();
  if (target.engine === 'sqlite') return target.path;
  const tool = command === 'backup' ? 'pg_dump (e.g. pg_dump -Fc -f FILE "$DATABASE_URL")' : 'pg_restore (e.g. pg_restore --clean -d "$DATABASE_URL" FILE)';
  throw new BackupError(`${command} copies an SQLite file, and this database is PostgreSQL (DATABASE_URL): use ${tool}`);
}

const describe = (c: { articles: number; annotations: number; users: number }) => `${c.articles} articles, ${c.annotations} spans, ${c.users} accounts`;

export async function runBackup(args: string[]) {
  if (args[0] === '--help') return console.log(BACKUP_HELP);
  const [file, ...extra] = args;
  if (!file || extra.length) throw new BackupError('name one backup file (see --help)');
  const source = dbPath('backup');
  const target = resolve(file);
  if (existsSync(target)) throw new BackupError(`${target} exists: choose a new file name`);
  if (!existsSync(source)) throw new BackupError(`there is no database at ${source}`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
  console.log(`Backed up ${source} to ${target}: ${describe(checkWorkbenchFile(target))}.`);
}

export async function runRestore(args: string[]) {
  if (args[0] === '--help') return console.log(RESTORE_HELP);
  const [file, ...extra] = args;
  if (!file || extra.length) throw new BackupError('name one backup file (see --help)');
  const target = dbPath('restore');
  const pid = serverHolding(target);
  if (pid !== null) throw new BackupError(`a server (pid ${pid}) holds ${target}: stop it, then restore`);
  const counts = checkWorkbenchFile(resolve(file));
  const source = new Database(resolve(file), { readonly: true, fileMustExist: true });
  try {
    // Old WAL files belong to the database being replaced; the backup API writes a whole new one.
    for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
    await source.backup(target);
  } finally {
    source.close();
  }
  console.log(`Restored ${target} from ${resolve(file)}: ${describe(counts)}.`);
}

export class BackupError extends Error {}

function checkWorkbenchFile(path: string) {
  try {
    return check(path);
  } catch (e) {
    throw new BackupError((e as Error).message);
  }
}
