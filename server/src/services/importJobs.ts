/**
 * Imports as jobs off the request thread (issue 13), like exports: the
 * request thread streams the upload to a file and answers; the worker pool
 * reads, checks and writes it (importTask.ts) while progress and the cancel
 * flag travel through shared memory. A cancelled or refused import writes
 * nothing (one transaction). Imports run one at a time (SQLite has one
 * writer). The job's state is a row of `jobs` (jobState.ts, issue 15): any
 * server process answers and cancels it. A job belongs to the user who
 * started it (anyone else: 404) and is forgotten an hour after it ends; its
 * upload is removed when it ends.
 */
import type { ImportFormat, ImportJob, ImportOptions, ImportResult, User } from '@mbw/shared';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Db } from '../db/client.js';
import { ApiError, notFound } from '../http/errors.js';
import { offThread, runsOffThread } from '../workers/index.js';
import { releaseForImport, writeGate } from './writeGate.js';
import { CONTROL_SLOTS } from './import-pass.js';
import type { ImportTaskResult } from './importTask.js';
import { cancelJob, endJob, forgetJob, readJob, startJob, type JobEnd, type JobRow } from './jobState.js';

/** An import this process runs: its shared control and its end (the state itself is the job's row, jobState.ts). */
interface Job {
  userId: number;
  db: Db;
  control: Int32Array;
  running: boolean;
  ended: Promise<void>;
}

/** What an import is asked to do: the project, the upload's name and format, the query's options. */
export interface ImportRequest {
  projectId: number;
  name: string;
  format?: ImportFormat;
  options: Partial<ImportOptions>;
}

const jobs = new Map<string, Job>();
let dir: string | null = null;
let queue: Promise<unknown> = Promise.resolve();

/** Streams a request body to a new file of the import's temporary folder (the upload is never held in memory). */
export async function saveUpload(body: ReadableStream<Uint8Array> | null): Promise<string> {
  dir ??= mkdtempSync(join(tmpdir(), 'mbw-imports-'));
  const file = join(dir, randomUUID());
  const out = createWriteStream(file);
  if (body) await pipeline(Readable.fromWeb(body as WebStream<Uint8Array>), out);
  else out.end();
  return file;
}

/** What the row's error detail holds: the refusal's status, code and details. */
interface Detail {
  status?: number;
  code: string;
  details?: unknown;
}

function view(row: JobRow): ImportJob {
  if (row.state === 'done') {
    const result = JSON.parse(row.result!) as ImportResult;
    return { id: row.id, state: 'done', phase: 'writing', done: result.articles, total: result.articles, result, error: null };
  }
  const detail = row.errorDetail ? (JSON.parse(row.errorDetail) as Detail) : null;
  const error = row.error === null ? null : { code: detail?.code ?? 'failed', message: row.error, ...(detail?.details === undefined ? {} : { details: detail.details }) };
  return { id: row.id, state: row.state, phase: row.phase === 'writing' ? 'writing' : 'reading', done: row.done, total: row.total, result: null, error };
}

const progress = (control: Int32Array) => ({ phase: Atomics.load(control, 3) ? 'writing' : 'reading', done: Atomics.load(control, 1), total: Atomics.load(control, 2) });

/** How the import's run ended, as the job's end. */
function endOf(control: Int32Array, r: ImportTaskResult | null): JobEnd {
  if (r === null) return { state: 'cancelled', ...progress(control) };
  if (r.ok) return { state: 'done', phase: 'writing', done: r.result.articles, total: r.result.articles, result: JSON.stringify(r.result) };
  const detail: Detail = { status: r.status, code: r.code, ...(r.details === undefined ? {} : { details: r.details }) };
  return { state: r.code === 'cancelled' ? 'cancelled' : 'failed', ...progress(control), error: r.message, errorDetail: JSON.stringify(detail) };
}

/**
 * Starts an import job of an uploaded file (saveUpload's; the job removes
 * it). Access is the caller's to check. Its id.
 */
