/**
 * The bias profile (issue 14; DESIGN.md "Media-bias analysis"): per article,
 * outlet or story, the figures of figures.ts over the basis spans, with
 * their articles and words, a seeded bootstrap interval over articles, the
 * source mix, the top evaluative terms, and the token alpha (Krippendorff,
 * nominal, all profile labels pooled, as the agreement report's "overall")
 * of the annotators' spans the group rests on: `null` when fewer than two
 * annotators marked any article of it. Pure: no I/O.
 */
import { agreementReport, type AgreementSpanInput } from '../agreement/report.js';
import { articleCounts, DEFAULT_PROFILE_LABELS, sumCounts, type ArticleCounts, type ProfileLabels, type ProfileSpan } from './counts.js';
import { bootstrapFigures, figuresOf, type FigureName, type Figures, type Interval, type ProfileBootstrap } from './figures.js';

export type ProfileGrouping = 'article' | 'outlet' | 'story';

export interface ProfileArticle {
  id: string | number;
  title?: string;
  source?: string | null;
  story?: string | null;
  text: string;
  /** The spans of the basis (gold, consensus or one annotator's). */
  spans: ProfileSpan[];
  /** What `spans` are: `gold`, `consensus` or a username. */
  basis?: string;
  /** The annotators' own spans, for the alpha (none: no alpha). */
  annotations?: AgreementSpanInput[];
  annotators?: string[];
}

export interface ProfileGroup {
  key: string;
  /** The article's title (by article), else the key. */
  name: string;
  articles: number;
  words: number;
  articleIds: Array<string | number>;
  figures: Figures;
  ci: Record<FigureName, Interval>;
  /** Token alpha of the annotators' spans behind the group; null when not computable. */
  alpha: number | null;
  /** Attributions by sourceType (`unset` without one). */
  sourceMix: Record<string, number>;
  /** The most frequent evaluative terms (lower-cased quotes), at most 10. */
  topEvaluative: Array<{ term: string; count: number }>;
  /** Articles per basis actually used (gold where curated, else the fallback). */
  bases: Record<string, number>;
  counts: ArticleCounts;
}

export interface ProfileOptions {
  labels?: ProfileLabels;
  bootstrap?: ProfileBootstrap;
}

/** The group key of an article. */
export function groupKey(a: ProfileArticle, by: ProfileGrouping): string {
  if (by === 'article') return String(a.id);
  const v = by === 'outlet' ? a.source : a.story;
  return v?.trim() || (by === 'outlet' ? '(no outlet)' : '(no story)');
}

/** The profile of every group, groups sorted by key (articles: input order). */
export function biasProfile(articles: readonly ProfileArticle[], by: ProfileGrouping, opts: ProfileOptions = {}): ProfileGroup[] {
  const labels = opts.labels ?? DEFAULT_PROFILE_LABELS;
  const groups = new Map<string, ProfileArticle[]>();
  for (const a of articles) {
    const k = groupKey(a, by);
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  const keys = [...groups.keys()];
  if (by !== 'article') keys.sort((x, y) => x.localeCompare(y));
  return keys.map((key) => groupProfile(key, groups.get(key)!, by, labels, opts.bootstrap));
}

function groupProfile(key: string, list: ProfileArticle[], by: ProfileGrouping, labels: ProfileLabels, boot?: ProfileBootstrap): ProfileGroup {
  const per = list.map((a) => articleCounts(a.text, a.spans, labels));
  const counts = sumCounts(per);
  const spans = list.flatMap((a) => a.spans);
  const bases: Record<string, number> = {};
  for (const a of list) bases[a.basis ?? 'spans'] = (bases[a.basis ?? 'spans'] ?? 0) + 1;
  return {
    key,
    name: by === 'article' ? list[0]!.title || key : key,
    articles: list.length,
    words: counts.words,
    articleIds: list.map((a) => a.id),
    figures: figuresOf(counts),
    ci: bootstrapFigures(per, boot),
    alpha: groupAlpha(list, labels),
    sourceMix: sourceMix(spans, labels),
    topEvaluative: topTerms(list, labels),
    bases,
    counts,
  };
}

function groupAlpha(list: ProfileArticle[], labels: ProfileLabels): number | null {
  const keys = [labels.attribution, labels.evaluative, labels.unsupported];
  const articles = list
    .filter((a) => a.annotations?.length)
    .map((a) => ({ id: a.id, text: a.text, annotators: a.annotators ?? [], spans: a.annotations!.filter((s) => keys.includes(s.label)) }));
  if (!articles.length) return null;
  return agreementReport({ labels: keys, articles }, { bootstrap: { iterations: 0 } }).overall.alpha.value;
}

function sourceMix(spans: ProfileSpan[], labels: ProfileLabels): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const s of spans) {
    if (s.label !== labels.attribution) continue;
    const v = s.attributes?.sourceType;
    const k = typeof v === 'string' && v ? v : 'unset';
    mix[k] = (mix[k] ?? 0) + 1;
  }
  return mix;
}

function topTerms(list: ProfileArticle[], labels: ProfileLabels): Array<{ term: string; count: number }> {
  const n = new Map<string, number>();
  for (const a of list)
    for (const s of a.spans) {
      if (s.label !== labels.evaluative) continue;
      const term = (s.quote ?? Array.from(a.text).slice(s.start, s.end).join('')).trim().toLowerCase();
      if (term) n.set(term, (n.get(term) ?? 0) + 1);
    }
  return [...n.entries()]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, 10)
    .map(([term, count]) => ({ term, count }));
}
