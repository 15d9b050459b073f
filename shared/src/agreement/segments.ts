/**
 * The typed-array core of unitizing.ts (issue 13): a rater's units of one
 * category are merged intervals in a Float64Array `[b, e, b, e, …]`, and the
 * partitions of the continuum into units and gaps live in one reusable
 * buffer, so that the sweeps of both unitizing alphas allocate no object
 * per segment or per pair of segments. The arithmetic is the one of
 * unitizing.ts, expression for expression and in the same order, so the
 * results are the same bits (tests/unit/agreement/fastpaths-typed.test.ts).
 */

const SHIFT = 2 ** 26;

/**
 * The order of intervals `list = [b, e, …]` by begin, then end (null: already
 * in order). Integer offsets below 2^26 are sorted as one number b · 2^26 + e
 * each (exact, so the same order) by the typed array's numeric sort.
 */
function intervalOrder(list: readonly number[], n: number): Float64Array | number[] | null {
  let sorted = true;
  let packable = true;
  for (let k = 0; k < n; k++) {
    const b = list[2 * k]!;
    const e = list[2 * k + 1]!;
    if (!(Number.isInteger(b) && Number.isInteger(e) && b >= 0 && e >= 0 && b < SHIFT && e < SHIFT) || Object.is(b, -0) || Object.is(e, -0)) packable = false;
    if (k > 0) {
      const pb = list[2 * k - 2]!;
      if (b < pb || (b === pb && e < list[2 * k - 1]!)) sorted = false;
    }
  }
  if (sorted) return null;
  if (packable) {
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++) keys[k] = list[2 * k]! * SHIFT + list[2 * k + 1]!;
    return keys.sort();
  }
  const order = Array.from({ length: n }, (_, i) => i);
  return order.sort((x, y) => list[2 * x]! - list[2 * y]! || list[2 * x + 1]! - list[2 * y + 1]!);
}

/** Sorted (by begin, then end), merged intervals of `list = [b, e, …]`: overlapping ones merge, touching ones stay apart. */
export function mergeIntervals(list: readonly number[]): Float64Array {
  const n = list.length >> 1;
  const order = intervalOrder(list, n);
  const out = new Float64Array(2 * n);
  let k = 0;
  for (let t = 0; t < n; t++) {
    let b: number;
    let e: number;
    if (order === null) {
      b = list[2 * t]!;
      e = list[2 * t + 1]!;
    } else if (order instanceof Float64Array) {
      b = Math.floor(order[t]! / SHIFT);
      e = order[t]! - b * SHIFT;
    } else {
      b = list[2 * order[t]!]!;
      e = list[2 * order[t]! + 1]!;
    }
    if (k && b < out[2 * k - 1]!) out[2 * k - 1] = Math.max(out[2 * k - 1]!, e);
    else {
      out[2 * k] = b;
      out[2 * k + 1] = e;
      k++;
    }
  }
  return out.subarray(0, 2 * k);
}

/** The partitions of the raters of one category into units (v = 0) and gaps (v = −1); rater r's segments are `start[r]` … `start[r + 1]` − 1. */
export class Partitions {
  b = new Float64Array(256);
  e = new Float64Array(256);
  v = new Int8Array(256);
  n = 0;
  start: number[] = [0];

  reset(): void {
    this.n = 0;
    this.start.length = 1;
  }

  /** Adds the next rater: [B, E) cut by the sorted, disjoint intervals `iv` (as `segments()` of unitizing.ts). */
  addRater(B: number, E: number, iv: Float64Array | undefined): void {
    const k = iv ? iv.length >> 1 : 0;
    if (this.n + 2 * k + 1 > this.b.length) this.grow(this.n + 2 * k + 1);
    let pos = B;
    for (let t = 0; t < k; t++) {
      const b = iv![2 * t]!;
      const e = iv![2 * t + 1]!;
      if (b > pos) this.push(pos, b, -1);
      this.push(b, e, 0);
      pos = e;
    }
    if (pos < E) this.push(pos, E, -1);
    this.start.push(this.n);
  }

  private push(b: number, e: number, v: number): void {
    this.b[this.n] = b;
    this.e[this.n] = e;
    this.v[this.n] = v;
    this.n++;
  }

  private grow(need: number): void {
    let size = this.b.length;
    while (size < need) size *= 2;
    const b = new Float64Array(size);
    const e = new Float64Array(size);
    const v = new Int8Array(size);
    b.set(this.b.subarray(0, this.n));
    e.set(this.e.subarray(0, this.n));
    v.set(this.v.subarray(0, this.n));
    this.b = b;
    this.e = e;
    this.v = v;
  }
}

