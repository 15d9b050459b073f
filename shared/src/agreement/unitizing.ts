/**
 * Krippendorff's alpha for unitizing: agreement on where units begin and end
 * on a continuum (here: code points of an article), partial overlaps counting
 * partially.
 *
 * ## `unitizingAlpha` — αU of Krippendorff (1995, 2004)
 *
 * K. Krippendorff, "On the reliability of unitizing continuous data",
 * Sociological Methodology 25 (1995) 47–76; Content Analysis, 2nd ed. (2004),
 * section 12.4, and "Measuring the reliability of qualitative text analysis
 * data", Quality & Quantity 38 (2004) 787–800. This is the definition that
 * DKPro Statistics (`KrippendorffAlphaUnitizingAgreement`) and INCEpTION
 * implement, and it reproduces the published worked examples (see
 * tests/unit/agreement/unitizing.test.ts).
 *
 * Each category c is taken on its own (a binary unitization: c or not c).
 * Every rater's continuum [B, B + L) is cut into that rater's units of c and
 * the *gaps* between them: a gap is a stretch *that rater* did not mark as c,
 * and it counts as a unit of "no category". With segments g of rater i
 * (begin b, length l, w = 1 for a unit of c, 0 for a gap):
 *
 *   δ²(ig, jh) = (b_ig − b_jh)² + (b_ig + l_ig − b_jh − l_jh)²   both units of c and overlapping
 *              = l_ig²                                            unit ig lies inside gap jh
 *              = l_jh²                                            gap ig contains unit jh
 *              = 0                                                otherwise
 *
 *   D_o(c) = Σ_i Σ_{j≠i} Σ_g Σ_h δ²(ig, jh) / (m (m − 1) L²)
 *
 *   D_e(c) = (2 / L) · Σ_{units u of c} [ (N_c − 1)(2 l_u³ − 3 l_u² + l_u) / 3
 *                                         + l_u² Σ_{gaps h, l_h ≥ l_u} (l_h − l_u + 1) ]
 *            / ( m L (m L − 1) − Σ_{units u of c} l_u (l_u − 1) )
 *
 *   αU(c) = 1 − D_o(c) / D_e(c);   overall α = 1 − Σ_c D_o(c) / Σ_c D_e(c)
 *
 * where m is the number of raters, N_c the number of units of c of all raters
 * and the gap sum runs over the gaps of all raters. D_o is not bounded by 1
 * (a unit split into many small ones can exceed it), so αU can be below
 * −1; it is never above 1.
 *
 * ## `unitizingAlphaCoincidence` — uα of Krippendorff, Mathet, Bouvry & Widlöcher (2016)
 *
 * "On the reliability of unitizing textual continua: Further developments",
 * Quality & Quantity 50 (2016) 2347–2364, also Content Analysis, 4th ed.
 * (2019), section 12.6. The authors replaced the 2004 definition because it
 * "turned out to behave not as expected when applied to more than two
 * observers". Every rater's continuum is partitioned into valued units and
 * gaps (value φ); the observed coincidence of values c and k is the summed
 * length of the intersections of c-segments of one rater with k-segments of
 * another, l_ck = Σ_i Σ_{j≠i} Σ_g Σ_h |ig ∩ jh| / (m − 1), so l.. = m L; the
 * expected coincidences are
 *
 *   ε_ck = (l_c. l_.k − [c = k] Σ_{segments of value c} s) / (l.. − Σ_{all segments} s / l..)
 *
 * with s = l² for a valued unit and s = l for a gap (a gap has no structure:
 * its positions count singly), and uα = 1 − Σ_{c≠k} l_ck / Σ_{c≠k} ε_ck.
 * `binary` (|uα) collapses all valued units into one value "relevant" (keeping
 * each unit's own length). `byCategory[c]` is uα of the binary unitization
 * "c or not c". Being built from coincidences, it adds up over several
 * continua (articles), each with its own number of raters, just as α for
 * coding adds up over units with different numbers of coders.
 *
 * ## Input conventions (both functions)
 *
 * Raters are 0 … `raters` − 1; a unit with another rater index is ignored.
 * Units are clipped to the continuum, and units of length ≤ 0 after clipping
 * are ignored. Overlapping units of one rater with the same category are
 * merged into their union (a rater cannot mark the same stretch twice);
 * units that only touch stay separate units. Categories are compared as
 * strings (`String(category)`).
 *
 * ## Degenerate cases (a number or `NaN`, never an exception, never a silent 0)
 *
 * - fewer than two raters, or an empty continuum: `NaN` everywhere (`byCategory` still lists the categories);
 * - no units at all: `byCategory` is empty and `alpha` is `NaN`;
 * - D_e = 0 (e.g. every rater marked the whole continuum of length 1): that category's alpha is `NaN`;
 * - perfect agreement (identical units of all raters, with some gap or some
 *   variety left): exactly 1;
 * - `unitizingAlphaCoincidence` only: when a rater's units of *different*
 *   categories overlap, the continuum is no partition, so `alpha` and
 *   `binary` are `NaN`; `byCategory` is still defined.
 */
