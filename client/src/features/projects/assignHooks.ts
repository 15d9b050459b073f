import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';

export type Pairs = { annotatorIds: number[]; articleIds: number[] };

/**
 * Unassigns annotators from articles. Without `confirm` the server refuses
 * with 409 and the counts when work exists (the caller asks, then sends again
 * with `confirm`); the work is kept either way.
 */
export function useUnassign(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ pairs, confirm }: { pairs: Pairs; confirm: boolean }) =>
      call(
        api.projects[':id'].assignments.$delete({
          param: { id: String(projectId) },
          query: { confirm: confirm ? 'true' : 'false' },
          json: pairs,
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.articles(projectId) }),
  });
}

/** Skips (flags) an article with a reason, or withdraws the flag; a supervisor names whose flag to clear. */
export function useFlag(articleId: number, projectId: number) {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.articles(projectId) });
    void qc.invalidateQueries({ queryKey: keys.article(articleId) });
  };
  const flag = useMutation({
    mutationFn: (reason: string) => call(api.articles[':id'].flag.$post({ param: { id: String(articleId) }, json: { reason } })),
    onSuccess: refresh,
  });
  const clear = useMutation({
    mutationFn: (annotator?: number) =>
      call(api.articles[':id'].flag.$delete({ param: { id: String(articleId) }, query: annotator === undefined ? {} : { annotator: String(annotator) } })),
    onSuccess: refresh,
  });
  return { flag, clear };
}
