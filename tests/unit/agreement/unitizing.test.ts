import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  unitizingAlpha,
  unitizingAlphaCoincidence,
  type UnitizingInput,
  type UnitizingUnit,
} from '../../../shared/src/agreement/index.js';

// Krippendorff, Content Analysis, 2nd ed. (2004), section 12.4 (p. 254): two
// observers i, j on a continuum from 150 to 450 (L = 300), categories c and k,
// as transcribed in DKPro Statistics' Krippendorff2004Test. Published:
// δ² = 50 (225+70 vs 220+80), 850 (370+30 vs 355+20), 400 (j's 400+20 inside
// i's gap); αU(c): D_o = 0.0144, D_e = 0.0532, α = 0.7286; αU(k): D_o = 0,
// D_e = 0.0490, α = 1; over both: α = 1 − 0.0144/(0.0532 + 0.0490) = 0.8591.
const K2004: UnitizingInput = {
  begin: 150,
  length: 300,
  raters: 2,
  units: [
    { rater: 0, begin: 225, length: 70, category: 'c' },
    { rater: 0, begin: 370, length: 30, category: 'c' },
    { rater: 1, begin: 220, length: 80, category: 'c' },
    { rater: 1, begin: 355, length: 20, category: 'c' },
    { rater: 1, begin: 400, length: 20, category: 'c' },
    { rater: 0, begin: 180, length: 60, category: 'k' },
    { rater: 0, begin: 300, length: 50, category: 'k' },
    { rater: 1, begin: 180, length: 60, category: 'k' },
    { rater: 1, begin: 300, length: 50, category: 'k' },
  ],
};

// Krippendorff, "On the reliability of unitizing continuous data", Sociological
// Methodology 25 (1995), p. 57: four pairs of observers (A–D) on a continuum of
// 24 positions, as transcribed in DKPro Statistics' Krippendorff1995Test
// (`createExample`); each pair is a category here. Published αU: A 0.553,
// B −0.926, C 0.679, D 0.066, computed for a continuum of fine resolution, hence
// `stretch` (every position split into `stretch` code points).
function k1995(stretch: number): UnitizingInput {
  const u = (begin: number, length: number, rater: number, category: string): UnitizingUnit => ({
    rater,
    begin: Math.floor(begin * stretch),
    length: Math.floor(length * stretch),
    category,
  });
  return {
    length: Math.floor(24 * stretch),
    raters: 2,
    units: [
      // A  Bertha: 0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0   Bill: 0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 …
      u(2, 8, 0, 'A'), u(14, 6, 0, 'A'), u(4, 4, 1, 'A'), u(15, 2, 1, 'A'),
      // B  John: one unit of 18;  Jill: seven adjacent units in the first 10 positions
      u(0, 18, 0, 'B'), u(0, 2, 1, 'B'), u(2, 1, 1, 'B'), u(3, 1, 1, 'B'), u(4, 1, 1, 'B'), u(5, 1, 1, 'B'), u(6, 3, 1, 'B'), u(9, 1, 1, 'B'),
      // C  Gerret and Gill
      u(2, 6, 0, 'C'), u(10, 2, 0, 'C'), u(14, 4, 0, 'C'), u(20, 2, 0, 'C'),
      u(0, 2, 1, 'C'), u(4, 4, 1, 'C'), u(10, 4, 1, 'C'), u(16, 2, 1, 'C'), u(20, 2, 1, 'C'),
      // D  Heather and Hill: the whole continuum cut differently
      u(0, 2, 0, 'D'), u(2, 8, 0, 'D'), u(10, 4, 0, 'D'), u(14, 6, 0, 'D'), u(20, 4, 0, 'D'),
      u(0, 4, 1, 'D'), u(4, 4, 1, 'D'), u(8, 7, 1, 'D'), u(15, 2, 1, 'D'), u(17, 7, 1, 'D'),
    ],
  };
}