import { addCategoryCoincidences, expected2004, mergeIntervals, observed2004, Partitions } from './segments.js';

export interface UnitizingUnit {
  /** Rater index, 0 … raters − 1. */
  rater: number;
  begin: number;
  length: number;
  category: string | number;
}

export interface UnitizingInput {
  /** Start of the continuum (default 0). */
  begin?: number;
  /** Length of the continuum. */
  length: number;
  /** Number of raters. */
  raters: number;
  units: ReadonlyArray<UnitizingUnit>;
}

export interface CategoryDisagreement {
  alpha: number;
  /** Observed disagreement D_o. */
  observed: number;
  /** Expected disagreement D_e. */
  expected: number;
}

export interface UnitizingResult {
  /** Over all categories: 1 − Σ D_o / Σ D_e. */
  alpha: number;
  byCategory: Record<string, CategoryDisagreement>;
}

interface Interval {
  b: number;
  e: number;
}

interface Segment {
  b: number;
  e: number;
  /** Category index, or −1 for a gap. */
  v: number;
}

interface Prepared {
  B: number;
  L: number;
  m: number;
  categories: string[];
  /** units[category][rater]: sorted, merged intervals `[b, e, …]`. */
  units: Float64Array[][];
}

function prepare(input: UnitizingInput): Prepared {
  const B = Number.isFinite(input.begin) ? input.begin! : 0;
  const L = Number.isFinite(input.length) && input.length > 0 ? input.length : 0;
  const m = Number.isInteger(input.raters) && input.raters > 0 ? input.raters : 0;
  const E = B + L;
  const catIndex = new Map<string, number>();
  const categories: string[] = [];
  const raw: number[][][] = [];
  for (const u of input.units) {
    const key = String(u.category);
    let c = catIndex.get(key);
    if (c === undefined) {
      c = categories.length;
      catIndex.set(key, c);
      categories.push(key);
      raw.push(Array.from({ length: m }, () => []));
    }
    if (!Number.isInteger(u.rater) || u.rater < 0 || u.rater >= m) continue;
    if (!Number.isFinite(u.begin) || !Number.isFinite(u.length)) continue;
    const b = Math.max(B, u.begin);
    const e = Math.min(E, u.begin + u.length);
    if (e <= b) continue;
    raw[c]![u.rater]!.push(b, e);
  }
  const units = raw.map((perRater) => perRater.map(mergeIntervals));
  return { B, L, m, categories, units };
}

/** Cuts [B, E) into the given sorted, disjoint units (value `v`) and gaps (−1). */
function segments(B: number, E: number, units: ReadonlyArray<Interval & { v?: number }>, v = 0): Segment[] {
  const out: Segment[] = [];
  let pos = B;
  for (const u of units) {
    if (u.b > pos) out.push({ b: pos, e: u.b, v: -1 });
    out.push({ b: u.b, e: u.e, v: u.v ?? v });
    pos = u.e;
  }
  if (pos < E) out.push({ b: pos, e: E, v: -1 });
  return out;
}

/** Calls `f` once for every pair of overlapping segments of two partitions of the same continuum. */
function sweep(a: Segment[], b: Segment[], f: (x: Segment, y: Segment) => void): void {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    f(x, y);
    if (x.e < y.e) i++;
    else if (x.e > y.e) j++;
    else {
      i++;
      j++;
    }
  }
}

