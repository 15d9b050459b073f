/**
 * Link agreement: F1 of the links (relations, e.g. an attribution → the
 * statement it attributes) between spans matched across annotators. Pure.
 *
 * Following the relation scoring of span-and-relation tasks (e.g. the
 * "strict" relation F1 of the BioNLP and SemEval-2017 Task 10 evaluations: a
 * relation counts when both arguments and the type are right), with the
 * arguments read through the units of matching.ts:
 * - a link `from → to` of type `type` by annotator a becomes the triple
 *   (unit of `from`, unit of `to`, type); a link of a *agrees* with one of b
 *   when the triples are equal — both endpoints matched (same units) and the
 *   same type. Each annotator's triples are a set (a link drawn twice counts
 *   once);
 * - for a pair (a, b) over the articles both annotated: tp = |A ∩ B|,
 *   fp = |A \ B|, fn = |B \ A|; precision = tp / (tp + fp) (null when a drew
 *   no link), recall = tp / (tp + fn) (null when b drew none),
 *   F1 = 2tp / (2tp + fp + fn) (0 when only one side drew links, null when
 *   neither did). Swapping a and b swaps fp and fn, so F1 is symmetric;
 * - pooled (micro): tp, fp, fn summed over all pairs, then the same formulas;
 *   symmetric as well, since each pair's fp + fn does not depend on its order;
 * - only links whose two endpoints are counted spans of the same annotator
 *   (submitted work unless drafts; the labels and annotators of the filters)
 *   count; others are left out, as links to a span that does not count
 *   cannot be compared.
 */
import type { MatchedArticle, MatchMode } from './matching.js';
import type { AgreementCounts } from './report.js';

export interface LinkInput {
  from: string | number;
  to: string | number;
  type: string;
}

export interface LinkCounts {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface LinkPair extends LinkCounts {
  a: string;
  b: string;
  /** Articles both annotated. */
  articles: number;
}

export interface LinkFigure {
  pooled: LinkCounts;
  pairs: LinkPair[];
  /** units: the links compared; spans: their endpoints. */
  counts: AgreementCounts;
  reason?: string;
  /** Articles with links, most disagreeing (fp + fn over pairs) first. */
  byArticle: Array<{ id: string; tp: number; fp: number; fn: number }>;
}

export interface LinkAgreement {
  /** The link types found. */
  types: string[];
  exact: LinkFigure;
  overlap: LinkFigure;
}

/** Precision, recall and F1 from counts (see the module comment for the undefined cases). */
export function linkScores(tp: number, fp: number, fn: number): LinkCounts {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp ? tp / (tp + fp) : null,
    recall: tp + fn ? tp / (tp + fn) : null,
    f1: tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : null,
  };
}

/** An article's links that count (ends are spans of one counted annotator), read once for both modes. */
interface Resolved {
  /** Span indices of each link's ends, its type's number (in `typeIndex`), its annotator. */
  from: number[];
  to: number[];
  type: number[];
  who: string[];
  /** Distinct spans at the ends. */
  endpoints: number;
}

/**
 * The links of an article that count (both ends spans of the same counted
 * annotator), their types numbered in `typeIndex`: the same for both
 * matching modes, so read once.
 */
function resolveLinks(a: MatchedArticle, links: readonly LinkInput[], typeIndex: Map<string, number>): Resolved {
  const r: Resolved = { from: [], to: [], type: [], who: [], endpoints: 0 };
  if (!links.length) return r;
  const index = new Map<string, number>();
  a.spans.forEach((s, i) => s.id !== undefined && index.set(String(s.id), i));
  const counted = new Set(a.annotators);
  const endpoints = new Set<number>();
  for (const l of links) {
    const f = index.get(String(l.from));
    const t = index.get(String(l.to));
    if (f === undefined || t === undefined || f === t) continue;
    const who = a.spans[f]!.annotator;
    if (a.spans[t]!.annotator !== who || !counted.has(who)) continue;
    const type = String(l.type);
    let k = typeIndex.get(type);
    if (k === undefined) typeIndex.set(type, (k = typeIndex.size));
    r.from.push(f);
    r.to.push(t);
    r.type.push(k);
    r.who.push(who);
    endpoints.add(f).add(t);
  }
  r.endpoints = endpoints.size;
  return r;
}

