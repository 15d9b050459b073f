import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

/**
 * The database file's safety: a pid file while a server holds it (so
 * `restore` refuses), and the file's identity (device and inode) taken when
 * it was opened (so a server whose file was deleted or replaced says so
 * instead of writing into a file nobody will open again).
 */
export const pidFileOf = (dbPath: string) => `${dbPath}.server.pid`;

/** Marks the database as held by this process; returns the function that releases it. */
export function holdDatabase(dbPath: string): () => void {
  const file = pidFileOf(dbPath);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  };
}

/** The pid of a live server holding the database, or null (no pid file, or its process is gone after a crash). */
export function serverHolding(dbPath: string): number | null {
  const file = pidFileOf(dbPath);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM' ? pid : null;
  }
}

export interface FileIdentity {
  dev: number;
  ino: number;
}

const identity = (path: string): FileIdentity | null => {
  try {
    const s = statSync(path);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return null;
  }
};

/**
 * A check of the open database file: null while the path still names the file
 * that was opened, else why not. `:memory:` databases always pass.
 */
export function databaseFileCheck(sqlite: Database.Database): () => string | null {
  const path = sqlite.name;
  if (sqlite.memory || !path) return () => null;
  const opened = identity(path);
  return () => {
    const now = identity(path);
    if (!now) return `the database file ${path} was deleted while the server ran`;
    if (!opened || now.ino !== opened.ino || now.dev !== opened.dev) return `the database file ${path} was replaced while the server ran`;
    return null;
  };
}

/** Checks a file is a readable workbench database: integrity, and the tables of one. */
export function checkWorkbenchFile(path: string): { articles: number; annotations: number; users: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new Error(`${path} fails SQLite's integrity check: ${String(ok)}`);
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { articles: count('articles'), annotations: count('annotations'), users: count('users') };
  } catch (e) {
    throw new Error(`${path} is not a workbench database: ${(e as Error).message}`, { cause: e });
  } finally {
    db.close();
  }
}
