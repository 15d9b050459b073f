/**
 * Background-job state in the database (issue 15): the one write path of
 * the `jobs` table, for the four kinds of job (exports, agreement reports,
 * imports, pre-merges), so that every server process on one database sees
 * every job.
 *
 * - The process that runs a job (its `owner`: PROCESS_ID, random per
 *   process) keeps what the job needs in memory (the worker's shared
 *   progress and cancel flag, the agreement run) and writes the row: at
 *   start, then progress with a heartbeat every PROGRESS_MS (one small
 *   UPDATE, whose RETURNING brings back a cancel asked for on another
 *   process), then its end once.
 * - Any process answers from the row; the owner overlays the live progress
 *   of its own jobs (fresher than the last beat).
 * - A cancel on the owner stops the job at once; on another process it sets
 *   `cancel_requested`, which the owner sees at its next beat.
 * - A running job whose heartbeat is older than STALE_MS (its process died)
 *   is answered, and written, as failed. Rows are swept an hour after they
 *   end (or after their last heartbeat).
 * - On SQLite the beats pass the write gate (writeGate.ts): while an import
 *   writes in its worker a beat is skipped (a write would wait inside SQLite,
 *   freezing the event loop); the owner still knows its job is alive.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { jobs } from '../db/tables.js';
import { first, isPostgres, transaction } from '../db/tx.js';
import { ignoreChanges } from '../db/sqlite/contentVersion.js';
import { notFound } from '../http/errors.js';
import { leaveWrite, writeGate } from './writeGate.js';

export type JobKind = 'agreement' | 'export' | 'import' | 'merge';
export type JobRow = typeof jobs.$inferSelect;
type Ended = Exclude<JobRow['state'], 'running'>;

/** This process, as the owner of the jobs it runs. */
export const PROCESS_ID = randomUUID();
/** How often a running job's progress and heartbeat are written (and a cancel from another process read). */
export const PROGRESS_MS = 400;
/** A running job not heard of for this long is answered as failed: its process stopped. */
export const STALE_MS = 60_000;
/** Rows kept after a job ends. */
export const KEEP_MS = 3_600_000;

/** What a running job has done so far (`result`: the kind's partial result as JSON text, if it has one). */
export interface Progress {
  done: number;
  total: number;
  phase?: string | null;
  result?: string | null;
}

/** How a job ended. */
export interface JobEnd extends Progress {
  state: Ended;
  error?: string | null;
  /** JSON: what an error carries besides its message (imports: status, code, details). */
  errorDetail?: string | null;
}

interface Local {
  db: Db;
  progress: () => Progress;
  cancel: () => void;
  timer: NodeJS.Timeout;
  beating: boolean;
  cancelled: boolean;
  /** Set the moment the job ends (before its row is written): reads answer it. */
  end: JobEnd | null;
}

const local = new Map<string, Local>();
const swept: Partial<Record<JobKind, (id: string) => void>> = {};

/**
 * Runs a write on the job table; on SQLite it holds the write gate meanwhile
 * (writeGate.ts), so that it never waits inside SQLite for an import's
 * worker. It enters whenever no import writes, even while one waits for its
 * turn: the caller may be a request that holds the gate already, which the
 * waiting import waits for. While an import writes it waits for its end
 * asynchronously, or (`wait: false`) is skipped, answering null. Every
 * write returns the rows it changed.
 */
async function gated<T>(db: Db, write: () => Promise<T[]>, wait = true): Promise<T[] | null> {
  if (isPostgres(db)) return write();
  for (;;) {
    const s = Atomics.load(writeGate, 0);
    if (s >= 0 && Atomics.compareExchange(writeGate, 0, s, s + 1) === s) break;
    if (!wait) return null;
    await new Promise((r) => setTimeout(r, 5));
  }
  try {
    const rows = await write();
    ignoreChanges(db, rows.length); // job rows are not content (db/sqlite/contentVersion.ts)
    return rows;
  } finally {
    leaveWrite();
  }
}

