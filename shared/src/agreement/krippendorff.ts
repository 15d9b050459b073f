/**
 * Krippendorff's alpha for coding predefined units, by the coincidence-matrix
 * method of K. Krippendorff, "Computing Krippendorff's Alpha-Reliability"
 * (2011), section E ("A general form ... any number of observers, missing
 * data").
 *
 * Reliability data are `data[coder][unit]`; a value is a string or a number,
 * `null`, `undefined` or `NaN` is missing. A unit is *pairable* when at least
 * two coders gave it a value; other units contribute nothing. Each pairable
 * unit u with m_u values adds 1/(m_u − 1) to o_ck for every ordered pair of
 * values (c, k) from two different coders, so that n_c = Σ_k o_ck and
 * n.. = Σ_c n_c is the number of pairable values.
 *
 *   α = 1 − D_o / D_e = 1 − (n.. − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck
 *
 * Difference functions δ²_ck (Krippendorff 2011, E.2):
 * - nominal:  0 if c = k, else 1 (values compared with `===`, so `1` and `'1'` differ);
 * - ordinal:  (Σ_{g=c..k} n_g − (n_c + n_k)/2)², the ranks being the sorted
 *             values (numbers ascending; strings in code-unit order, after all
 *             numbers) and n_g the *marginals of the coincidence matrix*;
 * - interval: (c − k)²;
 * - ratio:    ((c − k) / (c + k))², and 0 when c + k = 0.
 * Interval and ratio data must be numbers or numeric strings; anything else
 * makes the result `NaN`.
 *
 * Degenerate cases (never an exception, never a silent 0):
 * - no pairable value (no units, a single coder, or no unit with two values): `NaN`;
 * - no variation, D_e = 0 (every pairable value is the same, e.g. one category
 *   only): `NaN` — agreement cannot be told apart from chance, α = 0/0;
 * - perfect agreement with at least two distinct values present: exactly 1.
 */

export type ReliabilityValue = string | number | null | undefined;
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface KrippendorffOptions {
  /** Level of measurement; default `'nominal'`. */
  level?: MeasurementLevel;
}

/** The coincidence matrix of some reliability data (Krippendorff 2011, E.1). */
export interface Coincidences {
  /** The distinct values, in the order of `matrix`'s rows and columns. */
  values: Array<string | number>;
  /** o_ck: `matrix[c][k]`, symmetric. */
  matrix: number[][];
  /** Units with at least two values. */
  pairableUnits: number;
}

function isMissing(v: ReliabilityValue): v is null | undefined {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Builds the coincidence matrix o_ck of `data[coder][unit]` (missing values
 * allowed). Each cell receives 1/(m_u − 1) times its pairs from every
 * pairable unit in unit order, on a flat Float64Array (no map per value).
 */
export function coincidences(data: ReadonlyArray<ReadonlyArray<ReliabilityValue>>): Coincidences {
  const index = new Map<string | number, number>();
  const values: Array<string | number> = [];
  let units = 0;
  for (const row of data) units = Math.max(units, row.length);
  let pairableUnits = 0;
  let cap = 8;
  let cells = new Float64Array(cap * cap);
  const counts: number[] = [];
  const present: number[] = [];
  for (let u = 0; u < units; u++) {
    present.length = 0;
    let m = 0;
    for (const row of data) {
      const v = row[u];
      if (isMissing(v)) continue;
      let i = index.get(v);
      if (i === undefined) {
        i = values.length;
        index.set(v, i);
        values.push(v);
        counts.push(0);
        if (i >= cap) {
          const grown = new Float64Array(4 * cap * cap);
          for (let c = 0; c < cap; c++) grown.set(cells.subarray(c * cap, (c + 1) * cap), c * 2 * cap);
          cap *= 2;
          cells = grown;
        }
      }
      if (counts[i] === 0) present.push(i);
      counts[i]!++;
      m++;
    }
    if (m >= 2) {
      pairableUnits++;
      for (const c of present)
        for (const k of present) {
          const pairs = c === k ? counts[c]! * (counts[c]! - 1) : counts[c]! * counts[k]!;
          if (pairs !== 0) cells[c * cap + k]! += pairs / (m - 1);
        }
    }
    for (const c of present) counts[c] = 0;
  }
  const matrix = values.map((_, c) => values.map((__, k) => cells[c * cap + k]!));
  return { values, matrix, pairableUnits };
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function toNumber(v: string | number): number {
  if (typeof v === 'number') return v;
  return v.trim() === '' ? NaN : Number(v);
}

/**
 * α from a coincidence matrix (see the module comment for the definitions
 * and the degenerate cases). `coincidences()` and this function together are
 * `krippendorffAlpha()`; they are separate so that coincidence matrices of
 * several data sets (articles) can be added up, e.g. for a bootstrap.
 */
export function alphaFromCoincidences(c: Coincidences, level: MeasurementLevel = 'nominal'): number {
  const v = c.values.length;
  const marg = c.matrix.map((row) => row.reduce((s, x) => s + x, 0));
  const n = marg.reduce((s, x) => s + x, 0);
  if (!(n > 0)) return NaN;

  let delta: (i: number, j: number) => number;
  if (level === 'nominal') {
    delta = (i, j) => (i === j ? 0 : 1);
  } else if (level === 'ordinal') {
    const order = c.values.map((_, i) => i).sort((a, b) => compareValues(c.values[a]!, c.values[b]!));
    const rank = new Array<number>(v);
    order.forEach((i, r) => (rank[i] = r));
    // cumulative marginals in rank order
    const cum = [0];
    for (const i of order) cum.push(cum[cum.length - 1]! + marg[i]!);
    delta = (i, j) => {
      let a = rank[i]!;
      let b = rank[j]!;
      if (a === b) return 0;
      if (a > b) [a, b] = [b, a];
      const between = cum[b + 1]! - cum[a]!; // Σ n_g for g from a to b inclusive
      const d = between - (marg[i]! + marg[j]!) / 2;
      return d * d;
    };
  } else {
    const num = c.values.map(toNumber);
    if (num.some((x) => !Number.isFinite(x))) return NaN;
    delta =
      level === 'interval'
        ? (i, j) => (num[i]! - num[j]!) ** 2
        : (i, j) => {
            const s = num[i]! + num[j]!;
            return s === 0 ? 0 : ((num[i]! - num[j]!) / s) ** 2;
          };
  }

  let observed = 0;
  let expected = 0;
  for (let i = 0; i < v; i++)
    for (let j = 0; j < v; j++) {
      if (i === j) continue;
      const d = delta(i, j);
      if (d === 0) continue;
      observed += c.matrix[i]![j]! * d;
      expected += marg[i]! * marg[j]! * d;
    }
  if (!(expected > 0)) return NaN;
  return 1 - ((n - 1) * observed) / expected;
}

/**
 * Krippendorff's alpha of `data[coder][unit]` (`null` = missing) at the given
 * level of measurement (default nominal). Returns `NaN` when alpha is
 * undefined: no pairable values (no units, one coder) or no variation
 * (a single value throughout). See the module comment.
 */
export function krippendorffAlpha(
  data: ReadonlyArray<ReadonlyArray<ReliabilityValue>>,
  options: KrippendorffOptions = {},
): number {
  return alphaFromCoincidences(coincidences(data), options.level ?? 'nominal');
}
