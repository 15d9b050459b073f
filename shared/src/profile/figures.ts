/**
 * The figures of the bias profile, each a ratio of sums over a group's
 * articles (counts.ts says what is counted), and a seeded bootstrap interval
 * for each: resample the group's articles with replacement (as
 * agreement/bootstrap.ts resamples articles for alpha), recompute the ratio
 * of sums, take the 2.5 % and 97.5 % quantiles of the defined replicates
 * (R type 7). Fewer than two articles: no interval (`null`), as one article
 * would only repeat its value. A figure whose denominator is 0 is `null`.
 */
import { mulberry32 } from '../random.js';
import { quantileSorted } from '../agreement/bootstrap.js';
import { COUNT_KEYS, type ArticleCounts, type CountKey } from './counts.js';

interface FigureDef {
  num: CountKey;
  den: CountKey;
  scale: number;
}

export const FIGURES = {
  /** Attribution spans per 1,000 words. */
  attributionsPer1000: { num: 'attributions', den: 'words', scale: 1000 },
  /** Anonymous or vague attributions of those with a sourceType. */
  anonymousShare: { num: 'anonymous', den: 'typed', scale: 1 },
  /** Share of articles with at least one anonymous attribution. */
  articlesWithAnonymous: { num: 'hasAnonymous', den: 'articles', scale: 1 },
  /** Share of articles whose typed attributions are all anonymous. */
  articlesOnlyAnonymous: { num: 'onlyAnonymous', den: 'articles', scale: 1 },
  /** Evaluative spans per 1,000 words, all and by polarity. */
  evaluativePer1000: { num: 'evaluative', den: 'words', scale: 1000 },
  negativePer1000: { num: 'negative', den: 'words', scale: 1000 },
  positivePer1000: { num: 'positive', den: 'words', scale: 1000 },
  mixedPer1000: { num: 'mixed', den: 'words', scale: 1000 },
  /** Evaluative spans inside quotation marks, of all evaluative spans (the rest is the outlet's own voice). */
  evaluativeInQuotesShare: { num: 'inQuotes', den: 'evaluative', scale: 1 },
  /** Unsupported claims per 1,000 words. */
  unsupportedPer1000: { num: 'unsupported', den: 'words', scale: 1000 },
  /** Sentences overlapped by an unsupported claim, of all sentences. */
  unsupportedSentenceShare: { num: 'unsupportedSentences', den: 'sentences', scale: 1 },
} as const satisfies Record<string, FigureDef>;

export type FigureName = keyof typeof FIGURES;
export const FIGURE_NAMES = Object.keys(FIGURES) as FigureName[];
export type Figures = Record<FigureName, number | null>;
export interface Interval {
  low: number | null;
  high: number | null;
}

const ratio = (c: ArticleCounts, d: FigureDef): number | null => (c[d.den] > 0 ? (d.scale * c[d.num]) / c[d.den] : null);

/** Every figure of summed counts. */
export function figuresOf(c: ArticleCounts): Figures {
  return Object.fromEntries(FIGURE_NAMES.map((n) => [n, ratio(c, FIGURES[n])])) as Figures;
}

export interface ProfileBootstrap {
  seed?: number;
  iterations?: number;
  confidence?: number;
}

/** Percentile bootstrap intervals of every figure, resampling articles (see the module comment). */
export function bootstrapFigures(articles: readonly ArticleCounts[], opts: ProfileBootstrap = {}): Record<FigureName, Interval> {
  const iterations = opts.iterations ?? 1000;
  const confidence = opts.confidence ?? 0.95;
  const none = Object.fromEntries(FIGURE_NAMES.map((n) => [n, { low: null, high: null }])) as Record<FigureName, Interval>;
  if (articles.length < 2 || iterations < 1) return none;
  const rand = mulberry32(opts.seed ?? 1);
  const replicates = new Map<FigureName, number[]>(FIGURE_NAMES.map((n) => [n, []]));
  const sum = new Float64Array(COUNT_KEYS.length);
  for (let b = 0; b < iterations; b++) {
    sum.fill(0);
    for (let i = 0; i < articles.length; i++) {
      const a = articles[Math.floor(rand() * articles.length)]!;
      for (let k = 0; k < COUNT_KEYS.length; k++) sum[k]! += a[COUNT_KEYS[k]!];
    }
    const c = Object.fromEntries(COUNT_KEYS.map((k, i) => [k, sum[i]!])) as ArticleCounts;
    for (const n of FIGURE_NAMES) {
      const v = ratio(c, FIGURES[n]);
      if (v !== null) replicates.get(n)!.push(v);
    }
  }
  for (const n of FIGURE_NAMES) {
    const sorted = replicates.get(n)!.sort((x, y) => x - y);
    if (sorted.length) none[n] = { low: quantileSorted(sorted, (1 - confidence) / 2), high: quantileSorted(sorted, (1 + confidence) / 2) };
  }
  return none;
}
