/**
 * A worker thread of the pool (pool.ts): runs the tasks of tasks.ts on a
 * read-only connection to the database file named in each message (WAL lets
 * it read while the request thread writes). Connections stay open for the
 * next task, and so do the caches of the shared code (article tokens).
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { parentPort } from 'node:worker_threads';
import type { Db } from '../db/client.js';
import * as schema from '../db/schema.js';
import { tasks, type ResultMessage, type TaskMessage } from './tasks.js';

const connections = new Map<string, Db>();

function readOnly(path: string): Db {
  let db = connections.get(path);
  if (!db) {
    const sqlite = new Database(path, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    db = drizzle(sqlite, { schema }) as Db;
    connections.set(path, db);
  }
  return db;
}

parentPort!.on('message', (m: TaskMessage) => {
  let reply: ResultMessage;
  try {
    const run = tasks[m.task] as (db: Db, args: unknown, control?: Int32Array) => unknown;
    reply = { id: m.id, ok: true, value: run(readOnly(m.path), m.args, m.control && new Int32Array(m.control)) };
  } catch (e) {
    reply = { id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  // A result that is a whole buffer of bytes (a report's JSON) is moved to the request thread, not copied.
  const value = reply.ok ? reply.value : undefined;
  const whole = value instanceof Uint8Array && value.byteOffset === 0 && value.buffer instanceof ArrayBuffer && value.byteLength === value.buffer.byteLength;
  parentPort!.postMessage(reply, whole ? [value.buffer as ArrayBuffer] : []);
});