/** Called with the id of each `kind` row swept (exports remove their file). */
export function onJobSwept(kind: JobKind, fn: (id: string) => void): void {
  swept[kind] = fn;
}

/** Deletes rows that ended over KEEP_MS ago, and running ones not heard of for as long. */
export async function sweepJobs(db: Db, now = Date.now()): Promise<void> {
  const cutoff = new Date(now - KEEP_MS).toISOString();
  const gone = await gated(db, () =>
    transaction(db, (tx) => tx.delete(jobs).where(or(lt(jobs.finishedAt, cutoff), and(eq(jobs.state, 'running'), lt(jobs.heartbeatAt, cutoff)))).returning({ id: jobs.id, kind: jobs.kind })),
  );
  for (const row of gone ?? []) swept[row.kind]?.(row.id);
}

/** One beat of a running job: its progress and heartbeat written; a cancel asked for elsewhere read back. */
async function beat(id: string, l: Local): Promise<void> {
  if (l.beating || l.end) return;
  l.beating = true;
  try {
    const p = l.progress();
    const set = { done: p.done, total: p.total, heartbeatAt: new Date().toISOString(), ...(p.phase === undefined ? {} : { phase: p.phase }), ...(p.result === undefined ? {} : { result: p.result }) };
    const rows = await gated(l.db, () => transaction(l.db, (tx) => tx.update(jobs).set(set).where(and(eq(jobs.id, id), eq(jobs.state, 'running'))).returning({ cancel: jobs.cancelRequested })), false);
    if (rows?.[0]?.cancel && !l.cancelled && !l.end) {
      l.cancelled = true;
      l.cancel();
    }
  } catch {
    // a lost beat (the database busy or closing): the next one tries again
  } finally {
    l.beating = false;
  }
}

export interface NewJob {
  id?: string;
  kind: JobKind;
  userId: number;
  projectId: number | null;
  /** Live progress, read at each beat and by reads on this process. */
  progress: () => Progress;
  /** Stops the job (a cancel on this process, or one seen in the row). */
  cancel: () => void;
}

/** Records a new running job of this process and starts its beats. Its id. */
export async function startJob(db: Db, job: NewJob): Promise<string> {
  await sweepJobs(db);
  const id = job.id ?? randomUUID();
  const p = job.progress();
  const now = new Date().toISOString();
  await gated(db, () =>
    transaction(db, (tx) =>
      tx.insert(jobs).values({ id, kind: job.kind, userId: job.userId, projectId: job.projectId, state: 'running', phase: p.phase ?? null, done: p.done, total: p.total, result: p.result ?? null, owner: PROCESS_ID, heartbeatAt: now }).returning({ id: jobs.id }),
    ),
  );
  const l: Local = { db, progress: job.progress, cancel: job.cancel, timer: undefined as unknown as NodeJS.Timeout, beating: false, cancelled: false, end: null };
  l.timer = setInterval(() => void beat(id, l), PROGRESS_MS).unref();
  local.set(id, l);
  return id;
}

/** Records a job that ended as it started (an agreement report from the cache). */
export async function recordEndedJob(db: Db, job: Omit<NewJob, 'progress' | 'cancel'>, end: JobEnd): Promise<string> {
  await sweepJobs(db);
  const id = job.id ?? randomUUID();
  const now = new Date().toISOString();
  await gated(db, () => transaction(db, (tx) => tx.insert(jobs).values({ id, kind: job.kind, userId: job.userId, projectId: job.projectId, owner: PROCESS_ID, heartbeatAt: now, finishedAt: now, ...endColumns(end) }).returning({ id: jobs.id })));
  return id;
}

const endColumns = (end: JobEnd) => ({ state: end.state, done: end.done, total: end.total, phase: end.phase ?? null, result: end.result ?? null, error: end.error ?? null, errorDetail: end.errorDetail ?? null });

