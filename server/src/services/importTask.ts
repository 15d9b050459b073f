/**
 * The import as a task of the worker pool (workers/tasks.ts): the worker
 * reads the upload (a file the request thread wrote) and writes the import
 * in one transaction: on SQLite on a writable connection of its own (the
 * pool's connections are read-only), on PostgreSQL on the worker's own pool.
 * SQLite has one writer: while the import's
 * transaction runs, another connection's write waits for it (busy_timeout),
 * reads do not (WAL). An in-memory database (tests) is imported on the
 * connection itself. Refusals come back as data (status, code, message,
 * details), so the request thread answers exactly what the import said.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { ImportFormat, ImportOptions, ImportResult, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import * as schema from '../db/schema.js';
import { isPostgres } from '../db/tx.js';
import { ApiError, pgInputError } from '../http/errors.js';
import { importDataset } from './imports.js';

export interface ImportTaskArgs {
  projectId: number;
  actor: User | null;
  /** The upload on disk, and its name (format detection, messages). */
  file: string;
  name: string;
  format?: ImportFormat;
  options: Partial<ImportOptions>;
  /** The request thread's write gate (writeGate.ts), when the import runs in a worker. */
  gate?: SharedArrayBuffer;
}

export type ImportTaskResult = { ok: true; result: ImportResult } | { ok: false; status: number; code: string; message: string; details?: unknown };

const writers = new Map<string, Db>();

/** This thread's writable connection to the database file (the schema is migrated by the server at start); PostgreSQL's pool writes as it is. */
function writable(db: Db): Db {
  if (isPostgres(db) || !db.$client.readonly) return db;
  const path = db.$client.name;
  let w = writers.get(path);
  if (!w) {
    const sqlite = new Database(path, { fileMustExist: true });
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    w = drizzle(sqlite, { schema }) as Db;
    writers.set(path, w);
  }
  return w;
}

export async function runImportTask(db: Db, args: ImportTaskArgs, control?: Int32Array): Promise<ImportTaskResult> {
  try {
    const result = await importDataset(writable(db), args.actor, args.projectId, { source: { name: args.name, path: args.file }, ...(args.format ? { format: args.format } : {}) }, args.options, control, args.gate && new Int32Array(args.gate));
    return { ok: true, result };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, status: e.status, code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) };
    // input PostgreSQL refuses (a NUL in the text): the same 400 the routes answer (http/errors.ts)
    const refused = pgInputError(e);
    if (refused) return { ok: false, status: 400, code: 'invalid_input', message: refused };
    throw e;
  }
}
