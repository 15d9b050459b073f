/**
 * The token-level figures of the agreement report (report.ts) on typed
 * arrays: an article's tokens are boundaries in an Int32Array, an annotator's
 * marks of a label a Uint8Array, and Cohen's and Fleiss' kappa are counted
 * from them without a unit list. They give bit for bit what `cohenKappa()`
 * and `fleissKappa()` give on the same units (the sums are taken in the same
 * order, and the integer ones are exact), as tests/unit/agreement checks
 * against the published values.
 */
import type { AgreementCounts, AgreementFigure, PairFigure } from './report.js';
import type { Coincidences } from './krippendorff.js';
import type { LabelledSpan } from './spanF1.js';

export interface Prepared {
  id: string;
  title: string | null;
  /** Token boundaries, `[start, end, …]` (see tokenBounds.ts). */
  bounds: Int32Array;
  tokenCount: number;
  length: number;
  annotators: string[];
  /** spans[label][annotator] */
  spans: Map<string, Map<string, LabelledSpan[]>>;
  /** marks[label][annotator][token] = 1 if "in" */
  marks: Map<string, Map<string, Uint8Array>>;
  spanCount: number;
  /** Per label, Cohen's counts of every pair of annotators, kept for the next figure (pairCounts). */
  cohen?: Map<string, Int32Array>;
  /** Per label, how many of the article's annotators marked each token "in" (tokenCounts), kept for the next figure. */
  counts?: Map<string, Uint8Array | Int32Array>;
  /** Per label, each annotator's merged units on [0, length) (unitizingFigures.ts), kept for the next figure. */
  intervals?: Map<string, Float64Array[]>;
}

/** How many of the article's annotators marked each token "in" for label `l` (integers: any order gives the same counts). */
export function tokenCounts(p: Prepared, l: string): Uint8Array | Int32Array {
  p.counts ??= new Map();
  let k = p.counts.get(l);
  if (!k) {
    k = p.annotators.length < 256 ? new Uint8Array(p.tokenCount) : new Int32Array(p.tokenCount);
    for (const a of p.annotators) {
      const r = p.marks.get(l)!.get(a)!;
      for (let t = 0; t < p.tokenCount; t++) k[t]! += r[t]!;
    }
    p.counts.set(l, k);
  }
  return k;
}

/**
 * For every pair (i < j) of the article's annotators and label `l`: tokens i
 * marked "in", j marked "in", and both gave the same value, at
 * `3 · (i · m + j)` (integers: any order gives the same sums). Computed once
 * per article and label, for every figure.
 */
/** A 4-byte aligned row of marks as whole words (its last length % 4 bytes left out), or null. */
export const wordsOf = (r: Uint8Array): Uint32Array | null => (r.byteOffset % 4 === 0 ? new Uint32Array(r.buffer, r.byteOffset, r.length >> 2) : null);

/**
 * Tokens where marks xs and ys differ (ys null: tokens marked in xs). Marks
 * are 0 or 1, so a word's XOR has a byte 0 or 1 per token and
 * imul(w, 0x01010101) >>> 24 is their sum; the same integer as byte by byte.
 */
export function differing(xs: Uint8Array, ys: Uint8Array | null, xw: Uint32Array | null, yw: Uint32Array | null): number {
  let d = 0;
  let t = 0;
  if (xw && (ys === null || yw)) {
    if (yw) for (let k = 0; k < xw.length; k++) d += Math.imul(xw[k]! ^ yw[k]!, 0x01010101) >>> 24;
    else for (let k = 0; k < xw.length; k++) d += Math.imul(xw[k]!, 0x01010101) >>> 24;
    t = 4 * xw.length;
  }
  if (ys) for (; t < xs.length; t++) d += xs[t]! ^ ys[t]!;
  else for (; t < xs.length; t++) d += xs[t]!;
  return d;
}

function pairCounts(p: Prepared, l: string): Int32Array {
  p.cohen ??= new Map();
  let counts = p.cohen.get(l);
  if (!counts) {
    const m = p.annotators.length;
    counts = new Int32Array(3 * m * m);
    const rows = p.annotators.map((a) => p.marks.get(l)!.get(a)!);
    const words = rows.map(wordsOf);
    const ones = rows.map((r, i) => differing(r, null, words[i]!, null));
    for (let i = 0; i < m; i++)
      for (let j = i + 1; j < m; j++) {
        const o = 3 * (i * m + j);
        counts[o] = ones[i]!;
        counts[o + 1] = ones[j]!;
        counts[o + 2] = rows[i]!.length - differing(rows[i]!, rows[j]!, words[i]!, words[j]!);
      }
    p.cohen.set(l, counts);
  }
  return counts;
}

export const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Spans of labels `ls` by `who` on an article. */
export function spansOf(p: Prepared, ls: string[], who: string[] = p.annotators): number {
  let n = 0;
  for (const l of ls) for (const a of who) n += p.spans.get(l)?.get(a)?.length ?? 0;
  return n;
}

let slab = new Uint8Array(0);
let used = 0;

/**
 * `n` zeroed bytes, cut from a shared 64 KiB block (never handed out twice)
 * instead of a buffer of their own: an article's marks are thousands of
 * small arrays, and a view is cheaper to make and to collect than a buffer.
 */
function freshBytes(n: number): Uint8Array {
  if (n > 4096) return new Uint8Array(n);
  if (used + n > slab.length) {
    slab = new Uint8Array(65536);
    used = 0;
  }
  const out = slab.subarray(used, used + n);
  used += (n + 3) & ~3; // each array 4-byte aligned: pairCounts() reads four tokens at a time
  return out;
}