// Krippendorff, Content Analysis, 4th ed. (2019), section 12.6, figure 12.11
// (p. 340), the three-observer example of the 2016 family (Krippendorff,
// Mathet, Bouvry & Widlöcher, Quality & Quantity 50, 2016), as transcribed in
// the tests of the R package quallmer (positions 1-based, inclusive).
// Published: uα = 0.510, |uα = 0.413.
function k2019(): UnitizingInput {
  const s = (rater: number, from: number, to: number, category: string): UnitizingUnit => ({ rater, begin: from - 1, length: to - from + 1, category });
  return {
    length: 60,
    raters: 3,
    units: [
      s(0, 1, 7, '1'), s(0, 8, 13, '2'), s(0, 31, 32, '5'), s(0, 33, 37, '6'), s(0, 38, 44, '6'), s(0, 45, 60, '7'), // Alex
      s(1, 1, 7, '1'), s(1, 8, 13, '3'), s(1, 14, 21, '5'), s(1, 33, 44, '6'), // Paul
      s(2, 1, 7, '1'), s(2, 8, 13, '4'), s(2, 14, 21, '5'), s(2, 33, 37, '6'), s(2, 38, 41, '6'), s(2, 42, 44, '6'), // Suzan
    ],
  };
}

describe('unitizingAlpha (Krippendorff 1995, 2004): published examples', () => {
  it('reproduces Krippendorff (2004): αU(c) = 0.7286, αU(k) = 1, overall 0.859', () => {
    const r = unitizingAlpha(K2004);
    expect(r.byCategory.c!.observed).toBeCloseTo((2 * (50 + 850 + 400)) / (2 * 1 * 300 ** 2), 12);
    expect(r.byCategory.c!.observed.toFixed(4)).toBe('0.0144');
    expect(r.byCategory.c!.expected.toFixed(4)).toBe('0.0532');
    expect(r.byCategory.c!.alpha.toFixed(4)).toBe('0.7286');
    expect(r.byCategory.k).toEqual({ alpha: 1, observed: 0, expected: expect.closeTo(0.049, 4) });
    // The book's 0.8591 is computed from the rounded D's; unrounded it is 0.85867.
    expect(r.alpha).toBeCloseTo(1 - (r.byCategory.c!.observed + 0) / (r.byCategory.c!.expected + r.byCategory.k!.expected), 12);
    expect(r.alpha.toFixed(3)).toBe('0.859');
    expect(Math.abs(r.alpha - 0.8591)).toBeLessThan(0.0005);
  });

  it('reproduces the observed disagreements of Krippendorff (1995) exactly', () => {
    const r = unitizingAlpha(k1995(1)).byCategory;
    const L2 = 24 * 24;
    expect(r.A!.observed).toBeCloseTo(18 / L2, 12); // 0.03125
    expect(r.B!.observed).toBeCloseTo(1306 / L2, 12); // 2.26736: John's unit against each of Jill's seven
    expect(r.C!.observed).toBeCloseTo(16 / L2, 12); // 0.02778
    expect(r.D!.observed).toBeCloseTo(223 / L2, 12); // 0.38715
  });

  it('approaches the published αU of Krippendorff (1995) on a fine continuum', () => {
    const r = unitizingAlpha(k1995(5000)).byCategory;
    expect(Math.abs(r.A!.alpha - 0.553)).toBeLessThan(0.005);
    expect(Math.abs(r.B!.alpha - -0.926)).toBeLessThan(0.005);
    expect(Math.abs(r.D!.alpha - 0.066)).toBeLessThan(0.005);
    // C comes out 0.693 with the 2004 formula for D_e; DKPro Statistics, which
    // implements the same formula, notes a small error in the 1995 paper's D_e.
    expect(Math.abs(r.C!.alpha - 0.679)).toBeLessThan(0.02);
  });

  it('matches DKPro Statistics on the coarse 1995 example (C: D_e = 0.05494, αU = 0.494)', () => {
    const c = unitizingAlpha(k1995(0.5)).byCategory.C!;
    expect(c.observed).toBeCloseTo(1 / 36, 12); // DKPro: 0.02777
    expect(Math.abs(c.observed - 0.02777)).toBeLessThan(1e-4);
    expect(c.expected).toBeCloseTo(0.05494, 5);
    expect(c.alpha).toBeCloseTo(0.494, 3);
  });
});

describe('unitizingAlphaCoincidence (Krippendorff et al. 2016): published example', () => {
  it('reproduces uα = 0.510 and |uα = 0.413 of Krippendorff (2019, fig. 12.11)', () => {
    const r = unitizingAlphaCoincidence(k2019());
    expect(r.alpha.toFixed(3)).toBe('0.510');
    // 0.41360 unrounded; the book prints 0.413
    expect(Math.abs(r.binary - 0.413)).toBeLessThan(0.001);
  });

  it('gives each category against the rest: perfect for values all three agree on', () => {
    const r = unitizingAlphaCoincidence(k2019()).byCategory;
    expect(r['1']!.alpha).toBe(1);
    expect(r['6']!.alpha).toBe(1); // same stretch 33–44, however cut into units
    expect(r['5']!.alpha).toBeLessThan(1);
  });
});

