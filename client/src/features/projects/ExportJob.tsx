import { useEffect, useRef, useState } from 'react';
import type { ExportJob } from '@mbw/shared';
import { api, call, ApiRequestError } from '../../api/client';

const POLL_MS = 400;

/**
 * A large export prepared in the background (issue 13): the server writes
 * the file in a worker thread while this shows how many articles are done,
 * with a button to cancel; once done, the file is saved from a link.
 */
export function ExportJobControl({ projectId, query }: { projectId: number; query: Record<string, string> }) {
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  const key = JSON.stringify(query);

  // a new choice of format or articles forgets the file prepared for the old one
  useEffect(() => {
    setJob(null);
    setError(null);
  }, [key]);
  useEffect(() => () => void (timer.current !== null && window.clearTimeout(timer.current)), []);

  const poll = (id: string) => {
    timer.current = window.setTimeout(async () => {
      try {
        const { job: next } = await call(api['export-jobs'][':id'].$get({ param: { id } }));
        setJob(next);
        if (next.state === 'running') poll(id);
      } catch (e) {
        setError(e instanceof ApiRequestError ? e.message : String(e));
      }
    }, POLL_MS);
  };

  const start = async () => {
    setError(null);
    try {
      const { job: started } = await call(api.projects[':id']['export-jobs'].$post({ param: { id: String(projectId) }, query: query as never }));
      setJob(started);
      poll(started.id);
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : String(e));
    }
  };

  const cancel = async () => {
    if (!job) return;
    if (timer.current !== null) window.clearTimeout(timer.current);
    try {
      const { job: after } = await call(api['export-jobs'][':id'].$delete({ param: { id: job.id } }));
      setJob({ ...after, state: after.state === 'running' ? 'cancelled' : after.state });
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : String(e));
    }
  };

  const running = job?.state === 'running';
  return (
    <div className="row" style={{ alignItems: 'center', marginTop: '0.6rem' }} aria-live="polite">
      {!running && (
        <button type="button" className="button" onClick={start}>
          Prepare file in the background
        </button>
      )}
      {running && (
        <>
          <progress aria-label="Export progress" max={job.total || 1} value={job.done} style={{ flex: '1 1 12rem', width: 'auto' }} />
          <span className="muted small">
            {job.total ? `${job.done.toLocaleString('en')} of ${job.total.toLocaleString('en')} articles` : 'Starting…'}
          </span>
          <button type="button" className="button" onClick={cancel}>
            Cancel export
          </button>
        </>
      )}
      {job?.state === 'done' && (
        <a className="button primary" href={`/api/export-jobs/${job.id}/file`} download>
          Save {job.fileName}
        </a>
      )}
      {job?.state === 'cancelled' && <span className="muted small">Export cancelled.</span>}
      {job?.state === 'failed' && <span className="error">The export failed: {job.error}</span>}
      {error && <span className="error">{error}</span>}
    </div>
  );
}
