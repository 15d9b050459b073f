import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { MergeJob } from '@mbw/shared';
import { api, call, ApiRequestError } from '../../api/client';
import { keys } from '../../api/hooks';

const POLL_MS = 400;

/**
 * The project-wide pre-merge (issue 13): the server computes the proposals in
 * a worker and writes them article by article while this shows how many
 * articles are done, with a button to cancel (the articles merged so far stay
 * merged); at the end, the totals. `children` go at the end of the form.
 */
export function PreMergeForm({ projectId, children }: { projectId: number; children?: ReactNode }) {
  const qc = useQueryClient();
  const [match, setMatch] = useState<'exact' | 'overlap'>('exact');
  const [job, setJob] = useState<MergeJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  useEffect(() => () => void (timer.current !== null && window.clearTimeout(timer.current)), []);

  const settle = (next: MergeJob) => {
    setJob(next);
    if (next.state !== 'running') void qc.invalidateQueries({ queryKey: keys.project(projectId) });
  };
  const fail = (e: unknown) => setError(e instanceof ApiRequestError ? e.message : String(e));

  const poll = (id: string) => {
    timer.current = window.setTimeout(async () => {
      try {
        const { job: next } = await call(api['merge-jobs'][':id'].$get({ param: { id } }));
        settle(next);
        if (next.state === 'running') poll(id);
      } catch (e) {
        fail(e);
      }
    }, POLL_MS);
  };

  const start = async () => {
    setError(null);
    try {
      const { job: started } = await call(api.projects[':id']['merge-jobs'].$post({ param: { id: String(projectId) }, json: { strategy: 'majority', match } }));
      setJob(started);
      poll(started.id);
    } catch (e) {
      fail(e);
    }
  };

  /** Asks the job to stop; polling goes on until it has (after the article being written). */
  const cancel = async () => {
    if (!job) return;
    try {
      await call(api['merge-jobs'][':id'].$delete({ param: { id: job.id } }));
    } catch (e) {
      fail(e);
    }
  };

  const running = job?.state === 'running';
  const totals = job?.result;
  return (
    <form className="card merge-form" aria-label="Pre-merge" onSubmit={(e) => (e.preventDefault(), void start())}>
      <label>
        Match
        <select value={match} onChange={(e) => setMatch(e.target.value as 'exact' | 'overlap')} disabled={running}>
          <option value="exact">exact boundaries</option>
          <option value="overlap">overlapping spans</option>
        </select>
      </label>
      {!running && (
        <button type="submit" className="primary">
          Pre-merge all (majority)
        </button>
      )}
      {running && (
        <div className="merge-progress" aria-live="polite">
          <progress aria-label="Pre-merge progress" max={job.total || 1} value={job.done} />
          <span className="muted small">
            {job.done.toLocaleString('en')} of {job.total.toLocaleString('en')} articles
          </span>
          <button type="button" onClick={() => void cancel()}>
            Cancel pre-merge
          </button>
        </div>
      )}
      {job && !running && totals && (
        <span role="status">
          {job.state === 'cancelled' && `Pre-merge cancelled after ${totals.articles} of ${job.total} articles. `}
          {job.state === 'failed' && `The pre-merge failed after ${totals.articles} of ${job.total} articles: ${job.error}. `}
          Merged {totals.merged} spans: {totals.resolvedUnits} of {totals.units} units resolved; {totals.open} conflicts open.
        </span>
      )}
      {error && <span className="error">{error}</span>}
      {children}
    </form>
  );
}
