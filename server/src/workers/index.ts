/**
 * Heavy read-only work off the request thread: `offThread(db, task, args)`
 * runs a task of tasks.ts in the pool's worker on its own read-only
 * connection to the same database file, or in this thread when the database
 * is in memory (tests), which no other connection can open.
 */
import type { Db } from '../db/client.js';
import { postgresUrl } from '../db/pg/client.js';
import { isPostgres } from '../db/tx.js';
import { WorkerPool } from './pool.js';
import { tasks, type TaskArgs, type TaskName, type TaskResult } from './tasks.js';

let pool: WorkerPool | null = null;

/** Whether tasks on `db` run in a worker thread (`MBW_WORKERS=0` keeps them in this thread, to compare). */
export function runsOffThread(db: Db): boolean {
  return !!workerTarget(db) && process.env.MBW_WORKERS !== '0';
}

/** What a worker opens to reach the same database: the SQLite file, or the PostgreSQL URL (none for an in-memory database). */
function workerTarget(db: Db): string | null {
  if (isPostgres(db)) return postgresUrl(db);
  return db.$client.memory ? null : db.$client.name;
}

export async function offThread<K extends TaskName>(db: Db, task: K, args: TaskArgs<K>, control?: SharedArrayBuffer): Promise<TaskResult<K>> {
  if (!runsOffThread(db)) {
    await Promise.resolve(); // as off thread: the caller gets the promise before the task runs
    return (tasks[task] as (db: Db, args: TaskArgs<K>, control?: Int32Array) => TaskResult<K> | Promise<TaskResult<K>>)(db, args, control && new Int32Array(control));
  }
  pool ??= new WorkerPool();
  return (await pool.run(task, workerTarget(db)!, args, control)) as TaskResult<K>;
}

/** Stops the workers (for a clean shutdown). */
export async function closeWorkers(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.close();
}
