/**
 * Span F1 of the agreement report (report.ts) from credits computed once per
 * article, label and pair of annotators, instead of one `spanF1()` call per
 * figure over all spans laid end to end. The figures are the same bits as
 * `spanF1()` gives on those concatenated lists: within one article and label
 * the distinct spans, the exact matches and each span's overlap share are
 * what `spanF1()` finds (spans of different articles or labels never match),
 * and `SpanF1Sum` adds the shares in the order `spanF1()` adds them
 * (tests/unit/agreement/spanCredits.test.ts checks it on random data).
 */
import type { PairSpanF1, PrecisionRecallF1 } from './report.js';
import { f1FromCredit, spanKey, type LabelledSpan, type SpanF1Result } from './spanF1.js';
import { num, type Prepared } from './tokenFigures.js';

/** What two annotators' spans of one label on one article contribute to their span F1. */
export interface LabelPairCredit {
  /** Distinct spans (start, end) of a and of b. */
  aCount: number;
  bCount: number;
  /** Distinct spans both marked (exact credit, either way round). */
  exact: number;
  /** Overlap share of each distinct span of a against the union of b's spans, in input order; and of b against a. */
  aShares: Float64Array;
  bShares: Float64Array;
}

/** Distinct spans: their keys as numbers in a short list (searched end to end), or a set (long lists, keys that are strings). */
interface Keys {
  nums: number[] | null;
  keys: Set<number | string> | null;
}

const SHORT = 48;

/** The first of each distinct span (start, end) with end > start, in input order. */
function distinct(spans: ReadonlyArray<LabelledSpan>): { list: LabelledSpan[] } & Keys {
  if (spans.length <= SHORT) {
    const nums: number[] = [];
    const list: LabelledSpan[] = [];
    let numeric = true;
    for (const s of spans) {
      if (!(s.end > s.start)) continue;
      const k = spanKey(s);
      if (typeof k !== 'number') {
        numeric = false;
        break;
      }
      if (nums.includes(k)) continue;
      nums.push(k);
      list.push(s);
    }
    if (numeric) return { list, nums, keys: null };
  }
  const keys = new Set<number | string>();
  const list: LabelledSpan[] = [];
  for (const s of spans) {
    if (!(s.end > s.start)) continue;
    const k = spanKey(s);
    if (keys.has(k)) continue;
    keys.add(k);
    list.push(s);
  }
  return { list, nums: null, keys };
}

/** Keys of `a` that `b` has too. */
function common(a: Keys, b: Keys): number {
  let n = 0;
  if (a.nums) {
    for (const k of a.nums) if (b.nums ? b.nums.includes(k) : b.keys!.has(k)) n++;
  } else for (const k of a.keys!) if (b.nums ? typeof k === 'number' && b.nums.includes(k) : b.keys!.has(k)) n++;
  return n;
}

const SHIFT = 2 ** 26;

/** Sorted, merged intervals `[start, end, …]` (touching ones merge, as in spanF1.ts). */
function union(spans: readonly LabelledSpan[]): Float64Array {
  const out = new Float64Array(2 * spans.length);
  let n = 0;
  const add = (start: number, end: number) => {
    if (n && start <= out[2 * n - 1]!) out[2 * n - 1] = Math.max(out[2 * n - 1]!, end);
    else {
      out[2 * n] = start;
      out[2 * n + 1] = end;
      n++;
    }
  };
  let packable = true;
  for (const s of spans) if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end >= 0 && s.start < SHIFT && s.end < SHIFT) || Object.is(s.start, -0) || Object.is(s.end, -0)) packable = false;
  if (packable) {
    // one exact number per span, b · 2^26 + e: the typed array's numeric sort gives the order by start, then end
    const keys = new Float64Array(spans.length);
    for (let i = 0; i < spans.length; i++) keys[i] = spans[i]!.start * SHIFT + spans[i]!.end;
    keys.sort();
    for (let i = 0; i < keys.length; i++) {
      const b = Math.floor(keys[i]! / SHIFT);
      add(b, keys[i]! - b * SHIFT);
    }
  } else {
    const order = spans.map((_, i) => i).sort((x, y) => spans[x]!.start - spans[y]!.start || spans[x]!.end - spans[y]!.end);
    for (const i of order) add(spans[i]!.start, spans[i]!.end);
  }
  return out.subarray(0, 2 * n);
}

/** Length of [start, end) covered by the merged intervals (the sum in the order of spanF1.ts). */
function covered(start: number, end: number, iv: Float64Array): number {
  const n = iv.length >> 1;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (iv[2 * mid + 1]! <= start) lo = mid + 1;
    else hi = mid;
  }
  let sum = 0;
  for (let i = lo; i < n && iv[2 * i]! < end; i++) sum += Math.min(end, iv[2 * i + 1]!) - Math.max(start, iv[2 * i]!);
  return sum;
}

