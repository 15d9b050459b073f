import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';

export const historyKey = (articleId: number) => [...keys.article(articleId), 'history'] as const;

const PAGE = 100;

/** The article's history, oldest first, a page at a time ("Show more" loads the next). */
export function useHistory(articleId: number) {
  return useInfiniteQuery({
    queryKey: historyKey(articleId),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.articles[':id'].history.$get({
          param: { id: String(articleId) },
          query: { limit: String(PAGE), ...(pageParam === undefined ? {} : { after: String(pageParam) }) },
        }),
      ),
    getNextPageParam: (last) => last.next ?? undefined,
  });
}
export type HistoryData = NonNullable<ReturnType<typeof useHistory>['data']>;
export type Entry = HistoryData['pages'][number]['entries'][number];

/** Restores the span a deletion entry recorded; then the history and everything cached of the article reload. */
export function useRestore(articleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (entryId: number) => call(api.audit[':id'].restore.$post({ param: { id: String(entryId) } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.article(articleId) }),
  });
}
