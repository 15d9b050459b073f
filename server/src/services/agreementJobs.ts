/**
 * Agreement reports as jobs (issue 13), like exports (exportJobs.ts): the
 * report runs in the worker pool while the page polls its progress, which the
 * worker writes into shared memory; a job can be cancelled. Jobs wait for the
 * report cache's runs (agreementCache.ts): a report of the unchanged project
 * answers at once, two jobs for the same report share one computation, and
 * cancelling the last job waiting for a report stops the worker at its next
 * step. The job's state and, once done, its report are a row of `jobs`
 * (jobState.ts, issue 15): any server process answers and cancels it. A job
 * belongs to the user who started it (anyone else: 404); a finished one is
 * kept an hour, to be read.
 */
import type { AgreementJob, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { notFound } from '../http/errors.js';
import { AGREEMENT_CANCELLED, type projectAgreement } from './agreement.js';
import { holdRun, type AgreementRun } from './agreementCache.js';
import { cancelJob, endJob, readJob, recordEndedJob, startJob, type JobRow } from './jobState.js';

/** A job this process runs: its share of the cached run (the state itself is the job's row). */
interface Job {
  userId: number;
  db: Db;
  run: AgreementRun;
  release: () => void;
  /** Cancelled while running: it ends as cancelled even if the report comes first. */
  cancelling: boolean;
  ended: boolean;
  /** Settles when the job ends, whichever way. */
  settled: Promise<void>;
}

const jobs = new Map<string, Job>();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `{"job": <AgreementJob>}` as UTF-8 bytes, the same as JSON.stringify: the
 * report (the last key) spliced in as stored, never parsed here.
 */
function body(row: JobRow): Uint8Array<ArrayBuffer> {
  const head = { id: row.id, state: row.state, done: row.state === 'done' ? row.total : row.done, total: row.total, error: row.error };
  const report = row.state === 'done' && row.result !== null ? row.result : 'null';
  return encoder.encode(`{"job":${JSON.stringify(head).slice(0, -1)},"report":${report}}}`) as Uint8Array<ArrayBuffer>;
}

/** Keeps a job of this process to be awaited (agreementJobEnded) until a minute after it ends. */
function remember(id: string, job: Job): void {
  jobs.set(id, job);
  void job.settled.finally(() => setTimeout(() => jobs.delete(id), 60_000).unref());
}

const progress = (run: AgreementRun) => ({ done: Atomics.load(run.control, 1), total: Atomics.load(run.control, 2) });

function finish(id: string, job: Job, state: 'done' | 'failed' | 'cancelled', report: Uint8Array | null, error: string | null): Promise<void> {
  if (job.ended) return Promise.resolve();
  job.ended = true;
  job.release();
  const p = progress(job.run);
  return endJob(id, { state, done: state === 'done' ? p.total : p.done, total: p.total, result: report && decoder.decode(report), error });
}

/** Cancels a running job of this process: the worker stops when no other job or request waits for its report, else the job alone ends now. */
function cancel(id: string, job: Job): void {
  if (job.ended || job.cancelling) return;
  const shared = job.run.holders > 1 || job.run.kept;
  job.cancelling = true;
  job.release();
  if (shared) void finish(id, job, 'cancelled', null, null);
}

/** Starts a report job; done at once when the report of this content is cached. Access is the caller's to check. Its state and `{"job": …}` body. */
export async function startAgreementJob(
  db: Db,
  user: User,
  projectId: number,
  opts: Parameters<typeof projectAgreement>[2],
): Promise<{ state: AgreementJob['state']; body: Uint8Array<ArrayBuffer> }> {
  const { run, release } = await holdRun(db, projectId, opts);
  if (run.value) {
    release();
    const total = Atomics.load(run.control, 2);
    const id = await recordEndedJob(db, { kind: 'agreement', userId: user.id, projectId }, { state: 'done', done: total, total, result: decoder.decode(run.value) });
    remember(id, { userId: user.id, db, run, release, cancelling: false, ended: true, settled: Promise.resolve() });
    const row = await readJob(db, user.id, 'agreement', id, 'Agreement job');
    return { state: row.state, body: body(row) };
  }
  const job: Job = { userId: user.id, db, run, release, cancelling: false, ended: false, settled: Promise.resolve() };
  let id = '';
  id = await startJob(db, { kind: 'agreement', userId: user.id, projectId, progress: () => progress(run), cancel: () => cancel(id, job) });
  job.settled = run.json.then(
    (report) => finish(id, job, job.cancelling ? 'cancelled' : 'done', job.cancelling ? null : report, null),
    (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      return message.includes(AGREEMENT_CANCELLED) ? finish(id, job, 'cancelled', null, null) : finish(id, job, 'failed', null, message.split('\n')[0]!);
    },
  );
  remember(id, job);
  const row = await readJob(db, user.id, 'agreement', id, 'Agreement job');
  return { state: row.state, body: body(row) };
}

/** The job as the body `{"job": <AgreementJob>}`. */
export async function agreementJobBody(db: Db, user: User, id: string): Promise<Uint8Array<ArrayBuffer>> {
  return body(await readJob(db, user.id, 'agreement', id, 'Agreement job'));
}

/**
 * Cancels a running job. When no other job or request waits for its report,
 * the worker stops at its next step and the job ends as cancelled then;
 * else the job alone ends now and the report goes on for the others. A
 * finished job is forgotten. The body `{"job": <AgreementJob>}`.
 */
export async function cancelAgreementJob(db: Db, user: User, id: string): Promise<Uint8Array<ArrayBuffer>> {
  return body(await cancelJob(db, user.id, 'agreement', id, 'Agreement job'));
}

/** Waits for a job of this process to end (tests). */
export async function agreementJobEnded(user: User, id: string): Promise<AgreementJob> {
  const job = jobs.get(id);
  if (!job || job.userId !== user.id) throw notFound('Agreement job');
  await job.settled;
  return JSON.parse(decoder.decode(await agreementJobBody(job.db, user, id))).job as AgreementJob;
}
