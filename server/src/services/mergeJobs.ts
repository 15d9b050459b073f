/**
 * Project-wide pre-merge as a job (issue 13), like exports and agreement
 * reports: the worker pool reads each batch of articles and computes their
 * proposals (premerge.ts, planOf) while the request thread writes them, one
 * short transaction per article (applyPlan re-reads what each plan was
 * computed from, and computes it again when a write came in between), and
 * yields between articles so that other requests interleave. Cancel stops
 * after the article being written: those merged before stay merged, each
 * audited and undoable. The job's state is a row of `jobs` (jobState.ts,
 * issue 15): any server process answers and cancels it. A job belongs to
 * the user who started it (anyone else: 404); a finished one is kept an
 * hour, to be read.
 */
import type { MergeJob, MergeOptions, MergeTotals, User } from '@mbw/shared';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import type { Db } from '../db/client.js';
import { transaction } from '../db/tx.js';
import { notFound } from '../http/errors.js';
import { offThread } from '../workers/index.js';
import { cancelJob, endJob, forgetJob, readJob, startJob, type JobEnd, type JobRow } from './jobState.js';
import { addTotals, applyPlan, emptyTotals, mergeableArticles, type MergePlan } from './premerge.js';

/** A job this process runs (its state for every process is the job's row, jobState.ts). */
interface Job {
  id: string;
  userId: number;
  db: Db;
  cancelling: boolean;
  done: number;
  total: number;
  totals: MergeTotals;
  /** Settles when the job ends and its row is written. */
  ended: Promise<JobEnd>;
}

/** Articles read and planned by the worker at a time. */
export const MERGE_BATCH = 25;
const jobs = new Map<string, Job>();

function view(row: JobRow): MergeJob {
  return { id: row.id, state: row.state, done: row.done, total: row.total, error: row.error, result: row.result ? (JSON.parse(row.result) as MergeTotals) : emptyTotals() };
}

/** Plans in the worker, batch after batch (the next batch is read while this one is written); writes here. */
async function run(db: Db, user: User, job: Job, ids: number[], opts: MergeOptions): Promise<void> {
  const plan = (from: number) => {
    if (from >= ids.length) return null;
    const p = offThread(db, 'mergePlans', { articleIds: ids.slice(from, from + MERGE_BATCH), opts });
    p.catch(() => undefined); // awaited below, unless the job stops first
    return p;
  };
  let next = plan(0);
  for (let from = 0; next; from += MERGE_BATCH) {
    const plans: MergePlan[] = await next;
    next = job.cancelling ? null : plan(from + MERGE_BATCH);
    for (const p of plans) {
      if (job.cancelling) break;
      addTotals(job.totals, await transaction(db, (tx) => applyPlan(tx, user, p, opts)));
      job.done++;
      await yieldTurn();
    }
    if (job.cancelling) return;
  }
}

async function begin(db: Db, user: User, projectId: number, opts: MergeOptions): Promise<Job> {
  const ids = await mergeableArticles(db, projectId);
  const job: Job = { id: '', userId: user.id, db, cancelling: false, done: 0, total: ids.length, totals: emptyTotals(), ended: Promise.resolve(null as unknown as JobEnd) };
  const now = () => ({ done: job.done, total: job.total, result: JSON.stringify(job.totals) });
  job.id = await startJob(db, { kind: 'merge', userId: user.id, projectId, progress: now, cancel: () => void (job.cancelling = true) });
  job.ended = run(db, user, job, ids, opts)
    .then(
      (): JobEnd => ({ state: job.cancelling && job.done < job.total ? 'cancelled' : 'done', ...now() }),
      (e: unknown): JobEnd => ({ state: 'failed', ...now(), error: (e instanceof Error ? e.message : String(e)).split('\n')[0]! }),
    )
    .then(async (end) => {
      await endJob(job.id, end);
      return end;
    });
  jobs.set(job.id, job);
  void job.ended.finally(() => setTimeout(() => jobs.delete(job.id), 60_000).unref());
  return job;
}

/** Starts a pre-merge job. Access is the caller's to check. */
export async function startMergeJob(db: Db, user: User, projectId: number, opts: MergeOptions): Promise<MergeJob> {
  const job = await begin(db, user, projectId, opts);
  return view(await readJob(db, user.id, 'merge', job.id, 'Pre-merge job'));
}

/** The pre-merge of the whole project, awaited (the synchronous route): the same plans and writes as a job. */
export async function mergeProjectOffThread(db: Db, user: User, projectId: number, opts: MergeOptions): Promise<MergeTotals> {
  const job = await begin(db, user, projectId, opts);
  const end = await job.ended;
  await forgetJob(db, job.id);
  if (end.state === 'failed') throw new Error(end.error ?? 'the pre-merge failed');
  return { ...job.totals, articles: job.total };
}

export async function mergeJob(db: Db, user: User, id: string): Promise<MergeJob> {
  return view(await readJob(db, user.id, 'merge', id, 'Pre-merge job'));
}

/** Asks a running job to stop after the article being written; a finished one is forgotten. */
export async function cancelMergeJob(db: Db, user: User, id: string): Promise<MergeJob> {
  return view(await cancelJob(db, user.id, 'merge', id, 'Pre-merge job'));
}

/** Waits for a job of this process to end (tests). */
export async function mergeJobEnded(user: User, id: string): Promise<MergeJob> {
  const job = jobs.get(id);
  if (!job || job.userId !== user.id) throw notFound('Pre-merge job');
  await job.ended;
  return view(await readJob(job.db, user.id, 'merge', id, 'Pre-merge job'));
}
