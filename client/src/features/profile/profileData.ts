import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FIGURE_NAMES, type FigureName, type ProfileBy, type ProfileGroup } from '@mbw/shared';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';

export interface ProfileAnswer {
  by: ProfileBy;
  basis: string;
  groups: ProfileGroup[];
}

/** The project's bias profile (supervisors), recomputed by the server for each grouping and basis. */
export function useProfile(projectId: number, by: ProfileBy, basis: string) {
  return useQuery({
    queryKey: [...keys.project(projectId), 'profile', by, basis] as const,
    queryFn: async () =>
      (await call(api.projects[':id'].profile.$get({ param: { id: String(projectId) }, query: { by, basis } }))) as ProfileAnswer,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export const FIGURE_TITLES: Record<FigureName, string> = {
  attributionsPer1000: 'Attributions per 1,000 words',
  anonymousShare: 'Anonymous share of attributions',
  articlesWithAnonymous: 'Articles with an anonymous source',
  articlesOnlyAnonymous: 'Articles with only anonymous sources',
  evaluativePer1000: 'Evaluative per 1,000 words',
  negativePer1000: 'Negative evaluative per 1,000',
  positivePer1000: 'Positive evaluative per 1,000',
  mixedPer1000: 'Mixed evaluative per 1,000',
  evaluativeInQuotesShare: 'Evaluative inside quotes (share)',
  unsupportedPer1000: 'Unsupported claims per 1,000 words',
  unsupportedSentenceShare: 'Sentences with an unsupported claim',
};

export const isShare = (f: FigureName) => !f.endsWith('Per1000');
export const fmtFigure = (f: FigureName, v: number | null) => (v === null ? '—' : isShare(f) ? `${(100 * v).toFixed(1)} %` : v.toFixed(1));

/** What the figures rest on, in words: gold on n curated articles, consensus on m, or one annotator. */
export function basisText(p: ProfileAnswer): string {
  const total: Record<string, number> = {};
  for (const g of p.groups) for (const [b, n] of Object.entries(g.bases)) total[b] = (total[b] ?? 0) + n;
  const part = (b: string, n: number) =>
    b === 'gold' ? `gold on ${n} curated article${n === 1 ? '' : 's'}` : b === 'consensus' ? `the majority consensus of submitted spans on ${n} article${n === 1 ? '' : 's'}` : `${b}'s submitted spans on ${n} article${n === 1 ? '' : 's'}`;
  const parts = Object.entries(total).map(([b, n]) => part(b, n));
  return parts.length ? `Resting on ${parts.join(' and ')}.` : 'No article has counted work on this basis yet.';
}

/** The table as CSV: one row per group, each figure with its interval. */
export function profileCsv(p: ProfileAnswer): string {
  const head = ['group', 'articles', 'words', 'alpha', ...FIGURE_NAMES.flatMap((f) => [f, `${f}_low`, `${f}_high`])];
  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) || /^[=+\-@\t\r]/.test(v) ? `"${(/^[=+\-@\t\r]/.test(v) ? "'" : '') + v.replace(/"/g, '""')}"` : v);
  const rows = p.groups.map((g) => [g.name, g.articles, g.words, g.alpha, ...FIGURE_NAMES.flatMap((f) => [g.figures[f], g.ci[f].low, g.ci[f].high])].map(cell).join(','));
  return [head.join(','), ...rows].join('\n') + '\n';
}

/** Offers text as a file download. */
export function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
