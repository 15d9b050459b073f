/**
 * Spans matched across annotators: the units on which attribute alpha and
 * link F1 are computed (DESIGN.md, "alpha per attribute; link F1"). Pure.
 *
 * A *unit* is a group of spans of one label on one article, at most one span
 * per annotator; every span is in exactly one unit (a span nobody else
 * matched is a unit of one, which no agreement figure can use).
 *
 * - `exact`: spans of the same label with the same start and end. This is the
 *   "position" of DKPro Agreement / INCEpTION's CasDiff, where a span's
 *   features are compared only between annotations at identical offsets.
 * - `overlap`: spans of the same label that overlap by at least one code
 *   point. Grouping is a greedy agglomeration in the spirit of the unitary
 *   alignments of Mathet, Widlöcher & Métivier (2015), "The unified and
 *   holistic method gamma (γ) for inter-annotator agreement measure and
 *   alignment", Computational Linguistics 41(3) — an alignment holds at most
 *   one unit of each annotator — with the optimal alignment replaced by this
 *   deterministic rule:
 *   1. every pair of spans of different annotators (same label, overlapping)
 *      is a candidate, scored by its Jaccard overlap |s ∩ t| / |s ∪ t| on code
 *      points; ties by the larger intersection, then the earlier and shorter
 *      position, then input order;
 *   2. candidates are taken best first; the groups of the two spans merge when
 *      (a) their annotators are disjoint (never two spans of one annotator in
 *      a unit) and (b) every span of one group overlaps every span of the
 *      other (complete linkage: all spans of a unit overlap pairwise).
 *   Exact matching is the same procedure with "overlap" read as "same start
 *   and end"; so a duplicate span of one annotator (same label and
 *   boundaries twice) stays out of the unit that already holds the first.
 */

import { scratch, sortCandidates, startOrder, grow } from './matchScratch.js';

export interface MatchSpan {
  annotator: string;
  label: string;
  start: number;
  end: number;
  id?: string;
  attributes?: Readonly<Record<string, unknown>>;
}

export type MatchMode = 'exact' | 'overlap';
export const MATCH_MODES: readonly MatchMode[] = ['exact', 'overlap'];

interface Candidate {
  i: number;
  j: number;
  jaccard: number;
  inter: number;
  /** The tie-breaking key (positions, then input order), built once rather than at every comparison. */
  key: number[];
}

const compatible = (mode: MatchMode, s: MatchSpan, t: MatchSpan) =>
  mode === 'exact' ? s.start === t.start && s.end === t.end : s.start < t.end && t.start < s.end;

/** Candidate pairs of one label's spans (indices into `spans`), best first. */
function candidates(spans: readonly MatchSpan[], idx: number[], mode: MatchMode): Candidate[] {
  const order = [...idx].sort((x, y) => spans[x]!.start - spans[y]!.start || x - y);
  const out: Candidate[] = [];
  for (let p = 0; p < order.length; p++) {
    const s = spans[order[p]!]!;
    for (let q = p + 1; q < order.length && spans[order[q]!]!.start < s.end; q++) {
      const t = spans[order[q]!]!;
      if (s.annotator === t.annotator || !compatible(mode, s, t)) continue;
      const inter = Math.min(s.end, t.end) - Math.max(s.start, t.start);
      const union = Math.max(s.end, t.end) - Math.min(s.start, t.start);
      const [i, j] = order[p]! < order[q]! ? [order[p]!, order[q]!] : [order[q]!, order[p]!];
      const a = spans[i]!;
      const b = spans[j]!;
      const key = [Math.min(a.start, b.start), Math.min(a.end, b.end), Math.max(a.start, b.start), Math.max(a.end, b.end), i, j];
      out.push({ i, j, jaccard: inter / union, inter, key });
    }
  }
  return out.sort((x, y) => {
    if (x.jaccard !== y.jaccard) return y.jaccard - x.jaccard;
    if (x.inter !== y.inter) return y.inter - x.inter;
    for (let k = 0; k < x.key.length; k++) if (x.key[k] !== y.key[k]) return x.key[k]! - y.key[k]!;
    return 0;
  });
}