describe('unitizing: conventions and degenerate cases', () => {
  it('is NaN with fewer than two raters or an empty continuum, listing the categories', () => {
    const one = { length: 10, raters: 1, units: [{ rater: 0, begin: 2, length: 3, category: 'x' }] };
    expect(unitizingAlpha(one)).toEqual({ alpha: NaN, byCategory: { x: { alpha: NaN, observed: NaN, expected: NaN } } });
    expect(unitizingAlpha({ ...one, raters: 2, length: 0 }).alpha).toBeNaN();
    expect(unitizingAlphaCoincidence(one).byCategory.x!.alpha).toBeNaN();
  });

  it('has no categories and a NaN alpha without units', () => {
    expect(unitizingAlpha({ length: 10, raters: 3, units: [] })).toEqual({ alpha: NaN, byCategory: {} });
    expect(unitizingAlphaCoincidence({ length: 10, raters: 3, units: [] })).toEqual({ alpha: NaN, binary: NaN, byCategory: {} });
  });

  it('is NaN when there is no expected disagreement: every rater marked the whole one-position continuum', () => {
    const r = unitizingAlpha({ length: 1, raters: 2, units: [0, 1].map((rater) => ({ rater, begin: 0, length: 1, category: 'x' })) });
    expect(r.byCategory.x).toEqual({ alpha: NaN, observed: 0, expected: 0 });
    expect(r.alpha).toBeNaN();
  });

  it('is 1 for identical units that leave a gap, and below 1 as soon as one boundary moves', () => {
    const units = (shift: number) => [
      { rater: 0, begin: 3, length: 4, category: 'x' },
      { rater: 1, begin: 3 + shift, length: 4, category: 'x' },
      { rater: 2, begin: 3, length: 4, category: 'x' },
    ];
    expect(unitizingAlpha({ length: 20, raters: 3, units: units(0) }).alpha).toBe(1);
    expect(unitizingAlphaCoincidence({ length: 20, raters: 3, units: units(0) }).alpha).toBe(1);
    expect(unitizingAlpha({ length: 20, raters: 3, units: units(1) }).alpha).toBeLessThan(1);
    expect(unitizingAlphaCoincidence({ length: 20, raters: 3, units: units(1) }).alpha).toBeLessThan(1);
  });

  it('counts a unit one rater marked and the others did not as disagreement', () => {
    const r = unitizingAlpha({ length: 20, raters: 2, units: [{ rater: 0, begin: 5, length: 5, category: 'x' }, { rater: 0, begin: 12, length: 2, category: 'x' }, { rater: 1, begin: 5, length: 5, category: 'x' }] });
    expect(r.byCategory.x!.observed).toBeCloseTo((2 * 4) / (2 * 400), 12); // δ² = 2² for the unit inside the other's gap
    expect(r.alpha).toBeLessThan(1);
  });

  it('clips units to the continuum, ignores unknown raters and merges overlapping units of one rater and category', () => {
    const base = { begin: 10, length: 20, raters: 2 };
    const messy = unitizingAlpha({
      ...base,
      units: [
        { rater: 0, begin: 5, length: 10, category: 'x' }, // clipped to 10–15
        { rater: 0, begin: 12, length: 6, category: 'x' }, // overlaps: merged into 10–18
        { rater: 1, begin: 11, length: 5, category: 'x' },
        { rater: 2, begin: 20, length: 5, category: 'x' }, // no such rater
        { rater: 1, begin: 40, length: 5, category: 'x' }, // outside
      ],
    });
    const clean = unitizingAlpha({ ...base, units: [{ rater: 0, begin: 10, length: 8, category: 'x' }, { rater: 1, begin: 11, length: 5, category: 'x' }] });
    expect(messy).toEqual(clean);
  });

  it('keeps touching units of one rater apart (two units are not one)', () => {
    const split = unitizingAlpha({ length: 20, raters: 2, units: [{ rater: 0, begin: 2, length: 6, category: 'x' }, { rater: 1, begin: 2, length: 3, category: 'x' }, { rater: 1, begin: 5, length: 3, category: 'x' }] });
    expect(split.alpha).toBeLessThan(1);
  });

  it('2016: no all-category uα when a rater stacks units of different categories, per category still', () => {
    const r = unitizingAlphaCoincidence({
      length: 20,
      raters: 2,
      units: [
        { rater: 0, begin: 2, length: 6, category: 'x' },
        { rater: 0, begin: 4, length: 6, category: 'y' },
        { rater: 1, begin: 2, length: 6, category: 'x' },
        { rater: 1, begin: 4, length: 6, category: 'y' },
      ],
    });
    expect(r.alpha).toBeNaN();
    expect(r.binary).toBeNaN();
    expect(r.byCategory).toEqual({ x: { alpha: 1, observed: 0, expected: expect.any(Number) }, y: { alpha: 1, observed: 0, expected: expect.any(Number) } });
  });
});

