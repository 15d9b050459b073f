/**
 * The reused arrays and the two sorts of the typed span grouping
 * (matching.ts, issue 13), without a comparator call per comparison:
 * - the spans by start, then input order, on packed numbers start·2^21 + k
 *   (a typed-array numeric sort) when starts are integers in [0, 2^31) and
 *   a label has fewer than 2^21 spans, else the comparator as before;
 * - the candidates best first (Jaccard, then intersection, both descending,
 *   then the six-number key ascending) by a merge sort whose comparison is
 *   inlined. The key ends with the pair's indices, so no two candidates tie
 *   and any correct sort gives the order of `Array.prototype.sort`; when a
 *   Jaccard is NaN (two empty spans at one position, exact mode) the
 *   comparator sort is kept, as its order then depends on the algorithm.
 * Same orders (tests/unit/agreement/fastpaths-typed.test.ts).
 */

/** Reused arrays of `groupLabelTyped()` (grown when a label has more spans or candidates). */
export interface Scratch {
  st: Float64Array;
  en: Float64Array;
  mask: Int32Array;
  parent: Int32Array;
  minS: Float64Array;
  maxS: Float64Array;
  minE: Float64Array;
  maxE: Float64Array;
  groupAt: Int32Array;
  order: Int32Array;
  packed: Float64Array;
  /** Candidates: the pair (ci < cj, local indices), Jaccard, intersection; then their order. */
  ci: Int32Array;
  cj: Int32Array;
  jac: Float64Array;
  inters: Float64Array;
  cand: Int32Array;
  tmp: Int32Array;
  keys: Float64Array;
}
let buffers: Scratch | null = null;

export function scratch(n: number): Scratch {
  if (buffers && buffers.st.length >= n) return buffers;
  const size = Math.max(64, 2 * n);
  const f = () => new Float64Array(size);
  const i = () => new Int32Array(size);
  const c = buffers?.ci.length ?? 256;
  buffers = {
    st: f(), en: f(), mask: i(), parent: i(), minS: f(), maxS: f(), minE: f(), maxE: f(), groupAt: i(), order: i(), packed: f(),
    ci: new Int32Array(c), cj: new Int32Array(c), jac: new Float64Array(c), inters: new Float64Array(c), cand: new Int32Array(c), tmp: new Int32Array(c),
    keys: buffers?.keys ?? new Float64Array(6 * size),
  };
  return buffers;
}

/** Doubles the candidate arrays (their first entries kept). */
export function grow(b: Scratch): void {
  const size = 2 * b.ci.length;
  const i = (old: Int32Array) => {
    const a = new Int32Array(size);
    a.set(old);
    return a;
  };
  const f = (old: Float64Array) => {
    const a = new Float64Array(size);
    a.set(old);
    return a;
  };
  b.ci = i(b.ci);
  b.cj = i(b.cj);
  b.jac = f(b.jac);
  b.inters = f(b.inters);
  b.cand = new Int32Array(size);
  b.tmp = new Int32Array(size);
}

const SHIFT = 2 ** 21;

/** Local span indices 0 … n − 1 by `st`, then index (in `b.order`). */
export function startOrder(b: Scratch, n: number): Int32Array {
  const { st, order, packed } = b;
  let integral = n < SHIFT;
  for (let k = 0; k < n && integral; k++) {
    const s = st[k]!;
    integral = s >= 0 && s < 2 ** 31 && Math.floor(s) === s;
  }
  if (integral) {
    for (let k = 0; k < n; k++) packed[k] = st[k]! * SHIFT + k;
    const sorted = packed.subarray(0, n).sort();
    for (let k = 0; k < n; k++) order[k] = sorted[k]! % SHIFT;
    return order;
  }
  const list: number[] = [];
  for (let k = 0; k < n; k++) list.push(k);
  list.sort((x, y) => st[x]! - st[y]! || x - y);
  for (let k = 0; k < n; k++) order[k] = list[k]!;
  return order;
}

/** Whether candidate x comes before candidate y (no ties: the key ends with the pair). */
function before(jac: Float64Array, inters: Float64Array, keys: Float64Array, x: number, y: number): boolean {
  if (jac[x] !== jac[y]) return jac[x]! > jac[y]!;
  if (inters[x] !== inters[y]) return inters[x]! > inters[y]!;
  for (let k = 0; k < 6; k++) if (keys[6 * x + k] !== keys[6 * y + k]) return keys[6 * x + k]! < keys[6 * y + k]!;
  return false;
}

const RUN = 8;

/** Candidates 0 … m − 1 best first (the first m entries of the array returned). */
export function sortCandidates(b: Scratch, m: number): Int32Array {
  const { jac, inters, keys } = b;
  let a = b.cand;
  let t = b.tmp;
  for (let c = 0; c < m; c++) a[c] = c;
  let nan = false;
  for (let c = 0; c < m; c++) nan ||= Number.isNaN(jac[c]);
  if (nan) {
    const list: number[] = [];
    for (let c = 0; c < m; c++) list.push(c);
    list.sort((x, y) => {
      if (jac[x] !== jac[y]) return jac[y]! - jac[x]!;
      if (inters[x] !== inters[y]) return inters[y]! - inters[x]!;
      for (let k = 0; k < 6; k++) if (keys[6 * x + k] !== keys[6 * y + k]) return keys[6 * x + k]! - keys[6 * y + k]!;
      return 0;
    });
    for (let c = 0; c < m; c++) a[c] = list[c]!;
    return a;
  }
  for (let lo = 0; lo < m; lo += RUN) {
    const hi = Math.min(lo + RUN, m);
    for (let i = lo + 1; i < hi; i++) {
      const v = a[i]!;
      let j = i;
      while (j > lo && before(jac, inters, keys, v, a[j - 1]!)) {
        a[j] = a[j - 1]!;
        j--;
      }
      a[j] = v;
    }
  }
  for (let width = RUN; width < m; width *= 2) {
    for (let lo = 0; lo < m; lo += 2 * width) {
      const mid = Math.min(lo + width, m);
      const hi = Math.min(lo + 2 * width, m);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) t[k++] = before(jac, inters, keys, a[j]!, a[i]!) ? a[j++]! : a[i++]!;
      while (i < mid) t[k++] = a[i++]!;
      while (j < hi) t[k++] = a[j++]!;
    }
    const swap = a;
    a = t;
    t = swap;
  }
  return a;
}