/** Groups one label's spans (indices into `spans`) into units by the rule of the module comment. */
function groupLabel(spans: readonly MatchSpan[], idx: number[], mode: MatchMode): number[][] {
  const groupOf = new Map<number, number[]>(idx.map((i) => [i, [i]]));
  for (const c of candidates(spans, idx, mode)) {
    const g = groupOf.get(c.i)!;
    const h = groupOf.get(c.j)!;
    if (g === h) continue;
    const who = new Set(g.map((x) => spans[x]!.annotator));
    if (h.some((x) => who.has(spans[x]!.annotator))) continue;
    if (!g.every((x) => h.every((y) => compatible(mode, spans[x]!, spans[y]!)))) continue;
    const merged = [...g, ...h].sort((x, y) => x - y);
    for (const x of merged) groupOf.set(x, merged);
  }
  return [...new Set(groupOf.values())];
}

/**
 * `groupLabel()` on typed arrays, for at most 31 annotators (`who[i]`: span
 * i's annotator as a bit number): the same candidates in the same order, and
 * the same merges, a group being kept as a union-find root with its
 * annotators as a bit mask and the least and greatest start and end of its
 * spans, since all spans of a group pairwise overlap (or are equal, in exact
 * mode) exactly when these bounds say so. A unit is a set of indices, so the
 * partition is all that counts: it is written as each span's unit's first
 * (least) index into `firstOf`, without an array per unit.
 */
function groupLabelTyped(spans: readonly MatchSpan[], idx: number[], mode: MatchMode, who: Int32Array, firstOf: Int32Array): void {
  const n = idx.length;
  const b = scratch(n);
  const { st, en, mask, parent, minS, maxS, minE, maxE } = b;
  for (let k = 0; k < n; k++) {
    st[k] = spans[idx[k]!]!.start;
    en[k] = spans[idx[k]!]!.end;
    mask[k] = 1 << who[idx[k]!]!;
  }
  // idx is ascending: local order is input order
  const order = startOrder(b, n);
  let m = 0;
  for (let p = 0; p < n; p++) {
    const s = order[p]!;
    for (let q = p + 1; q < n && st[order[q]!]! < en[s]!; q++) {
      const t = order[q]!;
      if (mask[s] === mask[t]) continue;
      if (mode === 'exact' ? !(st[s] === st[t] && en[s] === en[t]) : !(st[s]! < en[t]! && st[t]! < en[s]!)) continue;
      const inter = Math.min(en[s]!, en[t]!) - Math.max(st[s]!, st[t]!);
      const union = Math.max(en[s]!, en[t]!) - Math.min(st[s]!, st[t]!);
      if (m === b.ci.length) grow(b);
      b.ci[m] = Math.min(s, t);
      b.cj[m] = Math.max(s, t);
      b.jac[m] = inter / union;
      b.inters[m] = inter;
      m++;
    }
  }
  const { ci, cj } = b;
  // the tie-breaking key of each candidate: positions, then input order
  if (b.keys.length < 6 * m) b.keys = new Float64Array(12 * m);
  const keys = b.keys;
  for (let c = 0; c < m; c++) {
    const i = ci[c]!;
    const j = cj[c]!;
    keys[6 * c] = Math.min(st[i]!, st[j]!);
    keys[6 * c + 1] = Math.min(en[i]!, en[j]!);
    keys[6 * c + 2] = Math.max(st[i]!, st[j]!);
    keys[6 * c + 3] = Math.max(en[i]!, en[j]!);
    keys[6 * c + 4] = i;
    keys[6 * c + 5] = j;
  }
  const cands = sortCandidates(b, m);
  for (let k = 0; k < n; k++) {
    parent[k] = k;
    minS[k] = maxS[k] = st[k]!;
    minE[k] = maxE[k] = en[k]!;
  }
  for (let x = 0; x < m; x++) {
    const c = cands[x]!;
    let g = ci[c]!;
    while (parent[g] !== g) g = parent[g] = parent[parent[g]!]!;
    let h = cj[c]!;
    while (parent[h] !== h) h = parent[h] = parent[parent[h]!]!;
    if (g === h || (mask[g]! & mask[h]!) !== 0) continue;
    const fits =
      mode === 'exact'
        ? minS[g] === maxS[g] && minS[h] === maxS[h] && minS[g] === minS[h] && minE[g] === maxE[g] && minE[h] === maxE[h] && minE[g] === minE[h]
        : maxS[g]! < minE[h]! && maxS[h]! < minE[g]!;
    if (!fits) continue;
    parent[h] = g;
    mask[g]! |= mask[h]!;
    minS[g] = Math.min(minS[g]!, minS[h]!);
    maxS[g] = Math.max(maxS[g]!, maxS[h]!);
    minE[g] = Math.min(minE[g]!, minE[h]!);
    maxE[g] = Math.max(maxE[g]!, maxE[h]!);
  }
  // idx is ascending: the first span met of a group is its least index
  const groupAt = b.groupAt.fill(-1, 0, n);
  for (let k = 0; k < n; k++) {
    let r = k;
    while (parent[r] !== r) r = parent[r]!;
    if (groupAt[r] === -1) groupAt[r] = idx[k]!;
    firstOf[idx[k]!] = groupAt[r]!;
  }
}

