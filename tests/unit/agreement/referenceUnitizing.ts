/**
 * The object-based unitizing alphas as they were before issue 13's typed
 * arrays (shared/src/agreement/unitizing.ts at commit 2f4a88f, comments
 * trimmed): the reference the fast paths are held to, bit for bit.
 */
import type { CategoryDisagreement, UnitizingCoincidenceResult, UnitizingInput, UnitizingResult } from '../../../shared/src/agreement/index.js';

interface Interval {
  b: number;
  e: number;
}

interface Segment {
  b: number;
  e: number;
    v: number;
}

interface Prepared {
  B: number;
  L: number;
  m: number;
  categories: string[];
    units: Interval[][][];
}

function prepare(input: UnitizingInput): Prepared {
  const B = Number.isFinite(input.begin) ? input.begin! : 0;
  const L = Number.isFinite(input.length) && input.length > 0 ? input.length : 0;
  const m = Number.isInteger(input.raters) && input.raters > 0 ? input.raters : 0;
  const E = B + L;
  const catIndex = new Map<string, number>();
  const categories: string[] = [];
  const units: Interval[][][] = [];
  for (const u of input.units) {
    const key = String(u.category);
    let c = catIndex.get(key);
    if (c === undefined) {
      c = categories.length;
      catIndex.set(key, c);
      categories.push(key);
      units.push(Array.from({ length: m }, () => []));
    }
    if (!Number.isInteger(u.rater) || u.rater < 0 || u.rater >= m) continue;
    if (!Number.isFinite(u.begin) || !Number.isFinite(u.length)) continue;
    const b = Math.max(B, u.begin);
    const e = Math.min(E, u.begin + u.length);
    if (e <= b) continue;
    units[c]![u.rater]!.push({ b, e });
  }
  for (const perRater of units)
    for (let r = 0; r < perRater.length; r++) {
      const list = perRater[r]!.sort((x, y) => x.b - y.b || x.e - y.e);
      const merged: Interval[] = [];
      for (const iv of list) {
        const last = merged[merged.length - 1];
        if (last && iv.b < last.e) last.e = Math.max(last.e, iv.e);
        else merged.push({ ...iv });
      }
      perRater[r] = merged;
    }
  return { B, L, m, categories, units };
}

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

function observed2004(a: Segment[], b: Segment[], sum: number): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    sum += delta2004(x, y);
    if (x.e < y.e) i++;
    else if (x.e > y.e) j++;
    else {
      i++;
      j++;
    }
  }
  return sum;
}

function delta2004(x: Segment, y: Segment): number {
  const xu = x.v >= 0;
  const yu = y.v >= 0;
  if (xu && yu) return (x.b - y.b) ** 2 + (x.e - y.e) ** 2; // they overlap: the sweep only pairs overlapping segments
  if (xu && !yu) return y.b <= x.b && x.e <= y.e ? (x.e - x.b) ** 2 : 0;
  if (!xu && yu) return x.b <= y.b && y.e <= x.e ? (y.e - y.b) ** 2 : 0;
  return 0;
}

export function referenceUnitizingAlpha(input: UnitizingInput): UnitizingResult {
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
    const perRater = units[c]!;
    const segs = perRater.map((list) => segments(B, B + L, list));
    // observed
    let sum = 0;
    for (let i = 0; i < m; i++)
      for (let j = i + 1; j < m; j++) sum = observed2004(segs[i]!, segs[j]!, sum);
    const observed = (2 * sum) / (m * (m - 1) * L * L);
    // expected
    const lengths: number[] = [];
    const gaps: number[] = [];
    for (const list of segs) for (const s of list) (s.v >= 0 ? lengths : gaps).push(s.e - s.b);
    gaps.sort((x, y) => x - y);
    // suffix sums of the sorted gap lengths, to sum (l_h − l + 1) over gaps l_h ≥ l quickly
    const suffix = new Array<number>(gaps.length + 1).fill(0);
    for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + gaps[k]!;
    const nc = lengths.length;
    let numerator = 0;
    let selfPairs = 0;
    for (const l of lengths) {
      let lo = 0;
      let hi = gaps.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (gaps[mid]! < l) lo = mid + 1;
        else hi = mid;
      }
      const count = gaps.length - lo;
      const gapSum = suffix[lo]! - count * (l - 1);
      numerator += ((nc - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * gapSum;
      selfPairs += l * (l - 1);
    }
    const expected = ((2 / L) * numerator) / (m * L * (m * L - 1) - selfPairs);
    const alpha = expected > 0 ? 1 - observed / expected : NaN;
    byCategory[name] = { alpha, observed, expected };
    sumObserved += observed;
    sumExpected += expected;
  });
  if (categories.length === 0) defined = false;
  const alpha = defined && sumExpected > 0 ? 1 - sumObserved / sumExpected : NaN;
  return { alpha, byCategory };
}


class CoincidenceSum {
  readonly l: Float64Array;
  readonly corr: Float64Array;
  total = 0;
  corrTotal = 0;
  constructor(readonly size: number) {
    this.l = new Float64Array(size * size);
    this.corr = new Float64Array(size);
  }
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

export function referenceUnitizingAlphaCoincidence(input: UnitizingInput | ReadonlyArray<UnitizingInput>): UnitizingCoincidenceResult {
  return coincidenceAlpha(input, true);
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
      const parts = Array.from({ length: p.m }, (_, r) => segments(p.B, E, c < 0 ? [] : p.units[c]![r]!));
      addPartitions(perCategory[g]!, parts, (v) => (v < 0 ? 0 : 1), (len) => len * len);
      perCategory[g]!.total += p.m * p.L;
    });
    if (!partitions) continue;
    // all categories at once, if each rater's units form a partition
    const parts: Segment[][] = [];
    for (let r = 0; r < p.m; r++) {
      const all: Array<Interval & { v: number }> = [];
      p.units.forEach((perRater, c) => {
        for (const iv of perRater[r]!) all.push({ ...iv, v: local[c]! });
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