/** 1 for each token that a span overlaps by at least one code point. */
export function markTokens(bounds: Int32Array, spans: LabelledSpan[]): Uint8Array {
  const n = bounds.length >> 1;
  const out = freshBytes(n);
  for (const s of spans) {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[2 * mid + 1]! <= s.start) lo = mid + 1;
      else hi = mid;
    }
    for (let t = lo; t < n && bounds[2 * t]! < s.end; t++) out[t] = 1;
  }
  return out;
}

export function binaryCoincidences(o00: number, o01: number, o11: number, units: number): Coincidences {
  return { values: [0, 1], matrix: [[o00, o01], [o01, o11]], pairableUnits: units };
}

/** Coincidences of one article and label: tokens × the article's annotators. */
export function articleLabelCoincidences(p: Prepared, label: string): Coincidences {
  const m = p.annotators.length;
  if (m < 2 || !p.tokenCount) return binaryCoincidences(0, 0, 0, 0);
  const counts = tokenCounts(p, label);
  let o00 = 0;
  let o01 = 0;
  let o11 = 0;
  for (let t = 0; t < p.tokenCount; t++) {
    const k = counts[t]!;
    o11 += k * (k - 1);
    o00 += (m - k) * (m - k - 1);
    o01 += k * (m - k);
  }
  return binaryCoincidences(o00 / (m - 1), o01 / (m - 1), o11 / (m - 1), p.tokenCount);
}

export function addCoincidences(list: Coincidences[]): Coincidences {
  let o00 = 0;
  let o01 = 0;
  let o11 = 0;
  let units = 0;
  for (const c of list) {
    o00 += c.matrix[0]![0]!;
    o01 += c.matrix[0]![1]!;
    o11 += c.matrix[1]![1]!;
    units += c.pairableUnits;
  }
  return binaryCoincidences(o00, o01, o11, units);
}

/** Cohen's kappa of a and b over the units of labels `ls` of the articles both annotated. */
function cohenPair(prepared: Prepared[], ls: string[], a: string, b: string): PairFigure {
  let n = 0;
  let agree = 0;
  let a1 = 0;
  let b1 = 0;
  let articles = 0;
  let spans = 0;
  for (const p of prepared) {
    if (!p.tokenCount) continue;
    const i = p.annotators.indexOf(a);
    const j = p.annotators.indexOf(b);
    if (i < 0 || j < 0) continue;
    articles++;
    const o = 3 * (i * p.annotators.length + j); // i < j: both lists are sorted
    for (const l of ls) {
      const c = pairCounts(p, l);
      a1 += c[o]!;
      b1 += c[o + 1]!;
      agree += c[o + 2]!;
      n += p.tokenCount;
    }
    spans += spansOf(p, ls, [a, b]);
  }
  // cohenKappa(): (n·agree − Σ a_c b_c) / (n² − Σ a_c b_c), all integers
  const chance = (n - a1) * (n - b1) + a1 * b1;
  const k = n === 0 || n * n - chance === 0 ? NaN : (n * agree - chance) / (n * n - chance);
  const fig: PairFigure = {
    a,
    b,
    value: num(k),
    counts: { articles, annotators: 2, units: n, spans },
  };
  if (fig.value === null) fig.reason = n ? 'no variation: both annotators gave every unit the same value' : 'no shared articles';
  return fig;
}

/** Cohen's kappa for every pair of `annotators`, as a list and a matrix. */
export function cohenFigures(prepared: Prepared[], ls: string[], annotators: string[]) {
  const pairs: PairFigure[] = [];
  const matrix: Array<Array<number | null>> = annotators.map(() => annotators.map(() => null));
  for (let i = 0; i < annotators.length; i++)
    for (let j = i + 1; j < annotators.length; j++) {
      const fig = cohenPair(prepared, ls, annotators[i]!, annotators[j]!);
      pairs.push(fig);
      matrix[i]![j] = fig.value;
      matrix[j]![i] = fig.value;
    }
  return { matrix, pairs };
}

/** Fleiss' kappa over tokens × labels `ls` with the `common` annotators on every article (fleissKappa() on rows [out, in]). */
export function fleissFigure(prepared: Prepared[], ls: string[], common: string[] | null, commonReason: string | null): AgreementFigure {
  const none: AgreementCounts = { articles: 0, annotators: 0, units: 0, spans: 0 };
  if (!common) return { value: null, counts: none, reason: commonReason! };
  const m = common.length;
  // fleissKappa's row term (Σ x² − n) / (n (n − 1)) for a row [m − k, k]
  const rowP = Array.from({ length: m + 1 }, (_, k) => (0 + (m - k) * (m - k) + k * k - m) / (m * (m - 1)));
  let subjects = 0;
  let inTotal = 0;
  let sumP = 0;
  for (const p of prepared)
    for (const l of ls) {
      const counts = tokenCounts(p, l); // p.annotators are the common ones
      for (let t = 0; t < p.tokenCount; t++) {
        const k = counts[t]!;
        sumP += rowP[k]!;
        inTotal += k;
      }
      subjects += p.tokenCount;
    }
  const all = subjects * m;
  let v = NaN;
  if (subjects > 0 && inTotal !== all && inTotal !== 0) {
    const pe = 0 + ((all - inTotal) / all) ** 2 + (inTotal / all) ** 2;
    v = (sumP / subjects - pe) / (1 - pe);
  }
  const fleiss: AgreementFigure = {
    value: num(v),
    counts: { articles: prepared.filter((p) => p.tokenCount).length, annotators: m, units: subjects, spans: prepared.reduce((s, p) => s + spansOf(p, ls), 0) },
  };
  if (fleiss.value === null) fleiss.reason = subjects ? 'no variation: every token has the same value for every annotator' : 'no tokens';
  return fleiss;
}
