import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ArchivedProject } from '@mbw/shared';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';

const archivedProjectsKey = ['projects', 'archived'] as const;

/** The archived projects the supervisor manages, with their articles and spans. */
export function useArchivedProjects(enabled: boolean) {
  return useQuery({
    queryKey: archivedProjectsKey,
    enabled,
    queryFn: async () => (await call(api.projects.$get({ query: { archived: 'true' } }))).projects as ArchivedProject[],
  });
}

/** Archives (`archive: true`) or restores a project; every project list follows. */
export function useArchiveProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archive }: { id: number; archive: boolean }) =>
      archive
        ? call(api.projects[':id'].$delete({ param: { id: String(id) } }))
        : call(api.projects[':id'].restore.$post({ param: { id: String(id) } })),
    onSuccess: (_r, { id }) => {
      void qc.invalidateQueries({ queryKey: keys.projects });
      void qc.invalidateQueries({ queryKey: keys.project(id) });
    },
  });
}

/** Deletes an archived article or project for good (admins), confirmed by its typed name. */
export function usePurge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, id, confirmName }: { kind: 'article' | 'project'; id: number; confirmName: string }) =>
      kind === 'article'
        ? call(api.articles[':id'].purge.$post({ param: { id: String(id) }, json: { confirmName } }))
        : call(api.projects[':id'].purge.$post({ param: { id: String(id) }, json: { confirmName } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.projects }),
  });
}
