import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { ArticleInput, Role, User } from '@mbw/shared';
import { api, ApiRequestError, call } from './client';
import { newId } from './ids';
import { live } from './live';

export const keys = {
  me: ['me'] as const,
  projects: ['projects'] as const,
  project: (id: number) => ['projects', id] as const,
  labels: (id: number) => ['projects', id, 'labels'] as const,
  articles: (id: number) => ['projects', id, 'articles'] as const,
  article: (id: number) => ['articles', id] as const,
  users: ['users'] as const,
};

/** Forgets everything cached for the previous user (the `me` query itself stays observed). */
function switchUser(qc: QueryClient, user: User | null) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
  qc.setQueryData(keys.me, user);
}

/** The signed-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return (await call(api.auth.me.$get())).user;
      } catch (e) {
        if (e instanceof ApiRequestError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Infinity,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (json: { username: string; password: string }) => call(api.auth.login.$post({ json })),
    onSuccess: ({ user }) => switchUser(qc, user),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.auth.logout.$post()),
    onSettled: () => switchUser(qc, null),
  });
}

export function useProjects() {
  return useQuery({ queryKey: keys.projects, queryFn: async () => (await call(api.projects.$get({ query: {} }))).projects });
}

export function useProject(id: number) {
  return useQuery({
    queryKey: keys.project(id),
    queryFn: async () => (await call(api.projects[':id'].$get({ param: { id: String(id) } }))).project,
  });
}

export function useLabels(projectId: number | undefined) {
  return useQuery({
    queryKey: keys.labels(projectId ?? 0),
    enabled: projectId !== undefined,
    queryFn: async () => (await call(api.projects[':id'].labels.$get({ param: { id: String(projectId) } }))).labels,
    staleTime: 5 * 60_000,
  });
}

/** A project's articles with progress; `live` keeps it fresh while the page is visible (see live.ts). */
export function useArticles(projectId: number, opts: { live?: boolean } = {}) {
  return useQuery({
    queryKey: keys.articles(projectId),
    queryFn: async () => (await call(api.projects[':id'].articles.$get({ param: { id: String(projectId) } }))).articles,
    ...(opts.live ? live() : {}),
  });
}

export function useArticle(id: number) {
  return useQuery({
    queryKey: keys.article(id),
    queryFn: async () => {
      const r = await call(api.articles[':id'].$get({ param: { id: String(id) } }));
      return { ...r.article, reopened: r.reopened };
    },
    staleTime: Infinity, // article text is immutable
  });
}

export function useUsers(enabled = true) {
  return useQuery({ queryKey: keys.users, enabled, queryFn: async () => (await call(api.users.$get())).users });
}

type Headers = { headers: Record<string, string> };

/**
 * A mutation that creates something, safe against double actions: while one
 * runs, further calls are ignored (before React has even re-rendered the
 * disabled button), and every request carries an Idempotency-Key that a
 * retry after a lost answer reuses, so the server creates once.
 */
function useCreateMutation<V, T>(send: (vars: V, init: Headers) => Promise<T>, onSuccess: () => unknown) {
  const busy = useRef(false);
  const key = useRef(newId());
  const m = useMutation({
    mutationFn: (vars: V) => send(vars, { headers: { 'Idempotency-Key': key.current } }),
    onSuccess,
    onSettled: (_d, err) => {
      busy.current = false;
      // Only a request that may not have arrived keeps its key, for the retry.
      if (!(err instanceof ApiRequestError && err.status === 0)) key.current = newId();
    },
  });
  const mutate = (vars: V, opts?: Parameters<typeof m.mutate>[1]) => {
    if (busy.current) return;
    busy.current = true;
    m.mutate(vars, opts);
  };
  return { ...m, mutate };
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useCreateMutation(
    (json: { username: string; password: string; role: Role; displayName?: string }, init) => call(api.users.$post({ json }, init)),
    () => qc.invalidateQueries({ queryKey: keys.users }),
  );
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useCreateMutation(
    (json: { name: string; description?: string }, init) => call(api.projects.$post({ json }, init)),
    () => qc.invalidateQueries({ queryKey: keys.projects }),
  );
}

export function useImportArticles(projectId: number) {
  const qc = useQueryClient();
  return useCreateMutation(
    (articles: ArticleInput[], init) => call(api.projects[':id'].articles.$post({ param: { id: String(projectId) }, json: { articles } }, init)),
    () => qc.invalidateQueries({ queryKey: keys.projects }),
  );
}

export function useAssign(projectId: number) {
  const qc = useQueryClient();
  return useCreateMutation(
    (json: { annotatorIds: number[]; articleIds?: number[]; perArticle?: number }, init) =>
      call(api.projects[':id'].assignments.$post({ param: { id: String(projectId) }, json }, init)),
    () => qc.invalidateQueries({ queryKey: keys.articles(projectId) }),
  );
}