async function begin(db: Db, user: User, req: ImportRequest, file: string): Promise<string> {
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const id = await startJob(db, { kind: 'import', userId: user.id, projectId: req.projectId, progress: () => progress(control), cancel: () => Atomics.store(control, 0, 1) });
  // In a worker, the import takes turns with the request thread's writes (writeGate.ts); in this thread (in-memory database) it runs alone anyway.
  const gate = runsOffThread(db) ? { gate: writeGate.buffer as SharedArrayBuffer } : {};
  const args = { projectId: req.projectId, actor: user, file, name: req.name, ...(req.format ? { format: req.format } : {}), options: req.options, ...gate };
  const run = queue.then(() => (Atomics.load(control, 0) ? null : offThread(db, 'importFile', args, control.buffer as SharedArrayBuffer)));
  queue = run.catch(() => undefined);
  const job: Job = { userId: user.id, db, control, running: true, ended: Promise.resolve() };
  job.ended = run
    .then(
      (r) => endOf(control, r),
      (e: unknown): JobEnd => ({ state: 'failed', ...progress(control), error: `The import stopped: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`, errorDetail: JSON.stringify({ status: 500, code: 'internal' }) }),
    )
    .then(async (end) => {
      job.running = false;
      rmSync(file, { force: true });
      // imports run one at a time: a worker that died holding (or waiting for) the write gate must not keep the request thread's writes waiting
      if (gate.gate) releaseForImport(writeGate);
      await endJob(id, end);
    });
  jobs.set(id, job);
  void job.ended.finally(() => setTimeout(() => jobs.delete(id), 60_000).unref());
  return id;
}

/** Starts an import job of an uploaded file (saveUpload's; the job removes it). Access is the caller's to check. */
export async function startImportJob(db: Db, user: User, req: ImportRequest, file: string): Promise<ImportJob> {
  const id = await begin(db, user, req, file);
  return view(await readJob(db, user.id, 'import', id, 'Import job'));
}

export async function importJob(db: Db, user: User, id: string): Promise<ImportJob> {
  return view(await readJob(db, user.id, 'import', id, 'Import job'));
}

/** Asks a running job to stop (its transaction is rolled back: nothing is imported); a finished one is forgotten. */
export async function cancelImportJob(db: Db, user: User, id: string): Promise<ImportJob> {
  return view(await cancelJob(db, user.id, 'import', id, 'Import job'));
}

/**
 * While an import writes (its worker holds SQLite's one write lock), the end
 * of that import; else null. A write on the request thread meanwhile would
 * wait for the lock inside SQLite, blocking the event loop (better-sqlite3
 * waits synchronously) and failing after busy_timeout: holdWritesDuringImport
 * and the write gate make it wait here instead, the event loop free.
 */
export function importWriting(): Promise<void> | null {
  for (const job of jobs.values()) if (job.running && Atomics.load(job.control, 4) === 1) return job.ended;
  return null;
}

/** Waits for a job of this process to end. */
export async function importJobEnded(user: User, id: string): Promise<ImportJob> {
  const job = jobs.get(id);
  if (!job || job.userId !== user.id) throw notFound('Import job');
  await job.ended;
  return view(await readJob(job.db, user.id, 'import', id, 'Import job'));
}

/** An import run as a job and awaited (`POST …/import`, the CLI): its result, or its refusal thrown as the ApiError it was. */
export async function importNow(db: Db, user: User, req: ImportRequest, file: string): Promise<ImportResult> {
  const id = await begin(db, user, req, file);
  await jobs.get(id)!.ended;
  const row = await readJob(db, user.id, 'import', id, 'Import job');
  await forgetJob(db, id);
  if (row.state === 'done') return JSON.parse(row.result!) as ImportResult;
  const detail = row.errorDetail ? (JSON.parse(row.errorDetail) as Detail) : { code: 'internal', status: 500 };
  throw new ApiError((detail.status ?? 500) as ContentfulStatusCode, detail.code, row.error ?? 'The import failed.', detail.details);
}
