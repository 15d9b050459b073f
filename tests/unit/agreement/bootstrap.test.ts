import { describe, expect, it } from 'vitest';
import { bootstrapAlpha, krippendorffAlpha, mulberry32, quantileSorted, type ReliabilityValue } from '../../../shared/src/agreement/index.js';

/** Twelve small "articles": three coders, 4–9 units each, values 0/1 with some disagreement. */
function articles(): ReliabilityValue[][][] {
  const random = mulberry32(42);
  return Array.from({ length: 12 }, (_, a) => {
    const units = 4 + (a % 6);
    const truth = Array.from({ length: units }, () => (random() < 0.4 ? 1 : 0));
    return [0, 1, 2].map((c) => truth.map((v) => (c === 2 && a % 4 === 0 ? null : random() < 0.15 ? 1 - v : v)));
  });
}

describe('mulberry32', () => {
  it('is deterministic per seed and uniform enough on [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(Array.from({ length: 10000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.01);
    expect(mulberry32(8)()).not.toBe(mulberry32(7)());
  });
});

describe('bootstrapAlpha', () => {
  it('gives the same interval for the same data and seed, another for another seed', () => {
    const data = articles();
    const x = bootstrapAlpha(data, { seed: 3, iterations: 500 });
    expect(bootstrapAlpha(data, { seed: 3, iterations: 500 })).toEqual(x);
    expect(bootstrapAlpha(data, { seed: 4, iterations: 500 })).not.toEqual(x);
    expect(x.low).toBeLessThanOrEqual(x.high);
    expect(x).toMatchObject({ confidence: 0.95, iterations: 500, seed: 3, clusters: 12 });
  });

  it('estimates alpha on all the data and a replicate is exactly alpha of the resampled articles', () => {
    const data = articles();
    const all = data.map((d) => d); // clusters as whole articles
    const joined = (picked: ReliabilityValue[][][]) => [0, 1, 2].map((c) => picked.flatMap((d) => d[c]!));
    const r = bootstrapAlpha(all, { seed: 9, iterations: 200 });
    expect(r.estimate).toBeCloseTo(krippendorffAlpha(joined(all)), 12);
    // replay the resampling with the same generator
    const random = mulberry32(9);
    const reps: number[] = [];
    for (let i = 0; i < 200; i++) {
      const picked = all.map(() => all[Math.floor(random() * all.length)]!);
      const a = krippendorffAlpha(joined(picked));
      if (!Number.isNaN(a)) reps.push(a);
    }
    reps.sort((a, b) => a - b);
    expect(r.valid).toBe(reps.length);
    expect(r.low).toBeCloseTo(quantileSorted(reps, 0.025), 10);
    expect(r.high).toBeCloseTo(quantileSorted(reps, 0.975), 10);
  });

  it('has no interval (NaN) from fewer than two articles with pairable units', () => {
    const article = [[0, 1, 1, 0], [0, 1, 0, 0]];
    const one = bootstrapAlpha([article, [[1, 2, 3]]], { iterations: 100 });
    expect(one.clusters).toBe(1);
    expect(one.low).toBeNaN();
    expect(one.high).toBeNaN();
    expect(one.estimate).toBeCloseTo(krippendorffAlpha(article), 12);
    expect(bootstrapAlpha([], {}).estimate).toBeNaN();
  });

  it('interpolates quantiles between order statistics (R type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});
