import { keepPreviousData, useQuery } from '@tanstack/react-query';
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

/** The project's agreement report (supervisors), recomputed by the server for each filter. */
export function useAgreement(projectId: number, filters: AgreementFilters) {
  return useQuery({
    queryKey: reviewKeys.agreement(projectId, filters),
    queryFn: async () =>
      (await call(api.projects[':id'].agreement.$get({ param: { id: String(projectId) }, query: agreementQuery(filters) }))).report,
    // Live (issue 10): asked again on focus and every 10 s while visible; the last
    // report stays on screen while a new one or a changed filter loads.
    ...live(10_000),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

/** Every annotator's spans and links on an article (supervisors see all). */
export function useArticleSpans(articleId: number) {
  return useQuery({
    queryKey: reviewKeys.spans(articleId),
    queryFn: async () => call(api.articles[':id'].annotations.$get({ param: { id: String(articleId) }, query: {} })),
    staleTime: 30_000,
  });
}
