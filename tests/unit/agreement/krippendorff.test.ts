import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coincidences, krippendorffAlpha, type MeasurementLevel, type ReliabilityValue } from '../../../shared/src/agreement/index.js';

// K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section
// C: four observers A–D, twelve units, values 1–5, missing data (·). Published:
// nominal α = 0.743, ordinal α = 0.815, interval α = 0.849, ratio α = 0.797.
const _ = null;
const K2011: ReliabilityValue[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

const levels: MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];
const same = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : Math.abs(a - b) < 1e-9);

describe('krippendorffAlpha: Krippendorff (2011) worked example', () => {
  it('builds the published coincidence matrix: 40 pairable values, marginals 9, 13, 10, 5, 3', () => {
    const c = coincidences(K2011);
    expect(c.pairableUnits).toBe(11); // unit 12 has one value only
    const marg = new Map(c.values.map((v, i) => [v, c.matrix[i]!.reduce((s, x) => s + x, 0)]));
    expect([1, 2, 3, 4, 5].map((v) => marg.get(v))).toEqual([9, 13, 10, 5, 3].map((x) => expect.closeTo(x, 12)));
  });

  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('%s alpha = %s', (level, published) => {
    expect(Number(krippendorffAlpha(K2011, { level }).toFixed(3))).toBe(published);
  });

  it('defaults to nominal and reads numeric strings at interval level', () => {
    expect(krippendorffAlpha(K2011)).toBe(krippendorffAlpha(K2011, { level: 'nominal' }));
    const strings = K2011.map((row) => row.map((v) => (v === null ? null : String(v))));
    expect(krippendorffAlpha(strings, { level: 'interval' })).toBeCloseTo(krippendorffAlpha(K2011, { level: 'interval' }), 12);
  });
});

describe('krippendorffAlpha: degenerate cases', () => {
  it('is NaN without data, with one coder, or with no unit that two coders coded', () => {
    for (const level of levels) {
      expect(krippendorffAlpha([], { level })).toBeNaN();
      expect(krippendorffAlpha([[], []], { level })).toBeNaN();
      expect(krippendorffAlpha([[1, 2, 3, 1]], { level })).toBeNaN();
      expect(krippendorffAlpha([[1, null], [null, 2]], { level })).toBeNaN();
    }
  });

  it('is NaN when there is no variation (a single category), not 1 and not 0', () => {
    for (const level of levels) expect(krippendorffAlpha([[3, 3, 3], [3, 3, null]], { level })).toBeNaN();
    expect(krippendorffAlpha([['x', 'x'], ['x', 'x']])).toBeNaN();
  });

  it('is exactly 1 for perfect agreement with two or more values', () => {
    for (const level of levels) expect(krippendorffAlpha([[1, 2, 3], [1, 2, 3], [1, null, 3]], { level })).toBe(1);
  });

  it('is NaN for interval or ratio data that are not numbers', () => {
    expect(krippendorffAlpha([['a', 'b'], ['a', 'c']], { level: 'interval' })).toBeNaN();
    expect(krippendorffAlpha([['a', 'b'], ['a', 'c']], { level: 'ratio' })).toBeNaN();
    // nominal is fine: o_aa = 2, o_bc = o_cb = 1; n = 4; α = 1 − 3·2 / (2·(2·1 + 2·1 + 1·1)) = 0.4
    expect(krippendorffAlpha([['a', 'b'], ['a', 'c']], { level: 'nominal' })).toBeCloseTo(0.4, 12);
  });

  it('treats NaN and undefined as missing', () => {
    expect(krippendorffAlpha([[1, 2, NaN], [1, 2, 5]])).toBe(krippendorffAlpha([[1, 2, null], [1, 2, undefined]]));
  });

  it('gives the textbook value for systematic disagreement of two coders on two values', () => {
    // 1−(n−1)·o01·2/(2·n0·n1) with o01 = 2 (two units, each 0 vs 1), n0 = n1 = 2, n = 4: 1 − 3·4/8 = −0.5
    expect(krippendorffAlpha([[0, 1], [1, 0]])).toBeCloseTo(-0.5, 12);
  });
});

const value = fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 4 });
const matrix = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 15 }))
  .chain(([m, n]) => fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }));

describe('krippendorffAlpha: properties', () => {
  it('is at most 1 (or NaN) at every level', () => {
    fc.assert(
      fc.property(matrix, (data) => {
        for (const level of levels) {
          const a = krippendorffAlpha(data, { level });
          expect(Number.isNaN(a) || a <= 1 + 1e-12).toBe(true);
        }
      }),
    );
  });

  it('does not depend on the order of coders or units', () => {
    fc.assert(
      fc.property(matrix, fc.integer(), (data, seed) => {
        const units = data[0]?.length ?? 0;
        const perm = Array.from({ length: units }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
        const shuffledUnits = data.map((row) => perm.map((i) => row[i]));
        const reversedCoders = [...data].reverse();
        for (const level of levels) {
          const a = krippendorffAlpha(data, { level });
          expect(same(krippendorffAlpha(shuffledUnits, { level }), a)).toBe(true);
          expect(same(krippendorffAlpha(reversedCoders, { level }), a)).toBe(true);
        }
      }),
    );
  });

  it('is 1 for identical coders when at least two values are present', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 20 }).filter((r) => new Set(r).size >= 2),
        fc.integer({ min: 2, max: 5 }),
        (row, m) => {
          const data = Array.from({ length: m }, () => row);
          for (const level of levels) expect(krippendorffAlpha(data, { level })).toBeCloseTo(1, 12);
        },
      ),
    );
  });
});
