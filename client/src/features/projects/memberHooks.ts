import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MemberRole } from '@mbw/shared';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';

const membersKey = (projectId: number) => ['projects', projectId, 'members'] as const;

/** The project's creator and members (supervisor members and admins). */
export function useMembers(projectId: number) {
  return useQuery({
    queryKey: membersKey(projectId),
    queryFn: async () => (await call(api.projects[':id'].members.$get({ param: { id: String(projectId) } }))).members,
  });
}

/** Adds a member (`role`) or, with `remove`, removes one; the list follows. */
export function useChangeMember(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: { userId: number; role: MemberRole } | { userId: number; remove: true }) =>
      'remove' in m
        ? call(api.projects[':id'].members.$delete({ param: { id: String(projectId) }, json: { userId: m.userId } }))
        : call(api.projects[':id'].members.$post({ param: { id: String(projectId) }, json: m })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: membersKey(projectId) });
      void qc.invalidateQueries({ queryKey: keys.projects });
    },
  });
}
