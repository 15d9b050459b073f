import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectSchemeInput } from '@mbw/shared';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';

export const schemeKey = (projectId: number) => ['projects', projectId, 'scheme'] as const;

/** The project's scheme: labels, relation types, guideline. */
export function useScheme(projectId: number | undefined) {
  return useQuery({
    queryKey: schemeKey(projectId ?? 0),
    enabled: projectId !== undefined,
    queryFn: async () => (await call(api.projects[':id'].scheme.$get({ param: { id: String(projectId) } }))).scheme,
  });
}

/** Replaces the scheme; `confirm` applies a change that touches work in use (the 409 says how). */
export function useSaveScheme(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ scheme, confirm }: { scheme: ProjectSchemeInput; confirm: boolean }) =>
      call(api.projects[':id'].scheme.$put({ param: { id: String(projectId) }, query: { confirm: confirm ? 'true' : 'false' }, json: scheme })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: schemeKey(projectId) });
      void qc.invalidateQueries({ queryKey: keys.labels(projectId) });
    },
  });
}
