import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@mbw/shared';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';

export type UserChanges = { displayName?: string; role?: Role; disabled?: boolean; password?: string };

/** Resets a password, disables or enables an account, renames it or changes its role. */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...json }: UserChanges & { id: number }) => call(api.users[':id'].$patch({ param: { id: String(id) }, json })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users }),
  });
}

/** Changes the signed-in user's own password; the server ends their other sessions. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (json: { current: string; password: string }) => call(api.auth.password.$post({ json })),
  });
}