function shares(spans: readonly LabelledSpan[], other: Float64Array): Float64Array {
  const out = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) out[i] = covered(spans[i]!.start, spans[i]!.end, other) / (spans[i]!.end - spans[i]!.start);
  return out;
}

/** One annotator's spans of one label on one article: the distinct ones, their keys and their union. */
interface Side extends Keys {
  list: LabelledSpan[];
  union: Float64Array;
}

function side(spans: ReadonlyArray<LabelledSpan>): Side {
  const d = distinct(spans);
  return { list: d.list, nums: d.nums, keys: d.keys, union: union(d.list) };
}

function credit(da: Side, db: Side): LabelPairCredit {
  const exact = common(da, db);
  return { aCount: da.list.length, bCount: db.list.length, exact, aShares: shares(da.list, db.union), bShares: shares(db.list, da.union) };
}

/** The credit of a's and b's spans of one label on one article (every span of one label). */
export function labelPairCredit(a: ReadonlyArray<LabelledSpan>, b: ReadonlyArray<LabelledSpan>): LabelPairCredit {
  return credit(side(a), side(b));
}

/** Adds up credits in the order of the spans (article by article, label by label) into exact and overlap P/R/F1. */
export class SpanF1Sum {
  private aCount = 0;
  private bCount = 0;
  private exact = 0;
  private aOverlap = 0;
  private bOverlap = 0;

  add(c: LabelPairCredit): void {
    this.aCount += c.aCount;
    this.bCount += c.bCount;
    this.exact += c.exact;
    for (let i = 0; i < c.aShares.length; i++) this.aOverlap += c.aShares[i]!;
    for (let i = 0; i < c.bShares.length; i++) this.bOverlap += c.bShares[i]!;
  }

  /** Precision of a against b (recall of b against a). */
  exactResult(): SpanF1Result {
    return f1FromCredit(this.exact, this.aCount, this.exact, this.bCount);
  }

  overlapResult(): SpanF1Result {
    return f1FromCredit(this.aOverlap, this.aCount, this.bOverlap, this.bCount);
  }
}

/** The key of a pair of annotators (a before b, as in the report's sorted lists). */
export const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;

/** Every pair of an article's (sorted) annotators: their credit per label of `labels`. */
export function articlePairCredits(p: Prepared, labels: string[]): Map<string, LabelPairCredit[]> {
  const out = new Map<string, LabelPairCredit[]>();
  if (p.annotators.length < 2) return out;
  // each annotator's side once per label, for all the pairs it is in
  const sides = labels.map((l) => p.annotators.map((a) => side(p.spans.get(l)!.get(a)!)));
  for (let i = 0; i < p.annotators.length; i++)
    for (let j = i + 1; j < p.annotators.length; j++)
      out.set(pairKey(p.annotators[i]!, p.annotators[j]!), sides.map((perAnnotator) => credit(perAnnotator[i]!, perAnnotator[j]!)));
  return out;
}

const prf = (r: SpanF1Result): PrecisionRecallF1 => ({ precision: num(r.precision), recall: num(r.recall), f1: num(r.f1) });

/**
 * Span F1 of every pair of `annotators` over the labels `ls` (indices into
 * the report's labels) on the articles both annotated: a's spans as
 * predicted, b's as reference, labels matched.
 */
export function spanPairFigures(prepared: Prepared[], credits: Map<Prepared, Map<string, LabelPairCredit[]>>, ls: string[], li: number[], annotators: string[]): PairSpanF1[] {
  const out: PairSpanF1[] = [];
  for (let i = 0; i < annotators.length; i++)
    for (let j = i + 1; j < annotators.length; j++) {
      const a = annotators[i]!;
      const b = annotators[j]!;
      const sum = new SpanF1Sum();
      let articles = 0;
      let spans = 0;
      for (const p of prepared) {
        const cs = credits.get(p)!.get(pairKey(a, b));
        if (!cs) continue;
        articles++;
        for (const k of li) sum.add(cs[k]!);
        for (const l of ls) spans += p.spans.get(l)!.get(a)!.length + p.spans.get(l)!.get(b)!.length;
      }
      out.push({ a, b, exact: prf(sum.exactResult()), overlap: prf(sum.overlapResult()), counts: { articles, annotators: 2, units: spans, spans } });
    }
  return out;
}

/** Mean over an article's pairs of annotators of the overlap-credit F1 over all labels (pairs with an undefined F1 left out). */
export function meanPairF1(credits: Map<string, LabelPairCredit[]>): number | null {
  const f1s: number[] = [];
  for (const cs of credits.values()) {
    const sum = new SpanF1Sum();
    for (const c of cs) sum.add(c);
    const f = sum.overlapResult().f1;
    if (Number.isFinite(f)) f1s.push(f);
  }
  return f1s.length ? f1s.reduce((s, x) => s + x, 0) / f1s.length : null;
}
