/**
 * Exports as jobs off the request thread (issue 13): the worker pool writes
 * the file on its own read-only connection (tasks.ts, exportFile) while the
 * request thread keeps answering; progress and the cancel flag are shared
 * memory (a SharedArrayBuffer), so neither needs a message. The job's state
 * is a row of `jobs` (jobState.ts, issue 15): any server process answers
 * it and can cancel it. The file is written into the job-files folder
 * (JOB_FILES_DIR, else one folder under the OS temporary folder that the
 * processes of one machine share); a process that cannot find it answers
 * 410. A job belongs to the user who started it (anyone else: 404); its
 * file is kept for an hour, or until it is cancelled.
 */
import type { ExportJob, User } from '@mbw/shared';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/client.js';
import { ApiError } from '../http/errors.js';
import { offThread } from '../workers/index.js';
import { checkExport, EXPORT_CANCELLED, type ExportFileResult, type ExportRequest } from './exports.js';
import { cancelJob, endJob, onJobSwept, readJob, startJob, type JobRow } from './jobState.js';

/** What the row keeps of a finished export. */
type Stored = Pick<ExportFileResult, 'fileName' | 'contentType' | 'articleCount'>;

/** Jobs this process runs, until they end (to be awaited). */
const ended = new Map<string, { userId: number; db: Db; ended: Promise<void> }>();

/** The folder of job files: JOB_FILES_DIR (a folder every process shares), else one under the OS temporary folder (one per OS user, who must be able to write it). */
export function jobFilesDir(): string {
  const dir = process.env.JOB_FILES_DIR || join(tmpdir(), `mbw-job-files-${process.getuid?.() ?? 'user'}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const fileOf = (id: string) => join(jobFilesDir(), `export-${id}`);

onJobSwept('export', (id) => rmSync(fileOf(id), { force: true }));

function view(row: JobRow): ExportJob {
  const stored = row.result ? (JSON.parse(row.result) as Stored) : null;
  return { id: row.id, state: row.state, done: row.done, total: row.total, fileName: stored?.fileName ?? null, error: row.error };
}

/** Starts an export job (the request is checked first: a bad one answers 400 or 409 at once). Access is the caller's to check. */
export async function startExportJob(db: Db, user: User, projectId: number, req: ExportRequest): Promise<ExportJob> {
  await checkExport(db, projectId, req);
  const id = randomUUID();
  const file = fileOf(id);
  const control = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  await startJob(db, {
    id,
    kind: 'export',
    userId: user.id,
    projectId,
    progress: () => ({ done: Atomics.load(control, 1), total: Atomics.load(control, 2) }),
    cancel: () => Atomics.store(control, 0, 1),
  });
  const run = offThread(db, 'exportFile', { projectId, req, file }, control.buffer as SharedArrayBuffer).then(
    (result) => {
      const stored: Stored = { fileName: result.fileName, contentType: result.contentType, articleCount: result.articleCount };
      return endJob(id, { state: 'done', done: result.articleCount, total: result.articleCount, result: JSON.stringify(stored) });
    },
    (e: unknown) => {
      rmSync(file, { force: true });
      const message = e instanceof Error ? e.message : String(e);
      const cancelled = Atomics.load(control, 0) && message.includes(EXPORT_CANCELLED);
      const progress = { done: Atomics.load(control, 1), total: Atomics.load(control, 2) };
      return endJob(id, cancelled ? { state: 'cancelled', ...progress } : { state: 'failed', ...progress, error: message.split('\n')[0]! });
    },
  );
  ended.set(id, { userId: user.id, db, ended: run });
  void run.finally(() => setTimeout(() => ended.delete(id), 60_000).unref());
  return view(await readJob(db, user.id, 'export', id, 'Export job'));
}

export async function exportJob(db: Db, user: User, id: string): Promise<ExportJob> {
  return view(await readJob(db, user.id, 'export', id, 'Export job'));
}

/** Asks a running job to stop (its file is removed); a finished one is removed with its file. */
export async function cancelExportJob(db: Db, user: User, id: string): Promise<ExportJob> {
  const row = await cancelJob(db, user.id, 'export', id, 'Export job');
  if (row.state !== 'running') rmSync(fileOf(id), { force: true });
  return view(row);
}

/** The finished file to send; 409 while the job runs or when it did not finish; 410 when this process cannot find its file. */
export async function exportJobFile(db: Db, user: User, id: string): Promise<{ file: string; fileName: string; contentType: string }> {
  const row = await readJob(db, user.id, 'export', id, 'Export job');
  if (row.state !== 'done' || !row.result) throw new ApiError(409, 'not_ready', row.state === 'running' ? 'The export is still running.' : `The export ${row.state === 'failed' ? 'failed' : 'was cancelled'}: nothing to download.`);
  const file = fileOf(id);
  if (!existsSync(file))
    throw new ApiError(410, 'file_gone', `The export's file is not on this server: another server process wrote it into a folder this one does not see (set JOB_FILES_DIR to a folder every process shares), or it was removed. Start the export again.`);
  const stored = JSON.parse(row.result) as Stored;
  return { file, fileName: stored.fileName, contentType: stored.contentType };
}

/** Waits for a job of this process to end (tests, shutdown). */
export async function exportJobEnded(user: User, id: string): Promise<ExportJob> {
  const job = ended.get(id);
  if (!job || job.userId !== user.id) throw new ApiError(404, 'not_found', 'Export job not found.');
  await job.ended;
  return view(await readJob(job.db, user.id, 'export', id, 'Export job'));
}
