/**
 * Exports as jobs off the request thread (issue 13): the worker pool writes
 * the file on its own read-only connection (tasks.ts, exportFile) while the
 * request thread keeps answering; progress and the cancel flag are shared
 * memory (a SharedArrayBuffer), so neither needs a message. A job belongs to
 * the user who started it (anyone else: 404); its file is kept for an hour,
 * or until it is cancelled.
 */
import type { ExportJob, User } from '@mbw/shared';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/client.js';
import { ApiError, notFound } from '../http/errors.js';
import { offThread } from '../workers/index.js';
import { checkExport, EXPORT_CANCELLED, type ExportFileResult, type ExportRequest } from './exports.js';

interface Job {
  id: string;
  userId: number;
  control: Int32Array;
  file: string;
  state: ExportJob['state'];
  result: ExportFileResult | null;
  error: string | null;
  finishedAt: number | null;
  /** Settles when the job ends, whichever way. */
  ended: Promise<void>;
}

const KEEP_MS = 3_600_000;
const jobs = new Map<string, Job>();
let dir: string | null = null;

function view(job: Job): ExportJob {
  const total = Atomics.load(job.control, 2);
  return {
    id: job.id,
    state: job.state,
    done: job.state === 'done' ? (job.result?.articleCount ?? total) : Atomics.load(job.control, 1),
    total: job.state === 'done' ? (job.result?.articleCount ?? total) : total,
    fileName: job.result?.fileName ?? null,
    error: job.error,
  };
}

/** Drops the files of jobs finished more than an hour ago. */
function sweep(now: number): void {
  for (const job of jobs.values())
    if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) {
      rmSync(job.file, { force: true });
      jobs.delete(job.id);
    }
}

/** Starts an export job (the request is checked first: a bad one answers 400 or 409 at once). Access is the caller's to check. */
export async function startExportJob(db: Db, user: User, projectId: number, req: ExportRequest): Promise<ExportJob> {
  await checkExport(db, projectId, req);
  sweep(Date.now());
  dir ??= mkdtempSync(join(tmpdir(), 'mbw-exports-'));
  const id = randomUUID();
  const control = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const job: Job = { id, userId: user.id, control: new Int32Array(control), file: join(dir, id), state: 'running', result: null, error: null, finishedAt: null, ended: Promise.resolve() };
  job.ended = offThread(db, 'exportFile', { projectId, req, file: job.file }, control).then(
    (result) => {
      job.state = 'done';
      job.result = result;
    },
    (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      job.state = Atomics.load(job.control, 0) && message.includes(EXPORT_CANCELLED) ? 'cancelled' : 'failed';
      job.error = job.state === 'failed' ? message.split('\n')[0]! : null;
    },
  ).finally(() => {
    job.finishedAt = Date.now();
  });
  jobs.set(id, job);
  return view(job);
}

function jobOf(user: User, id: string): Job {
  const job = jobs.get(id);
  if (!job || job.userId !== user.id) throw notFound('Export job');
  return job;
}

export function exportJob(user: User, id: string): ExportJob {
  return view(jobOf(user, id));
}

/** Asks a running job to stop (its file is removed); a finished one is removed with its file. */
export function cancelExportJob(user: User, id: string): ExportJob {
  const job = jobOf(user, id);
  Atomics.store(job.control, 0, 1);
  if (job.state !== 'running') {
    rmSync(job.file, { force: true });
    jobs.delete(id);
  }
  return view(job);
}

/** The finished file to send; 409 while the job runs or when it did not finish. */
export function exportJobFile(user: User, id: string): { file: string; fileName: string; contentType: string } {
  const job = jobOf(user, id);
  if (job.state !== 'done' || !job.result) throw new ApiError(409, 'not_ready', job.state === 'running' ? 'The export is still running.' : `The export ${job.state === 'failed' ? 'failed' : 'was cancelled'}: nothing to download.`);
  return { file: job.file, fileName: job.result.fileName, contentType: job.result.contentType };
}

/** Waits for a job to end (tests, shutdown). */
export async function exportJobEnded(user: User, id: string): Promise<ExportJob> {
  const job = jobOf(user, id);
  await job.ended;
  return view(job);
}