/** Ends a job of this process: reads answer `end` at once; its row is written once (a write that fails is dropped: the heartbeat goes stale). */
export async function endJob(id: string, end: JobEnd): Promise<void> {
  const l = local.get(id);
  if (!l || l.end) return;
  l.end = end;
  clearInterval(l.timer);
  try {
    const now = new Date().toISOString();
    await gated(l.db, () => transaction(l.db, (tx) => tx.update(jobs).set({ ...endColumns(end), heartbeatAt: now, finishedAt: now }).where(eq(jobs.id, id)).returning({ id: jobs.id })));
  } catch {
    // the database closed under the job (shutdown)
  } finally {
    local.delete(id);
  }
}

/** On shutdown: every job this process runs is stopped and written as failed, so that no process answers it as running. */
export async function stopLocalJobs(): Promise<void> {
  await Promise.all(
    [...local.entries()].map(([id, l]) => {
      if (!l.end && !l.cancelled) l.cancel();
      return endJob(id, { state: 'failed', ...l.progress(), error: 'The server process running this job was stopped; start the job again.' });
    }),
  );
}

/** Whether this process runs the job (and has not yet written its end). */
export const runsHere = (id: string): boolean => local.has(id);

/** The row of a job of `kind` started by `userId` (else 404 naming `what`), as this process knows it best. */
export async function readJob(db: Db, userId: number, kind: JobKind, id: string, what: string): Promise<JobRow> {
  const row = await first(db.select().from(jobs).where(eq(jobs.id, id)));
  if (!row || row.userId !== userId || row.kind !== kind) throw notFound(what);
  const l = local.get(id);
  if (l) return { ...row, ...(l.end ? endColumns(l.end) : { state: 'running' as const, ...l.progress() }) };
  if (row.state === 'running' && Date.parse(row.heartbeatAt) < Date.now() - STALE_MS) return failStale(db, row);
  return row;
}

/** A running job whose process stopped: written and answered as failed. */
async function failStale(db: Db, row: JobRow): Promise<JobRow> {
  const end = { state: 'failed' as const, error: `The server process running this job stopped (no sign of it since ${row.heartbeatAt}); start the job again.`, finishedAt: new Date().toISOString() };
  await gated(db, () => transaction(db, (tx) => tx.update(jobs).set(end).where(and(eq(jobs.id, row.id), eq(jobs.state, 'running'), eq(jobs.heartbeatAt, row.heartbeatAt))).returning({ id: jobs.id })));
  return { ...row, ...end };
}

/**
 * Cancel (DELETE): a running job of this process stops at once (its
 * `cancel`); one of another process gets `cancel_requested`, seen at its
 * owner's next beat; an ended job is forgotten (its row deleted). The row
 * as it was before (a job that ended on its cancel: as it ended).
 */
export async function cancelJob(db: Db, userId: number, kind: JobKind, id: string, what: string): Promise<JobRow> {
  const row = await readJob(db, userId, kind, id, what);
  const l = local.get(id);
  if (row.state !== 'running') {
    await gated(db, () => transaction(db, (tx) => tx.delete(jobs).where(eq(jobs.id, id)).returning({ id: jobs.id })));
    return row;
  }
  if (l && !l.cancelled) {
    l.cancelled = true;
    l.cancel();
  }
  await gated(db, () => transaction(db, (tx) => tx.update(jobs).set({ cancelRequested: true }).where(and(eq(jobs.id, id), eq(jobs.state, 'running'))).returning({ id: jobs.id })));
  return l?.end ? { ...row, ...endColumns(l.end) } : row;
}

/** Forgets a job (a job run and awaited by a request or the CLI: nobody reads it afterwards). */
export async function forgetJob(db: Db, id: string): Promise<void> {
  await gated(db, () => transaction(db, (tx) => tx.delete(jobs).where(eq(jobs.id, id)).returning({ id: jobs.id })));
}
