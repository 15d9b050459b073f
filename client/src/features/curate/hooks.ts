import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';

export const curateKeys = {
  view: (articleId: number) => [...keys.article(articleId), 'curation'] as const,
  queue: (projectId: number) => [...keys.project(projectId), 'curation'] as const,
  scores: (projectId: number) => [...keys.project(projectId), 'gold-scores'] as const,
};

const id = (n: number) => ({ id: String(n) });

/** The article's curation view: gold with provenance, spans, rejections, open conflicts. */
export function useCuration(articleId: number) {
  return useQuery({ queryKey: curateKeys.view(articleId), queryFn: () => call(api.articles[':id'].gold.$get({ param: id(articleId) })) });
}
export type CurationData = NonNullable<ReturnType<typeof useCuration>['data']>;
export type Conflict = CurationData['conflicts'][number];
export type GoldSpan = CurationData['gold'][number];

export function useCurationQueue(projectId: number) {
  return useQuery({ queryKey: curateKeys.queue(projectId), queryFn: () => call(api.projects[':id'].curation.$get({ param: id(projectId) })) });
}

export function useGoldScores(projectId: number) {
  return useQuery({ queryKey: curateKeys.scores(projectId), queryFn: () => call(api.projects[':id']['gold-scores'].$get({ param: id(projectId) })) });
}

/**
 * Every curation decision: saved at once, then the view (and the project's
 * queue) reloaded from the server, so the page shows what is stored.
 */
export function useDecisions(articleId: number, projectId: number) {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: curateKeys.view(articleId) }),
      qc.invalidateQueries({ queryKey: curateKeys.queue(projectId) }),
      qc.invalidateQueries({ queryKey: curateKeys.scores(projectId) }),
    ]);
  const p = { param: id(articleId) };
  return useMutation({
    mutationFn: async (d: Decision): Promise<unknown> => {
      switch (d.kind) {
        case 'merge':
          return call(api.articles[':id'].curation.merge.$post({ ...p, json: { strategy: 'majority', match: d.match } }));
        case 'resolve':
          return call(api.articles[':id'].curation.resolve.$post({ ...p, json: { spanIds: d.spanIds, accept: d.accept, reason: d.reason } }));
        case 'undo':
          return call(api.articles[':id'].curation.undo.$post(p));
        case 'complete':
          return call(api.articles[':id'].curation.complete.$post({ ...p, json: { force: d.force } }));
        case 'edit':
          return call(api.gold[':id'].$patch({ param: { id: d.goldId }, json: d.changes }));
        case 'link':
          return call(api.articles[':id'].gold.links.$post({ ...p, json: { from: d.from, to: d.to, type: 'attributes' } }));
        case 'unlink':
          return call(api.articles[':id'].gold.links[':linkId'].$delete({ param: { id: String(articleId), linkId: String(d.linkId) } }));
        case 'reopen':
          return call(api.articles[':id'].reopen.$post({ ...p, json: { annotator: d.annotator, comment: d.comment } }));
      }
    },
    onSettled: refresh,
  });
}

export type Decision =
  | { kind: 'merge'; match: 'exact' | 'overlap' }
  | { kind: 'resolve'; spanIds: string[]; accept: string[]; reason?: string }
  | { kind: 'undo' }
  | { kind: 'complete'; force: boolean }
  | { kind: 'edit'; goldId: string; changes: { version: number; label?: string; start?: number; end?: number; attributes?: Record<string, string> } }
  | { kind: 'link'; from: string; to: string }
  | { kind: 'unlink'; linkId: number }
  | { kind: 'reopen'; annotator: string; comment: string };
