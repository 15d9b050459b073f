/**
 * Seeded bootstrap confidence intervals for Krippendorff's alpha, resampling
 * whole clusters (articles) with replacement, as tokens of one article are
 * not independent of each other.
 *
 * Each replicate draws as many clusters as there are, with replacement, adds
 * up their coincidence matrices (a cluster drawn twice counts twice) and
 * computes alpha from the sum, so a replicate is exactly the alpha of the
 * resampled data set. The interval is the percentile interval: the
 * (1 − confidence)/2 and (1 + confidence)/2 quantiles of the replicates that
 * are defined (not `NaN`), with linear interpolation between order
 * statistics (R's type 7). The random numbers come from mulberry32 seeded
 * with `seed`, so the same data, seed and iterations give the same interval.
 *
 * Degenerate cases: fewer than two clusters with pairable values, or no
 * defined replicate: `low` and `high` are `NaN` (an interval from one
 * article would only repeat its value). `estimate` is alpha on all the data.
 */
import {
  alphaFromCoincidences,
  coincidences,
  type Coincidences,
  type MeasurementLevel,
  type ReliabilityValue,
} from './krippendorff.js';
import { mulberry32 } from '../random.js';

export { mulberry32 };

export interface BootstrapOptions {
  level?: MeasurementLevel;
  /** Number of replicates, default 1000. */
  iterations?: number;
  /** PRNG seed, default 1. */
  seed?: number;
  /** Default 0.95. */
  confidence?: number;
}

export interface BootstrapInterval {
  /** Alpha on all the data. */
  estimate: number;
  low: number;
  high: number;
  confidence: number;
  iterations: number;
  /** Replicates whose alpha was defined; the interval rests on these. */
  valid: number;
  seed: number;
  /** Clusters with at least one pairable unit; only these are resampled. */
  clusters: number;
}

/** Quantile of sorted values, linear interpolation between order statistics (R type 7). */
export function quantileSorted(sorted: ReadonlyArray<number>, q: number): number {
  if (!sorted.length) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const toCoincidences = (values: Array<string | number>, sum: Float64Array, units: number): Coincidences => {
  const V = values.length;
  return { values, matrix: values.map((_, i) => Array.from(sum.subarray(i * V, (i + 1) * V))), pairableUnits: units };
};

/**
 * `alphaFromCoincidences(…, 'nominal')` on a flat V × V matrix, without
 * building the matrix: the same sums in the same order (δ = 1 off the
 * diagonal, and x · 1 = x exactly), so the same bits.
 */
export function nominalAlpha(m: Float64Array, V: number): number {
  const marg = new Float64Array(V);
  let n = 0;
  for (let i = 0; i < V; i++) {
    let s = 0;
    for (let j = 0; j < V; j++) s += m[i * V + j]!;
    marg[i] = s;
    n += s;
  }
  if (!(n > 0)) return NaN;
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < V; i++)
    for (let j = 0; j < V; j++) {
      if (i === j) continue;
      observed += m[i * V + j]!;
      expected += marg[i]! * marg[j]!;
    }
  if (!(expected > 0)) return NaN;
  return 1 - ((n - 1) * observed) / expected;
}

/** The last stream of draws (see `draws`). */
let lastDraws: { seed: number; n: number; iterations: number; draws: Int32Array } | null = null;

/**
 * The cluster drawn at each step of each replicate, `Math.floor(random() · n)`
 * of mulberry32(seed) in order. A report's figures bootstrap with the same
 * seed, cluster count and iterations, so the stream is drawn once and the
 * last one kept (a function of those three numbers only, never of the data).
 * Null when it would take more than 64 MiB: the caller draws as it goes.
 */
function draws(seed: number, n: number, iterations: number): Int32Array | null {
  if (n * iterations > 2 ** 24) return null;
  const last = lastDraws;
  if (last && Object.is(last.seed, seed) && last.n === n && last.iterations === iterations) return last.draws;
  const random = mulberry32(seed);
  const out = new Int32Array(n * iterations);
  for (let k = 0; k < out.length; k++) out[k] = Math.floor(random() * n);
  lastDraws = { seed, n, iterations, draws: out };
  return out;
}