const study = fc
  .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 40 }))
  .chain(([raters, length]) =>
    fc.record({
      length: fc.constant(length),
      raters: fc.constant(raters),
      units: fc.array(
        fc.record({
          rater: fc.integer({ min: 0, max: raters - 1 }),
          begin: fc.integer({ min: 0, max: length - 1 }),
          length: fc.integer({ min: 1, max: 12 }),
          category: fc.constantFrom('a', 'b', 'c'),
        }),
        { maxLength: 12 },
      ),
    }),
  );

const close = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));

function sameResult(x: { alpha: number; byCategory: Record<string, { alpha: number }> }, y: typeof x) {
  expect(close(x.alpha, y.alpha)).toBe(true);
  expect(Object.keys(x.byCategory).sort()).toEqual(Object.keys(y.byCategory).sort());
  for (const k of Object.keys(x.byCategory)) expect(close(x.byCategory[k]!.alpha, y.byCategory[k]!.alpha)).toBe(true);
}

describe('unitizing: properties', () => {
  it('is at most 1 per category and overall, for both definitions', () => {
    fc.assert(
      fc.property(study, (s) => {
        for (const r of [unitizingAlpha(s), unitizingAlphaCoincidence(s)]) {
          for (const a of [r.alpha, ...Object.values(r.byCategory).map((c) => c.alpha)]) expect(Number.isNaN(a) || a <= 1 + 1e-9).toBe(true);
        }
      }),
    );
  });

  it('does not depend on the order of raters or units, nor on where the continuum begins', () => {
    fc.assert(
      fc.property(study, fc.integer({ min: -50, max: 50 }), (s, shift) => {
        const reversedRaters = { ...s, units: s.units.map((u) => ({ ...u, rater: s.raters - 1 - u.rater })) };
        const reversedUnits = { ...s, units: [...s.units].reverse() };
        const shifted = { ...s, begin: shift, units: s.units.map((u) => ({ ...u, begin: u.begin + shift })) };
        for (const f of [unitizingAlpha, unitizingAlphaCoincidence]) {
          const r = f(s);
          sameResult(f(reversedRaters), r);
          sameResult(f(reversedUnits), r);
          sameResult(f(shifted), r);
        }
      }),
    );
  });

  it('is 1 when all raters mark the same units and something is left unmarked', () => {
    fc.assert(
      fc.property(study, (s) => {
        const one = s.units.filter((u) => u.rater === 0);
        const units = Array.from({ length: s.raters }, (_, rater) => one.map((u) => ({ ...u, rater }))).flat();
        const same = { ...s, units };
        const r = unitizingAlpha(same);
        for (const [, c] of Object.entries(r.byCategory)) if (c.expected > 0) expect(c.alpha).toBe(1);
        const q = unitizingAlphaCoincidence(same);
        for (const [, c] of Object.entries(q.byCategory)) if (c.expected > 0) expect(c.alpha).toBe(1);
      }),
    );
  });

  it('2016: pooling continua by coincidences equals laying them end to end (same raters)', () => {
    fc.assert(
      fc.property(study, study, (s, t) => {
        const raters = Math.min(s.raters, t.raters);
        const a = { ...s, raters, units: s.units.filter((u) => u.rater < raters) };
        const b = { ...t, raters, units: t.units.filter((u) => u.rater < raters) };
        const joined = { length: a.length + b.length, raters, units: [...a.units.map((u) => ({ ...u, length: Math.min(u.length, a.length - u.begin) })), ...b.units.map((u) => ({ ...u, begin: u.begin + a.length }))] };
        const pooled = unitizingAlphaCoincidence([a, b]);
        const whole = unitizingAlphaCoincidence(joined);
        expect(close(pooled.alpha, whole.alpha)).toBe(true);
        expect(close(pooled.binary, whole.binary)).toBe(true);
        for (const k of Object.keys(whole.byCategory)) expect(close(pooled.byCategory[k]!.alpha, whole.byCategory[k]!.alpha)).toBe(true);
      }),
    );
  });
});
