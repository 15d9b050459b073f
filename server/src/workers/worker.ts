/**
 * A worker thread of the pool (pool.ts): runs the tasks of tasks.ts on a
 * read-only connection to the database file named in each message (WAL lets
 * it read while the request thread writes), or on a pool of its own to the
 * PostgreSQL database the message names by URL. Connections stay open for the
 * next task, and so do the caches of the shared code (article tokens).
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { parentPort } from 'node:worker_threads';
import type { Db } from '../db/client.js';
import { parseDatabaseTarget } from '../db/engine.js';
import { openTarget } from '../db/open.js';
import * as schema from '../db/schema.js';
import { tasks, type ResultMessage, type TaskMessage } from './tasks.js';

const connections = new Map<string, Db | Promise<Db>>();

/** The worker's connection to the database: read-only to an SQLite file, or a small pool of its own on PostgreSQL. */
function readOnly(path: string): Db | Promise<Db> {
  let db = connections.get(path);
  if (!db) {
    const target = parseDatabaseTarget(path);
    if (target.engine === 'postgres') db = openTarget(target, { poolSize: 2 }).then((o) => o.db);
    else {
      const sqlite = new Database(path, { readonly: true, fileMustExist: true });
      sqlite.pragma('busy_timeout = 5000');
      db = drizzle(sqlite, { schema }) as Db;
    }
    connections.set(path, db);
  }
  return db;
}

// One task at a time per worker (pool.ts sends the next one after this one's reply), so an async task has the connection to itself.
async function answer(m: TaskMessage): Promise<void> {
  let reply: ResultMessage;
  try {
    const run = tasks[m.task] as (db: Db, args: unknown, control?: Int32Array) => unknown;
    reply = { id: m.id, ok: true, value: await run(await readOnly(m.path), m.args, m.control && new Int32Array(m.control)) };
  } catch (e) {
    reply = { id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  // A result that is a whole buffer of bytes (a report's JSON) is moved to the request thread, not copied.
  const value = reply.ok ? reply.value : undefined;
  const whole = value instanceof Uint8Array && value.byteOffset === 0 && value.buffer instanceof ArrayBuffer && value.byteLength === value.buffer.byteLength;
  parentPort!.postMessage(reply, whole ? [value.buffer as ArrayBuffer] : []);
}

parentPort!.on('message', (m: TaskMessage) => void answer(m));