/**
 * Bootstrap interval of alpha from the coincidence matrices of clusters
 * (see `coincidences()`); the value lists of the clusters may differ.
 */
export function bootstrapAlphaFromCoincidences(
  clusters: ReadonlyArray<Coincidences>,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const level = options.level ?? 'nominal';
  const iterations = Math.max(0, Math.floor(options.iterations ?? 1000));
  const seed = options.seed ?? 1;
  const confidence = options.confidence ?? 0.95;

  // Align all clusters on one list of values.
  const index = new Map<string | number, number>();
  const values: Array<string | number> = [];
  for (const c of clusters)
    for (const v of c.values)
      if (!index.has(v)) {
        index.set(v, values.length);
        values.push(v);
      }
  const V = values.length;
  const VV = V * V;
  // the clusters with pairable units, one V × V block each, in one flat array
  let n = 0;
  for (const c of clusters) if (c.pairableUnits !== 0) n++;
  const dense = new Float64Array(n * VV);
  let d = 0;
  for (const c of clusters) {
    if (c.pairableUnits === 0) continue;
    const local = c.values.map((v) => index.get(v)!);
    for (let i = 0; i < local.length; i++)
      for (let j = 0; j < local.length; j++) dense[d * VV + local[i]! * V + local[j]!] = c.matrix[i]![j]!;
    d++;
  }
  const alphaOf = (sum: Float64Array, units: number) => (level === 'nominal' ? nominalAlpha(sum, V) : alphaFromCoincidences(toCoincidences(values, sum, units), level));
  const total = new Float64Array(VV);
  for (let c = 0; c < n; c++) for (let k = 0; k < VV; k++) total[k]! += dense[c * VV + k]!;
  const estimate = alphaOf(total, n);

  const result: BootstrapInterval = { estimate, low: NaN, high: NaN, confidence, iterations, valid: 0, seed, clusters: n };
  if (n < 2 || iterations === 0) return result;
  const drawn = draws(seed, n, iterations);
  const random = mulberry32(seed);
  const replicates: number[] = [];
  const sum = new Float64Array(VV);
  for (let it = 0; it < iterations; it++) {
    if (VV === 4 && drawn) {
      // two values (the report's in/out): the four cells in registers, each summed in draw order as below
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let c = it * n, end = c + n; c < end; c++) {
        const at = drawn[c]! * 4;
        s0 += dense[at]!;
        s1 += dense[at + 1]!;
        s2 += dense[at + 2]!;
        s3 += dense[at + 3]!;
      }
      sum[0] = s0;
      sum[1] = s1;
      sum[2] = s2;
      sum[3] = s3;
    } else {
      sum.fill(0);
      for (let c = 0; c < n; c++) {
        const at = (drawn ? drawn[it * n + c]! : Math.floor(random() * n)) * VV;
        for (let k = 0; k < VV; k++) sum[k]! += dense[at + k]!;
      }
    }
    const a = alphaOf(sum, n);
    if (!Number.isNaN(a)) replicates.push(a);
  }
  replicates.sort((a, b) => a - b);
  result.valid = replicates.length;
  if (replicates.length) {
    result.low = quantileSorted(replicates, (1 - confidence) / 2);
    result.high = quantileSorted(replicates, (1 + confidence) / 2);
  }
  return result;
}

/**
 * Seeded percentile bootstrap interval of Krippendorff's alpha, resampling
 * clusters: `clusters[i]` is the reliability data `data[coder][unit]` of one
 * article. Coders need not be the same across clusters.
 */
export function bootstrapAlpha(
  clusters: ReadonlyArray<ReadonlyArray<ReadonlyArray<ReliabilityValue>>>,
  options: BootstrapOptions = {},
): BootstrapInterval {
  return bootstrapAlphaFromCoincidences(clusters.map(coincidences), options);
}