/**
 * Each annotator's link triples on an article, each (unit of `from`, unit of
 * `to`, type) as one number (an injective code, so the sets and their
 * intersections are those of the triples).
 */
function triples(a: MatchedArticle, r: Resolved, mode: MatchMode): Map<string, Set<number | string>> {
  const { unitOf, count } = a.typed[mode];
  const out = new Map<string, Set<number | string>>(a.annotators.map((x) => [x, new Set()]));
  for (let i = 0; i < r.from.length; i++) {
    const f = r.from[i]!;
    const t = r.to[i]!;
    const k = r.type[i]!;
    // exact while it stays below 2^53; a string past that (the same choice for the same triple)
    out.get(r.who[i]!)!.add(k < 2 ** 20 && count <= 2 ** 16 ? (unitOf[f]! * count + unitOf[t]!) * 2 ** 20 + k : `${unitOf[f]} ${unitOf[t]} ${k}`);
  }
  return out;
}

function linkFigure(articles: readonly MatchedArticle[], resolved: ReadonlyArray<Resolved | null>, coders: string[], mode: MatchMode): LinkFigure {
  const pairs = new Map<string, { tp: number; fp: number; fn: number; articles: number }>();
  for (let i = 0; i < coders.length; i++)
    for (let j = i + 1; j < coders.length; j++) pairs.set(`${coders[i]}\u0000${coders[j]}`, { tp: 0, fp: 0, fn: 0, articles: 0 });
  const byArticle: LinkFigure['byArticle'] = [];
  const who = new Set<string>();
  let used = 0;
  let compared = 0;
  let articleCount = 0;
  articles.forEach((a, k) => {
    const r = resolved[k];
    if (!r) return;
    const out = triples(a, r, mode);
    const here = { id: a.id, tp: 0, fp: 0, fn: 0 };
    for (let i = 0; i < a.annotators.length; i++)
      for (let j = i + 1; j < a.annotators.length; j++) {
        const [x, y] = [a.annotators[i]!, a.annotators[j]!].sort();
        const A = out.get(x!)!;
        const B = out.get(y!)!;
        const p = pairs.get(`${x}\u0000${y}`)!;
        p.articles++;
        let tp = 0;
        for (const t of A) if (B.has(t)) tp++;
        p.tp += tp;
        p.fp += A.size - tp;
        p.fn += B.size - tp;
        here.tp += tp;
        here.fp += A.size - tp;
        here.fn += B.size - tp;
      }
    articleCount++;
    for (const [x, set] of out) if (set.size) who.add(x);
    compared += [...out.values()].reduce((s, set) => s + set.size, 0);
    used += r.endpoints;
    if (here.tp + here.fp + here.fn) byArticle.push(here);
  });
  const pairList: LinkPair[] = [...pairs].map(([key, p]) => {
    const [a, b] = key.split('\u0000') as [string, string];
    return { a, b, articles: p.articles, ...linkScores(p.tp, p.fp, p.fn) };
  });
  const sum = (f: 'tp' | 'fp' | 'fn') => pairList.reduce((s, p) => s + p[f], 0);
  byArticle.sort((x, y) => y.fp + y.fn - (x.fp + x.fn) || y.tp - x.tp);
  const figure: LinkFigure = {
    pooled: linkScores(sum('tp'), sum('fp'), sum('fn')),
    pairs: pairList,
    counts: { articles: articleCount, annotators: who.size, units: compared, spans: used },
    byArticle,
  };
  if (figure.pooled.f1 === null) figure.reason = articleCount ? 'no links on articles with two annotators' : 'no article has two annotators';
  return figure;
}

/**
 * Link F1 per annotator pair and pooled, exact and overlap matching.
 * `links[k]` are the links of `articles[k]`.
 */
export function linkAgreement(articles: readonly MatchedArticle[], links: ReadonlyArray<readonly LinkInput[]>): LinkAgreement {
  const coders = [...new Set(articles.flatMap((a) => a.annotators))].sort();
  const types = [...new Set(links.flat().map((l) => String(l.type)))].sort();
  // articles with two annotators or more: their links read once for both modes
  const typeIndex = new Map<string, number>();
  const resolved = articles.map((a, k) => (a.annotators.length < 2 ? null : resolveLinks(a, links[k] ?? [], typeIndex)));
  return { types, exact: linkFigure(articles, resolved, coders, 'exact'), overlap: linkFigure(articles, resolved, coders, 'overlap') };
}
