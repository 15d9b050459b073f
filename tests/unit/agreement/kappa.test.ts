import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, krippendorffAlpha } from '../../../shared/src/agreement/index.js';

/** Expands a contingency table `table[a][b]` (counts of units coded a by one coder and b by the other) into two label lists. */
function fromContingency(table: number[][]): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  table.forEach((row, i) => row.forEach((n, j) => {
    for (let k = 0; k < n; k++) {
      a.push(i);
      b.push(j);
    }
  }));
  return [a, b];
}

describe('cohenKappa', () => {
  it("reproduces Cohen's (1960, p. 45) worked example: κ = 0.492", () => {
    // J. Cohen, "A coefficient of agreement for nominal scales", Educational and
    // Psychological Measurement 20(1), 1960, table 2: 200 units, three categories,
    // p_o = 0.70, p_e = 0.41, κ = 0.492 (rows: judge A, columns: judge B).
    const [a, b] = fromContingency([
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ]);
    expect(a).toHaveLength(200);
    expect(Number(cohenKappa(a, b).toFixed(3))).toBe(0.492);
    expect(cohenKappa(a, b)).toBeCloseTo((0.7 - 0.41) / (1 - 0.41), 12);
  });

  it('leaves out units where either label is missing, and compares labels with ===', () => {
    expect(cohenKappa(['x', 'y', null, 'x'], ['x', 'y', 'y', undefined])).toBe(1);
    expect(cohenKappa([1, 2, 1], [1, 2])).toBe(1); // past the end of the shorter list = missing
    expect(cohenKappa([1, 2], ['1', '2'])).toBe(0); // no agreement, p_e = 0
  });

  it('is NaN with no units, and NaN when both coders used one and the same label throughout', () => {
    expect(cohenKappa([], [])).toBeNaN();
    expect(cohenKappa([null, 1], [2, null])).toBeNaN();
    expect(cohenKappa(['a', 'a', 'a'], ['a', 'a', 'a'])).toBeNaN();
  });

  it('is 0 when one coder uses a single label and the other varies (agreement no better than chance)', () => {
    expect(cohenKappa([0, 0, 0, 0], [0, 1, 0, 1])).toBe(0);
  });

  const pair = fc
    .integer({ min: 0, max: 30 })
    .chain((n) => fc.tuple(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n })));

  it('is symmetric and lies in [−1, 1]', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const k = cohenKappa(a, b);
        const l = cohenKappa(b, a);
        if (Number.isNaN(k)) expect(l).toBeNaN();
        else {
          expect(l).toBeCloseTo(k, 12);
          expect(k).toBeGreaterThanOrEqual(-1 - 1e-12);
          expect(k).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it('does not depend on the order of units, and is 1 for identical labels with two or more values', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const k = cohenKappa(a, b);
        const r = cohenKappa([...a].reverse(), [...b].reverse());
        if (Number.isNaN(k)) expect(r).toBeNaN();
        else expect(r).toBeCloseTo(k, 12);
        if (new Set(a).size >= 2) expect(cohenKappa(a, a)).toBe(1);
      }),
    );
  });
});

describe('fleissKappa', () => {
  it('reproduces the Wikipedia example of 10 subjects, 14 raters, 5 categories: κ = 0.210', () => {
    // en.wikipedia.org/wiki/Fleiss%27_kappa, "Worked example": P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    // the published column totals, as a check on the transcription
    expect([0, 1, 2, 3, 4].map((c) => table.reduce((s, row) => s + row[c]!, 0))).toEqual([20, 28, 39, 21, 32]);
    expect(Number(fleissKappa(table).toFixed(3))).toBe(0.21);
  });

  it("reproduces Fleiss' (1971, p. 379) example of 30 subjects and 6 raters: κ = 0.430", () => {
    // J. L. Fleiss, "Measuring nominal scale agreement among many raters",
    // Psychological Bulletin 76(5), 1971: P̄ = 0.5556, P̄_e = 0.2201, κ = 0.430.
    const ratings = [
      [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
      [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
      [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
      [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
      [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
      [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
    ];
    const table = ratings.map((r) => [1, 2, 3, 4, 5].map((c) => r.filter((x) => x === c).length));
    expect(Number(fleissKappa(table).toFixed(3))).toBe(0.43);
  });

  it('is NaN without subjects, with unequal or too few ratings, with bad counts, or with one category only', () => {
    expect(fleissKappa([])).toBeNaN();
    expect(fleissKappa([[1, 1], [2, 1]])).toBeNaN();
    expect(fleissKappa([[1, 0], [0, 1]])).toBeNaN(); // one rating per subject
    expect(fleissKappa([[1.5, 0.5], [1, 1]])).toBeNaN();
    expect(fleissKappa([[-1, 3], [1, 1]])).toBeNaN();
    expect(fleissKappa([[3, 0], [3, 0]])).toBeNaN();
  });

  it('is 1 for perfect agreement with two categories in use, and reads short rows as zeros', () => {
    expect(fleissKappa([[3, 0], [0, 3], [3]])).toBe(1);
  });

  const table = fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 6 }))
    .chain(([subjects, categories, raters]) =>
      fc.array(
        fc.array(fc.integer({ min: 0, max: categories - 1 }), { minLength: raters, maxLength: raters }).map((r) =>
          Array.from({ length: categories }, (_, c) => r.filter((x) => x === c).length),
        ),
        { minLength: subjects, maxLength: subjects },
      ),
    );

  it('lies in [−1, 1] and does not depend on the order of subjects or categories', () => {
    fc.assert(
      fc.property(table, (t) => {
        const k = fleissKappa(t);
        const reordered = [...t].reverse().map((row) => [...row].reverse());
        if (Number.isNaN(k)) expect(fleissKappa(reordered)).toBeNaN();
        else {
          expect(k).toBeGreaterThanOrEqual(-1 - 1e-12);
          expect(k).toBeLessThanOrEqual(1 + 1e-12);
          expect(fleissKappa(reordered)).toBeCloseTo(k, 12);
        }
      }),
    );
  });

  it("agrees with Krippendorff's nominal alpha on complete data, up to the chance term", () => {
    // With N subjects and n raters each (no missing data) both share the observed disagreement 1 − P̄;
    // κ's chance term is P̄e = Σ p_c², α's is P̄e' = Σ n_c(n_c − 1)/(Nn(Nn − 1)) (no value paired with itself),
    // so 1 − α = (1 − P̄)/(1 − P̄e') = (1 − κ)·(1 − P̄e)/(1 − P̄e').
    fc.assert(
      fc.property(table, (t) => {
        const k = fleissKappa(t);
        const n = t[0]!.reduce((s, x) => s + x, 0);
        const N = t.length;
        const totals = t[0]!.map((_, c) => t.reduce((s, row) => s + row[c]!, 0));
        const pe = totals.reduce((s, x) => s + (x / (N * n)) ** 2, 0);
        const peUnbiased = totals.reduce((s, x) => s + (x * (x - 1)) / (N * n * (N * n - 1)), 0);
        // the same data as data[rater][subject]
        const data = Array.from({ length: n }, (_, r) =>
          t.map((row) => {
            let acc = 0;
            for (let c = 0; c < row.length; c++) {
              acc += row[c]!;
              if (r < acc) return c;
            }
            return null;
          }),
        );
        const alpha = krippendorffAlpha(data);
        if (Number.isNaN(k)) expect(alpha).toBeNaN();
        else expect(1 - alpha).toBeCloseTo(((1 - k) * (1 - pe)) / (1 - peUnbiased), 9);
      }),
    );
  });
});