/** The partitions of the category being computed (reused: no allocation per category). */
const scratch = new Partitions();

/**
 * αU (2004) of one category on [B, B + L) with m ≥ 2 raters and L > 0:
 * `perRater[r]` are rater r's sorted, merged intervals of it.
 */
export function categoryAlpha2004(B: number, L: number, m: number, perRater: readonly Float64Array[]): CategoryDisagreement {
  scratch.reset();
  for (let r = 0; r < m; r++) scratch.addRater(B, B + L, perRater[r]);
  let sum = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) sum = observed2004(scratch, i, j, sum);
  const observed = (2 * sum) / (m * (m - 1) * L * L);
  const expected = expected2004(scratch, m, L);
  const alpha = expected > 0 ? 1 - observed / expected : NaN;
  return { alpha, observed, expected };
}

/**
 * Krippendorff's unitizing alpha αU (1995, 2004) on the continuum
 * [`begin`, `begin` + `length`) with `raters` raters: per category and over
 * all categories (1 − Σ D_o / Σ D_e). See the module comment for the
 * definition, the input conventions and the degenerate cases.
 */
export function unitizingAlpha(input: UnitizingInput): UnitizingResult {
  const { B, L, m, categories, units } = prepare(input);
  const byCategory: Record<string, CategoryDisagreement> = {};
  let sumObserved = 0;
  let sumExpected = 0;
  let defined = m >= 2 && L > 0;
  categories.forEach((name, c) => {
    if (!(m >= 2 && L > 0)) {
      byCategory[name] = { alpha: NaN, observed: NaN, expected: NaN };
      return;
    }
    const { observed, expected } = (byCategory[name] = categoryAlpha2004(B, L, m, units[c]!));
    sumObserved += observed;
    sumExpected += expected;
  });
  if (categories.length === 0) defined = false;
  const alpha = defined && sumExpected > 0 ? 1 - sumObserved / sumExpected : NaN;
  return { alpha, byCategory };
}

export interface UnitizingCoincidenceResult {
  /** uα over all categories and gaps (nominal). */
  alpha: number;
  /** |uα: relevant (any category) vs irrelevant (gaps). */
  binary: number;
  /** uα of each category against everything else; observed and expected are D_o and D_e divided by l.. (= Σ m L). */
  byCategory: Record<string, CategoryDisagreement>;
}

/** Coincidences of a 2 × 2 or V × V kind, accumulated over continua. */
export class CoincidenceSum {
  readonly l: Float64Array;
  readonly corr: Float64Array;
  total = 0;
  corrTotal = 0;
  constructor(readonly size: number) {
    this.l = new Float64Array(size * size);
    this.corr = new Float64Array(size);
  }
  /** 1 − D_o/D_e with D_o and D_e divided by l.. */
  result(): CategoryDisagreement {
    const V = this.size;
    const n = this.total;
    if (!(n > 0)) return { alpha: NaN, observed: NaN, expected: NaN };
    const rows = new Float64Array(V);
    for (let c = 0; c < V; c++) for (let k = 0; k < V; k++) rows[c]! += this.l[c * V + k]!;
    const denom = n - this.corrTotal / n;
    let observed = 0;
    let expected = 0;
    for (let c = 0; c < V; c++)
      for (let k = 0; k < V; k++) {
        if (c === k) continue;
        observed += this.l[c * V + k]!;
        expected += (rows[c]! * rows[k]!) / denom;
      }
    observed /= n;
    expected /= n;
    return { alpha: expected > 0 ? 1 - observed / expected : NaN, observed, expected };
  }
}

/** Adds one continuum [B, B + L) of m raters to the 2016 coincidences of one category (`perRater[r]`: rater r's merged intervals; none: all gap). */
export function addCategoryContinuum(sum: CoincidenceSum, B: number, L: number, m: number, perRater: readonly Float64Array[] | undefined): void {
  scratch.reset();
  for (let r = 0; r < m; r++) scratch.addRater(B, B + L, perRater?.[r]);
  addCategoryCoincidences(scratch, m, sum);
  sum.total += m * L;
}

