import type { AgreementCounts } from '@mbw/shared';

/** A figure as the dashboard shows it: three decimals, or a dash when undefined. */
export const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));

export const int = (n: number) => n.toLocaleString('en');

export const plural = (n: number, one: string, many = `${one}s`) => `${int(n)} ${n === 1 ? one : many}`;

/** "5 articles · 3 annotators · 3,324 tokens · 116 spans": what a figure rests on. */
export function countsText(c: AgreementCounts, unit = 'unit') {
  return [plural(c.articles, 'article'), plural(c.annotators, 'annotator'), plural(c.units, unit), plural(c.spans, 'span')].join(' · ');
}

/** Krippendorff's reading of alpha: ≥ 0.800 reliable, ≥ 0.667 tentative, below that low. */
export function quality(x: number | null | undefined): 'good' | 'tentative' | 'low' | 'none' {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'none';
  return x >= 0.8 ? 'good' : x >= 0.667 ? 'tentative' : 'low';
}

/** Mean of the defined values, or null. */
export function mean(xs: Array<number | null | undefined>): number | null {
  const ok = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return ok.length ? ok.reduce((s, x) => s + x, 0) / ok.length : null;
}

/** Cuts a quote for a tooltip. */
export const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