/**
 * The units of one article's spans as each span's unit number (`unitOf`),
 * units numbered in the order of their first (least) span index, and their
 * `count`: the partition of `matchSpans()` without an array per unit.
 */
export interface TypedUnits {
  unitOf: Int32Array;
  count: number;
}

export function matchUnits(spans: readonly MatchSpan[], mode: MatchMode): TypedUnits {
  const byLabel = new Map<string, number[]>();
  const people = new Map<string, number>();
  const who = new Int32Array(spans.length);
  spans.forEach((s, i) => {
    const list = byLabel.get(s.label);
    if (list) list.push(i);
    else byLabel.set(s.label, [i]);
    let a = people.get(s.annotator);
    if (a === undefined) people.set(s.annotator, (a = people.size));
    who[i] = a;
  });
  const firstOf = new Int32Array(spans.length);
  for (const idx of byLabel.values()) {
    if (people.size <= 31) groupLabelTyped(spans, idx, mode, who, firstOf);
    else for (const g of groupLabel(spans, idx, mode)) for (const x of g) firstOf[x] = g[0]!;
  }
  // a unit's first span comes before its others: number units as their first spans come
  const unitOf = firstOf; // overwritten in place: firstOf[i] ≤ i is read before i is written
  let count = 0;
  for (let i = 0; i < spans.length; i++) unitOf[i] = firstOf[i] === i ? count++ : unitOf[firstOf[i]!]!;
  return { unitOf, count };
}

/** The units as arrays of indices, each sorted, ordered by their first index. */
export function unitLists(u: TypedUnits): number[][] {
  const units: number[][] = Array.from({ length: u.count }, () => []);
  for (let i = 0; i < u.unitOf.length; i++) units[u.unitOf[i]!]!.push(i);
  return units;
}

/**
 * The units of one article's spans: arrays of indices into `spans`, each of
 * one label and at most one span per annotator, every span in exactly one.
 * Ordered by their first span's position in `spans`.
 */
export function matchSpans(spans: readonly MatchSpan[], mode: MatchMode): number[][] {
  return unitLists(matchUnits(spans, mode));
}

/** An article's counted spans with their units in both modes. */
export interface MatchedArticle {
  id: string;
  /** The annotators counted on the article (sorted). */
  annotators: string[];
  spans: MatchSpan[];
  /** The units of each mode, typed (what the figures read). */
  typed: Record<MatchMode, TypedUnits>;
  /** The same units as arrays of indices (`matchSpans()`), made when first read. */
  readonly units: Record<MatchMode, number[][]>;
}

export function matchArticle(id: string, annotators: string[], spans: MatchSpan[]): MatchedArticle {
  const typed = { exact: matchUnits(spans, 'exact'), overlap: matchUnits(spans, 'overlap') };
  let lists: Record<MatchMode, number[][]> | undefined;
  return {
    id,
    annotators,
    spans,
    typed,
    get units() {
      return (lists ??= { exact: unitLists(typed.exact), overlap: unitLists(typed.overlap) });
    },
  };
}
