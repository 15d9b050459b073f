import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';

const archivedKey = (projectId: number) => ['projects', projectId, 'archived-articles'] as const;

/** The project's archived articles (supervisors), with the spans each holds. */
export function useArchivedArticles(projectId: number) {
  return useQuery({
    queryKey: archivedKey(projectId),
    queryFn: async () => (await call(api.projects[':id']['archived-articles'].$get({ param: { id: String(projectId) } }))).articles,
  });
}

/** Archives (`archive: true`) or restores an article; the lists follow. */
export function useArchiveArticle(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archive }: { id: number; archive: boolean }) =>
      archive
        ? call(api.articles[':id'].$delete({ param: { id: String(id) } }))
        : call(api.articles[':id'].restore.$post({ param: { id: String(id) } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: archivedKey(projectId) });
      void qc.invalidateQueries({ queryKey: keys.articles(projectId) });
      void qc.invalidateQueries({ queryKey: keys.projects });
    },
  });
}
