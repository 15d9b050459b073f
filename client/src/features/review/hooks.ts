import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AgreementReport } from '@mbw/shared';
import { live } from '../../api/live';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';

/** What the supervisor narrowed the report to (the query of GET /api/projects/:id/agreement). */
export interface AgreementFilters {
  /** Label keys to keep; undefined = all. */
  labels?: string[];
  /** Annotator usernames to keep; undefined = all. */
  annotators?: string[];
  /** Count unsubmitted work too. */
  drafts: boolean;
}

/** The query string the API reads: only what differs from its defaults. */
export function agreementQuery(f: AgreementFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.labels) q.labels = f.labels.join(',');
  if (f.annotators) q.annotators = f.annotators.join(',');
  if (f.drafts) q.drafts = 'true';
  return q;
}

export const reviewKeys = {
  agreement: (projectId: number, f: AgreementFilters) => [...keys.project(projectId), 'agreement', agreementQuery(f)] as const,
  spans: (articleId: number) => [...keys.article(articleId), 'annotations', 'review'] as const,
};

/** Steps of a report being computed (null when none runs long enough to show). */
export interface ReportProgress {
  done: number;
  total: number;
}

const POLL_MS = 300;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = window.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (window.clearTimeout(t), reject(signal.reason)), { once: true });
  });

/**
 * The report through a job (issue 13): started on the server, which computes
 * it in a worker (or answers at once from its cache), then polled with its
 * progress until done. Aborting (the supervisor cancels, or the filters
 * change) cancels the job on the server.
 */
async function reportByJob(projectId: number, filters: AgreementFilters, signal: AbortSignal, onProgress: (p: ReportProgress | null) => void): Promise<AgreementReport> {
  let { job } = await call(api.projects[':id']['agreement-jobs'].$post({ param: { id: String(projectId) }, query: agreementQuery(filters) }));
  const id = job.id;
  const stop = () => void call(api['agreement-jobs'][':id'].$delete({ param: { id } })).catch(() => undefined);
  if (job.state === 'running') signal.addEventListener('abort', stop, { once: true });
  try {
    while (job.state === 'running') {
      await sleep(POLL_MS, signal);
      ({ job } = await call(api['agreement-jobs'][':id'].$get({ param: { id } })));
      if (job.state === 'running') onProgress({ done: job.done, total: job.total });
    }
  } finally {
    signal.removeEventListener('abort', stop);
    onProgress(null);
  }
  if (job.state === 'done' && job.report) return job.report;
  throw new Error(job.state === 'cancelled' ? 'The report was cancelled.' : `The report failed: ${job.error ?? 'unknown error'}`);
}

/**
 * The project's agreement report (supervisors), recomputed by the server for
 * each filter, with the progress of a computation that runs long, and
 * `cancel` to stop it (the page stops asking again until `resume`).
 */
export function useAgreement(projectId: number, filters: AgreementFilters) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<ReportProgress | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const queryKey = reviewKeys.agreement(projectId, filters);
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => reportByJob(projectId, filters, signal, setProgress),
    // Live (issue 10): asked again on focus and every 10 s while visible; the last
    // report stays on screen while a new one or a changed filter loads.
    ...live(10_000),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    enabled: !cancelled,
  });
  const cancel = () => {
    setCancelled(true);
    void queryClient.cancelQueries({ queryKey });
  };
  const resume = () => setCancelled(false);
  return { ...query, progress, cancelled, cancel, resume };
}

/** Every annotator's spans and links on an article (supervisors see all). */
export function useArticleSpans(articleId: number) {
  return useQuery({
    queryKey: reviewKeys.spans(articleId),
    queryFn: async () => call(api.articles[':id'].annotations.$get({ param: { id: String(articleId) }, query: {} })),
    staleTime: 30_000,
  });
}
