/**
 * Imports as jobs off the request thread (issue 13), like exports: the
 * request thread streams the upload to a file and answers; the worker pool
 * reads, checks and writes it (importTask.ts) while progress and the cancel
 * flag travel through shared memory. A cancelled or refused import writes
 * nothing (one transaction). Imports run one at a time (SQLite has one
 * writer). A job belongs to the user who started it (anyone else: 404) and
 * is forgotten an hour after it ends; its upload is removed when it ends.
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

interface Job {
  id: string;
  userId: number;
  control: Int32Array;
  file: string;
  state: ImportJob['state'];
  result: ImportResult | null;
  error: (NonNullable<ImportJob['error']> & { status?: number }) | null;
  finishedAt: number | null;
  ended: Promise<void>;
}

/** What an import is asked to do: the project, the upload's name and format, the query's options. */
export interface ImportRequest {
  projectId: number;
  name: string;
  format?: ImportFormat;
  options: Partial<ImportOptions>;
}

const KEEP_MS = 3_600_000;
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

function view(job: Job): ImportJob {
  const error = job.error && { code: job.error.code, message: job.error.message, ...(job.error.details === undefined ? {} : { details: job.error.details }) };
  const phase = Atomics.load(job.control, 3) ? 'writing' : 'reading';
  if (job.state === 'done') return { id: job.id, state: 'done', phase: 'writing', done: job.result!.articles, total: job.result!.articles, result: job.result, error: null };
  return { id: job.id, state: job.state, phase, done: Atomics.load(job.control, 1), total: Atomics.load(job.control, 2), result: null, error };
}

function sweep(now: number): void {
  for (const job of jobs.values()) if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) jobs.delete(job.id);
}

/**
 * Starts an import job of an uploaded file (saveUpload's; the job removes
 * it). Access is the caller's to check.
 */
export function startImportJob(db: Db, user: User, req: ImportRequest, file: string): ImportJob {
  sweep(Date.now());
  const control = new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const job: Job = { id: randomUUID(), userId: user.id, control: new Int32Array(control), file, state: 'running', result: null, error: null, finishedAt: null, ended: Promise.resolve() };
  // In a worker, the import takes turns with the request thread's writes (writeGate.ts); in this thread (in-memory database) it runs alone anyway.
  const gate = runsOffThread(db) ? { gate: writeGate.buffer as SharedArrayBuffer } : {};
  const args = { projectId: req.projectId, actor: user, file, name: req.name, ...(req.format ? { format: req.format } : {}), options: req.options, ...gate };
  const run = queue.then(() => (Atomics.load(job.control, 0) ? null : offThread(db, 'importFile', args, control)));
  queue = run.catch(() => undefined);
  job.ended = run
    .then(
      (r) => {
        if (r === null) job.state = 'cancelled';
        else if (r.ok) [job.state, job.result] = ['done', r.result];
        else [job.state, job.error] = [r.code === 'cancelled' ? 'cancelled' : 'failed', { status: r.status, code: r.code, message: r.message, details: r.details }];
      },
      (e: unknown) => {
        job.state = 'failed';
        job.error = { status: 500, code: 'internal', message: `The import stopped: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}` };
      },
    )
    .finally(() => {
      job.finishedAt = Date.now();
      rmSync(file, { force: true });
      // imports run one at a time: a worker that died holding (or waiting for) the write gate must not keep the request thread's writes waiting
      if (gate.gate) releaseForImport(writeGate);
    });
  jobs.set(job.id, job);
  return view(job);
}

function jobOf(user: User, id: string): Job {
  const job = jobs.get(id);
  if (!job || job.userId !== user.id) throw notFound('Import job');
  return job;
}

export function importJob(user: User, id: string): ImportJob {
  return view(jobOf(user, id));
}

/** Asks a running job to stop (its transaction is rolled back: nothing is imported); a finished one is forgotten. */
export function cancelImportJob(user: User, id: string): ImportJob {
  const job = jobOf(user, id);
  Atomics.store(job.control, 0, 1);
  if (job.state !== 'running') jobs.delete(id);
  return view(job);
}

/**
 * While an import writes (its worker holds SQLite's one write lock), the end
 * of that import; else null. A write on the request thread meanwhile would
 * wait for the lock inside SQLite, blocking the event loop (better-sqlite3
 * waits synchronously) and failing after busy_timeout: holdWritesDuringImport
 * and the write gate make it wait here instead, the event loop free.
 */
export function importWriting(): Promise<void> | null {
  for (const job of jobs.values()) if (job.state === 'running' && Atomics.load(job.control, 4) === 1) return job.ended;
  return null;
}

/** Waits for a job to end. */
export async function importJobEnded(user: User, id: string): Promise<ImportJob> {
  const job = jobOf(user, id);
  await job.ended;
  return view(job);
}

/** An import run as a job and awaited (`POST …/import`, the CLI): its result, or its refusal thrown as the ApiError it was. */
export async function importNow(db: Db, user: User, req: ImportRequest, file: string): Promise<ImportResult> {
  const { id } = startImportJob(db, user, req, file);
  const job = jobOf(user, id);
  await job.ended;
  jobs.delete(id);
  if (job.state === 'done') return job.result!;
  const e = job.error!;
  throw new ApiError((e.status ?? 500) as ContentfulStatusCode, e.code, e.message, e.details);
}