function addPartitions(sum: CoincidenceSum, parts: Segment[][], index: (v: number) => number, unitWeight: (len: number) => number) {
  const m = parts.length;
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++)
      sweep(parts[i]!, parts[j]!, (x, y) => {
        const len = Math.min(x.e, y.e) - Math.max(x.b, y.b);
        const a = index(x.v);
        const b = index(y.v);
        sum.l[a * sum.size + b]! += len / (m - 1);
        sum.l[b * sum.size + a]! += len / (m - 1);
      });
  for (const part of parts)
    for (const s of part) {
      const len = s.e - s.b;
      const w = s.v < 0 ? len : unitWeight(len);
      sum.corr[index(s.v)]! += w;
      sum.corrTotal += w;
    }
}

/**
 * Krippendorff, Mathet, Bouvry & Widlöcher's (2016) uα, |uα and per-category
 * uα, computed from coincidences over one or several continua (articles),
 * each with its own raters. See the module comment.
 */
export function unitizingAlphaCoincidence(input: UnitizingInput | ReadonlyArray<UnitizingInput>): UnitizingCoincidenceResult {
  return coincidenceAlpha(input, true);
}

/**
 * `byCategory` of `unitizingAlphaCoincidence()` alone (the same numbers,
 * without the all-categories and binary partitions); `alpha` and `binary`
 * are NaN.
 */
export function unitizingCategoryCoincidence(input: UnitizingInput | ReadonlyArray<UnitizingInput>): UnitizingCoincidenceResult {
  return coincidenceAlpha(input, false);
}

function coincidenceAlpha(input: UnitizingInput | ReadonlyArray<UnitizingInput>, partitions: boolean): UnitizingCoincidenceResult {
  const inputs = Array.isArray(input) ? (input as ReadonlyArray<UnitizingInput>) : [input as UnitizingInput];
  const prepared = inputs.map(prepare);
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  for (const p of prepared)
    for (const c of p.categories)
      if (!nameIndex.has(c)) {
        nameIndex.set(c, names.length);
        names.push(c);
      }
  const K = names.length;
  const full = new CoincidenceSum(K + 1); // index 0 = gap
  const binary = new CoincidenceSum(2);
  const perCategory = names.map(() => new CoincidenceSum(2));
  let partition = true;
  for (const p of prepared) {
    if (p.m < 2 || !(p.L > 0)) continue;
    const E = p.B + p.L;
    const local = p.categories.map((c) => nameIndex.get(c)!);
    // per category: c vs everything else; a continuum without units of c is all gap for c
    names.forEach((name, g) => {
      const c = p.categories.indexOf(name);
      addCategoryContinuum(perCategory[g]!, p.B, p.L, p.m, c < 0 ? undefined : p.units[c]!);
    });
    if (!partitions) continue;
    // all categories at once, if each rater's units form a partition
    const parts: Segment[][] = [];
    for (let r = 0; r < p.m; r++) {
      const all: Array<Interval & { v: number }> = [];
      p.units.forEach((perRater, c) => {
        const iv = perRater[r]!;
        for (let k = 0; k < iv.length; k += 2) all.push({ b: iv[k]!, e: iv[k + 1]!, v: local[c]! });
      });
      all.sort((x, y) => x.b - y.b || x.e - y.e);
      for (let k = 1; k < all.length; k++) if (all[k]!.b < all[k - 1]!.e) partition = false;
      parts.push(segments(p.B, E, all));
    }
    if (!partition) continue;
    addPartitions(full, parts, (v) => v + 1, (len) => len * len);
    full.total += p.m * p.L;
    addPartitions(binary, parts, (v) => (v < 0 ? 0 : 1), (len) => len * len);
    binary.total += p.m * p.L;
  }
  const byCategory: Record<string, CategoryDisagreement> = {};
  names.forEach((name, g) => (byCategory[name] = perCategory[g]!.result()));
  return {
    alpha: partitions && partition && K > 0 ? full.result().alpha : NaN,
    binary: partitions && partition && K > 0 ? binary.result().alpha : NaN,
    byCategory,
  };
}