/** `sum` plus δ² (Krippendorff 2004) of every pair of overlapping segments of raters `i` and `j`, in sweep order. */
export function observed2004(p: Partitions, i: number, j: number, sum: number): number {
  const { b, e, v } = p;
  let x = p.start[i]!;
  const xEnd = p.start[i + 1]!;
  let y = p.start[j]!;
  const yEnd = p.start[j + 1]!;
  while (x < xEnd && y < yEnd) {
    const xb = b[x]!;
    const xe = e[x]!;
    const yb = b[y]!;
    const ye = e[y]!;
    const xu = v[x]! >= 0;
    const yu = v[y]! >= 0;
    let d = 0;
    if (xu && yu) d = (xb - yb) ** 2 + (xe - ye) ** 2;
    else if (xu && !yu) d = yb <= xb && xe <= ye ? (xe - xb) ** 2 : 0;
    else if (!xu && yu) d = xb <= yb && ye <= xe ? (ye - yb) ** 2 : 0;
    sum += d;
    if (xe < ye) x++;
    else if (xe > ye) y++;
    else {
      x++;
      y++;
    }
  }
  return sum;
}

let lengthsBuf = new Float64Array(256);
let gapsBuf = new Float64Array(256);
let suffixBuf = new Float64Array(257);

let tableBuf = new Int32Array(1024);

/**
 * With many units of integer lengths up to a bound: for each integer t up to
 * the greatest length, the first index of the sorted `gaps` with gap ≥ t
 * (what the binary search of expected2004 finds for a length t), from one
 * walk; null otherwise (the binary search then).
 */
function atLeastTable(gaps: Float64Array, nc: number): Int32Array | null {
  if (nc < 64) return null;
  let most = 0;
  for (let u = 0; u < nc; u++) {
    const l = lengthsBuf[u]!;
    if (!(l >= 0 && Math.floor(l) === l)) return null;
    if (l > most) most = l;
  }
  if (most > 4 * nc || most > 1 << 20) return null;
  if (tableBuf.length <= most) tableBuf = new Int32Array(2 * most + 2);
  let g = 0;
  for (let t = 0; t <= most; t++) {
    while (g < gaps.length && gaps[g]! < t) g++;
    tableBuf[t] = g;
  }
  return tableBuf.subarray(0, most + 1);
}

/** D_e of Krippendorff's (2004) αU for the category in `p` (m raters, continuum length L): unitizing.ts's sums in its order. */
export function expected2004(p: Partitions, m: number, L: number): number {
  if (p.n > lengthsBuf.length) {
    lengthsBuf = new Float64Array(2 * p.n);
    gapsBuf = new Float64Array(2 * p.n);
    suffixBuf = new Float64Array(2 * p.n + 1);
  }
  let nc = 0;
  let ng = 0;
  for (let s = 0; s < p.n; s++) {
    const len = p.e[s]! - p.b[s]!;
    if (p.v[s]! >= 0) lengthsBuf[nc++] = len;
    else gapsBuf[ng++] = len;
  }
  const gaps = gapsBuf.subarray(0, ng).sort();
  suffixBuf[ng] = 0;
  for (let k = ng - 1; k >= 0; k--) suffixBuf[k] = suffixBuf[k + 1]! + gaps[k]!;
  const table = atLeastTable(gaps, nc);
  let numerator = 0;
  let selfPairs = 0;
  for (let u = 0; u < nc; u++) {
    const l = lengthsBuf[u]!;
    let lo = 0;
    if (table && l < table.length) lo = table[l]!;
    else {
      let hi = ng;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (gaps[mid]! < l) lo = mid + 1;
        else hi = mid;
      }
    }
    const count = ng - lo;
    const gapSum = suffixBuf[lo]! - count * (l - 1);
    numerator += ((nc - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * gapSum;
    selfPairs += l * (l - 1);
  }
  return ((2 / L) * numerator) / (m * L * (m * L - 1) - selfPairs);
}

/**
 * Adds the 2016 coincidences of one category against everything else (a
 * 2 × 2 table, index 0 = gap, 1 = the category) of the raters in `p`:
 * `addPartitions()` of unitizing.ts for that table.
 */
export function addCategoryCoincidences(p: Partitions, m: number, sum: { readonly l: Float64Array; readonly corr: Float64Array; corrTotal: number }): void {
  const { b, e, v } = p;
  const { l, corr } = sum;
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++) {
      let x = p.start[i]!;
      const xEnd = p.start[i + 1]!;
      let y = p.start[j]!;
      const yEnd = p.start[j + 1]!;
      while (x < xEnd && y < yEnd) {
        const xe = e[x]!;
        const ye = e[y]!;
        const len = Math.min(xe, ye) - Math.max(b[x]!, b[y]!);
        const ia = v[x]! < 0 ? 0 : 1;
        const ib = v[y]! < 0 ? 0 : 1;
        l[ia * 2 + ib]! += len / (m - 1);
        l[ib * 2 + ia]! += len / (m - 1);
        if (xe < ye) x++;
        else if (xe > ye) y++;
        else {
          x++;
          y++;
        }
      }
    }
  for (let s = 0; s < p.n; s++) {
    const len = e[s]! - b[s]!;
    const w = v[s]! < 0 ? len : len * len;
    corr[v[s]! < 0 ? 0 : 1]! += w;
    sum.corrTotal += w;
  }
}
