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
 * The units of one article's spans: arrays of indices into `spans`, each of
 * one label and at most one span per annotator, every span in exactly one.
 * Ordered by their first span's position in `spans`.
 */
export function matchSpans(spans: readonly MatchSpan[], mode: MatchMode): number[][] {
  const byLabel = new Map<string, number[]>();
  spans.forEach((s, i) => {
    const list = byLabel.get(s.label);
    if (list) list.push(i);
    else byLabel.set(s.label, [i]);
  });
  const units: number[][] = [];
  for (const idx of byLabel.values()) units.push(...groupLabel(spans, idx, mode));
  return units.sort((x, y) => x[0]! - y[0]!);
}

/** An article's counted spans with their units in both modes. */
export interface MatchedArticle {
  id: string;
  /** The annotators counted on the article (sorted). */
  annotators: string[];
  spans: MatchSpan[];
  units: Record<MatchMode, number[][]>;
}

export function matchArticle(id: string, annotators: string[], spans: MatchSpan[]): MatchedArticle {
  return { id, annotators, spans, units: { exact: matchSpans(spans, 'exact'), overlap: matchSpans(spans, 'overlap') } };
}
