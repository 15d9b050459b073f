/**
 * Agreement reports as jobs (issue 13), like exports (exportJobs.ts): the
 * report runs in the worker pool while the page polls its progress, which the
 * worker writes into shared memory; a job can be cancelled. Jobs wait for the
 * report cache's runs (agreementCache.ts): a report of the unchanged project
 * answers at once, two jobs for the same report share one computation, and
 * cancelling the last job waiting for a report stops the worker at its next
 * step. A job belongs to the user who started it (anyone else: 404); a
 * finished one is kept for a few minutes, to be read.
 */
import type { AgreementJob, User } from '@mbw/shared';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import { notFound } from '../http/errors.js';
import { AGREEMENT_CANCELLED, type projectAgreement } from './agreement.js';
import { holdRun, type AgreementRun } from './agreementCache.js';

interface Job {
  id: string;
  userId: number;
  run: AgreementRun;
  release: () => void;
  state: AgreementJob['state'];
  /** Cancelled while running: it ends as cancelled even if the report comes first. */
  cancelling: boolean;
  /** The report's JSON in UTF-8 once done (agreementCache.ts). */
  report: Uint8Array | null;
  error: string | null;
  finishedAt: number | null;
  /** Settles when the job ends, whichever way. */
  ended: Promise<void>;
}

const KEEP_MS = 5 * 60_000;
/** Finished jobs kept at most (each holds its report). */
const KEEP_FINISHED = 32;
const jobs = new Map<string, Job>();

/** The job but its report. */
function head(job: Job): Omit<AgreementJob, 'report'> {
  const total = Atomics.load(job.run.control, 2);
  const done = job.state === 'done' ? total : Atomics.load(job.run.control, 1);
  return { id: job.id, state: job.state, done, total, error: job.error };
}

const encoder = new TextEncoder();

/**
 * `{"job": <AgreementJob>}` as UTF-8 bytes, the same as JSON.stringify: the
 * report (the last key) spliced in as the worker's bytes, never parsed here.
 */
function body(job: Job): Uint8Array<ArrayBuffer> {
  const report = job.state === 'done' ? job.report : null;
  const start = encoder.encode(`{"job":${JSON.stringify(head(job)).slice(0, -1)},"report":`);
  return Buffer.concat([start, report ?? encoder.encode('null'), encoder.encode('}}')]) as Uint8Array<ArrayBuffer>;
}

/** Forgets jobs finished long ago, and the oldest finished ones beyond the few kept. */
function sweep(now: number): void {
  const finished = [...jobs.values()].filter((j) => j.finishedAt !== null);
  finished.forEach((job, i) => {
    if (now - job.finishedAt! > KEEP_MS || finished.length - i > KEEP_FINISHED) jobs.delete(job.id);
  });
}

function finish(job: Job, state: AgreementJob['state'], report: Uint8Array | null, error: string | null): void {
  if (job.state !== 'running') return;
  job.state = state;
  job.report = report;
  job.error = error;
  job.finishedAt = Date.now();
  job.release();
}

/** Starts a report job; done at once when the report of this content is cached. Access is the caller's to check. Its state and `{"job": …}` body. */
export async function startAgreementJob(
  db: Db,
  user: User,
  projectId: number,
  opts: Parameters<typeof projectAgreement>[2],
): Promise<{ state: AgreementJob['state']; body: Uint8Array<ArrayBuffer> }> {
  const { run, release } = await holdRun(db, projectId, opts);
  sweep(Date.now());
  const job: Job = { id: randomUUID(), userId: user.id, run, release, state: 'running', cancelling: false, report: null, error: null, finishedAt: null, ended: Promise.resolve() };
  jobs.set(job.id, job);
  if (run.value) finish(job, 'done', run.value, null);
  else
    job.ended = run.json.then(
      (report) => (job.cancelling ? finish(job, 'cancelled', null, null) : finish(job, 'done', report, null)),
      (e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        if (message.includes(AGREEMENT_CANCELLED)) finish(job, 'cancelled', null, null);
        else finish(job, 'failed', null, message.split('\n')[0]!);
      },
    );
  return { state: job.state, body: body(job) };
}

function jobOf(user: User, id: string): Job {
  const job = jobs.get(id);
  if (!job || job.userId !== user.id) throw notFound('Agreement job');
  return job;
}

/** The job as the body `{"job": <AgreementJob>}`. */
export function agreementJobBody(user: User, id: string): Uint8Array<ArrayBuffer> {
  return body(jobOf(user, id));
}

/**
 * Cancels a running job. When no other job or request waits for its report,
 * the worker stops at its next step and the job ends as cancelled then;
 * else the job alone ends now and the report goes on for the others. A
 * finished job is forgotten. The body `{"job": <AgreementJob>}`.
 */
export function cancelAgreementJob(user: User, id: string): Uint8Array<ArrayBuffer> {
  const job = jobOf(user, id);
  if (job.state !== 'running') {
    jobs.delete(id);
    return body(job);
  }
  const shared = job.run.holders > 1 || job.run.kept;
  job.cancelling = true;
  job.release();
  if (shared) finish(job, 'cancelled', null, null);
  return body(job);
}

/** Waits for a job to end (tests). */
export async function agreementJobEnded(user: User, id: string): Promise<AgreementJob> {
  const job = jobOf(user, id);
  await job.ended;
  return JSON.parse(new TextDecoder().decode(body(job))).job as AgreementJob;
}
