/**
 * Project-wide pre-merge as a job (issue 13), like exports and agreement
 * reports: the worker pool reads each batch of articles and computes their
 * proposals (premerge.ts, planOf) while the request thread writes them, one
 * short transaction per article (applyPlan re-reads what each plan was
 * computed from, and computes it again when a write came in between), and
 * yields between articles so that other requests interleave. Cancel stops
 * after the article being written: those merged before stay merged, each
 * audited and undoable. A job belongs to the user who started it (anyone
 * else: 404); a finished one is kept for a few minutes, to be read.
 */
import type { MergeJob, MergeOptions, MergeTotals, User } from '@mbw/shared';
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import type { Db } from '../db/client.js';
import { transaction } from '../db/tx.js';
import { notFound } from '../http/errors.js';
import { offThread } from '../workers/index.js';
import { addTotals, applyPlan, emptyTotals, mergeableArticles, type MergePlan } from './premerge.js';

interface Job {
  id: string;
  userId: number;
  state: MergeJob['state'];
  cancelling: boolean;
  done: number;
  total: number;
  totals: MergeTotals;
  error: string | null;
  finishedAt: number | null;
  ended: Promise<void>;
}

/** Articles read and planned by the worker at a time. */
export const MERGE_BATCH = 25;
const KEEP_MS = 5 * 60_000;
const KEEP_FINISHED = 32;
const jobs = new Map<string, Job>();

function view(job: Job): MergeJob {
  return { id: job.id, state: job.state, done: job.done, total: job.total, error: job.error, result: { ...job.totals } };
}

function sweep(now: number): void {
  const finished = [...jobs.values()].filter((j) => j.finishedAt !== null);
  finished.forEach((job, i) => {
    if (now - job.finishedAt! > KEEP_MS || finished.length - i > KEEP_FINISHED) jobs.delete(job.id);
  });
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
  sweep(Date.now());
  const ids = await mergeableArticles(db, projectId);
  const job: Job = { id: randomUUID(), userId: user.id, state: 'running', cancelling: false, done: 0, total: ids.length, totals: emptyTotals(), error: null, finishedAt: null, ended: Promise.resolve() };
  job.ended = run(db, user, job, ids, opts).then(
    () => void (job.state = job.cancelling && job.done < job.total ? 'cancelled' : 'done'),
    (e: unknown) => {
      job.state = 'failed';
      job.error = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
    },
  ).finally(() => {
    job.finishedAt = Date.now();
  });
  jobs.set(job.id, job);
  return job;
}

/** Starts a pre-merge job. Access is the caller's to check. */
export async function startMergeJob(db: Db, user: User, projectId: number, opts: MergeOptions): Promise<MergeJob> {
  return view(await begin(db, user, projectId, opts));
}

/** The pre-merge of the whole project, awaited (the synchronous route): the same plans and writes as a job. */
export async function mergeProjectOffThread(db: Db, user: User, projectId: number, opts: MergeOptions): Promise<MergeTotals> {
  const job = await begin(db, user, projectId, opts);
  await job.ended;
  jobs.delete(job.id);
  if (job.state === 'failed') throw new Error(job.error ?? 'the pre-merge failed');
  return { ...job.totals, articles: job.total };
}

function jobOf(user: User, id: string): Job {
  const job = jobs.get(id);
  if (!job || job.userId !== user.id) throw notFound('Pre-merge job');
  return job;
}

export function mergeJob(user: User, id: string): MergeJob {
  return view(jobOf(user, id));
}

/** Asks a running job to stop after the article being written; a finished one is forgotten. */
export function cancelMergeJob(user: User, id: string): MergeJob {
  const job = jobOf(user, id);
  if (job.state === 'running') job.cancelling = true;
  else jobs.delete(id);
  return view(job);
}

/** Waits for a job to end (tests). */
export async function mergeJobEnded(user: User, id: string): Promise<MergeJob> {
  const job = jobOf(user, id);
  await job.ended;
  return view(job);
}
