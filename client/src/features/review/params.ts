import { useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { AgreementReport, ArticleAgreement } from '@mbw/shared';
import type { AgreementFilters } from './hooks';

/**
 * The review pages keep their state in the URL, so that a link to a number's
 * spans (and the back button) keeps the filters: `labels`, `annotators`
 * (comma lists), `drafts=true`; the side-by-side view also reads `focus` (a
 * label key) and `pair` (two usernames).
 */
export function useReviewParams() {
  const search = useSearch();
  const [location, navigate] = useLocation();
  return useMemo(() => {
    const params = new URLSearchParams(search);
    const list = (k: string) => {
      const v = params.get(k);
      return v === null ? undefined : v.split(',').filter(Boolean);
    };
    const filters: AgreementFilters = { labels: list('labels'), annotators: list('annotators'), drafts: params.get('drafts') === 'true' };
    const focus = params.get('focus');
    const pair = list('pair');
    /** The filters (and any extra parameters) as a query string with its `?`, or ''. */
    const searchWith = (extra: Record<string, string | null | undefined> = {}) => {
      const p = new URLSearchParams();
      for (const k of ['labels', 'annotators', 'drafts'] as const) {
        const v = params.get(k);
        if (v !== null) p.set(k, v);
      }
      for (const [k, v] of Object.entries(extra)) {
        if (v === null || v === undefined) p.delete(k);
        else p.set(k, v);
      }
      const s = p.toString().replace(/%2C/g, ',');
      return s ? `?${s}` : '';
    };
    /** Changes parameters of the current page (replacing the history entry). */
    const update = (changes: Record<string, string | null | undefined>) => {
      const p = new URLSearchParams(search);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === undefined) p.delete(k);
        else p.set(k, v);
      }
      const s = p.toString().replace(/%2C/g, ',');
      navigate(s ? `${location}?${s}` : location, { replace: true });
    };
    return { filters, focus, pair: pair && pair.length === 2 ? (pair as [string, string]) : null, searchWith, update };
  }, [search, location, navigate]);
}

/** An article's agreement on one label (or all labels). */
export const articleAlpha = (a: ArticleAgreement, label: string | null) => (label ? (a.alphaByLabel[label] ?? null) : a.alpha);

/**
 * The articles behind a figure, worst first: those the pair (if any) both
 * annotated, by the label's alpha ascending (undefined last).
 */
export function articlesBehind(report: AgreementReport, label: string | null, pair: [string, string] | null): ArticleAgreement[] {
  const rows = report.articles.filter((a) => !pair || (a.annotators.includes(pair[0]) && a.annotators.includes(pair[1])));
  return rows
    .map((a, i) => ({ a, i, x: articleAlpha(a, label) }))
    .sort((p, q) => (p.x === null ? (q.x === null ? p.i - q.i : 1) : q.x === null ? -1 : p.x - q.x || p.i - q.i))
    .map((r) => r.a);
}

export const compareHref = (projectId: number, articleId: string | number, search: string) =>
  `/projects/${projectId}/agreement/articles/${articleId}${search}`;
