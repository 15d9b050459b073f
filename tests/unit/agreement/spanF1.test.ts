import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spanF1, type LabelledSpan } from '../../../shared/src/agreement/index.js';

const s = (start: number, end: number, label = 'x'): LabelledSpan => ({ start, end, label });

describe('spanF1: exact', () => {
  it('counts only identical boundaries and label', () => {
    const r = spanF1([s(0, 5), s(10, 15), s(20, 25, 'y')], [s(0, 5), s(10, 14), s(20, 25)], { mode: 'exact' });
    expect(r).toEqual({ precision: 1 / 3, recall: 1 / 3, f1: 1 / 3 });
  });

  it('is the default mode', () => {
    expect(spanF1([s(0, 5)], [s(0, 4)])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('counts a span given twice once, and ignores empty spans', () => {
    expect(spanF1([s(0, 5), s(0, 5), s(7, 7)], [s(0, 5), s(9, 3)], { mode: 'exact' })).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('spanF1: overlap (SemEval-2020 Task 11 partial credit)', () => {
  it('credits each span with the share of it that the other side covers with the same label', () => {
    // predicted [0,10) is covered 5/10 by [5,15); [20,24) is covered 0 (label y differs)
    // reference [5,15) is covered 5/10 by [0,10); [20,24) labelled x: 0
    const r = spanF1([s(0, 10), s(20, 24, 'y')], [s(5, 15), s(20, 24)], { mode: 'overlap' });
    expect(r.precision).toBeCloseTo((0.5 + 0) / 2, 12);
    expect(r.recall).toBeCloseTo((0.5 + 0) / 2, 12);
    expect(r.f1).toBeCloseTo(0.25, 12);
  });

  it('is asymmetric in precision and recall when one span contains the other', () => {
    const r = spanF1([s(2, 4)], [s(0, 10)], { mode: 'overlap' });
    expect(r.precision).toBe(1); // all of the short span is covered
    expect(r.recall).toBeCloseTo(0.2, 12); // 2 of 10
    expect(r.f1).toBeCloseTo((2 * 0.2) / 1.2, 12);
  });

  it('takes the share against the union of the other side, so it never exceeds 1', () => {
    // the SemEval scorer would sum 1 + 1 = 2 for the predicted span over two overlapping references
    const r = spanF1([s(0, 10)], [s(0, 10), s(0, 10, 'x'), s(2, 8)], { mode: 'overlap' });
    expect(r.precision).toBe(1);
    expect(r.recall).toBe(1);
  });
});

describe('spanF1: edge cases', () => {
  it('is NaN throughout when neither side has spans', () => {
    for (const mode of ['exact', 'overlap'] as const) expect(spanF1([], [], { mode })).toEqual({ precision: NaN, recall: NaN, f1: NaN });
  });

  it('has F1 = 0 when one side has spans and the other none (precision or recall being undefined)', () => {
    for (const mode of ['exact', 'overlap'] as const) {
      expect(spanF1([s(0, 3)], [], { mode })).toEqual({ precision: 0, recall: NaN, f1: 0 });
      expect(spanF1([], [s(0, 3)], { mode })).toEqual({ precision: NaN, recall: 0, f1: 0 });
    }
  });
});

const spans = fc.array(
  fc.record({ start: fc.integer({ min: 0, max: 30 }), len: fc.integer({ min: 0, max: 10 }), label: fc.constantFrom('a', 'b') }).map((x) => s(x.start, x.start + x.len, x.label)),
  { maxLength: 8 },
);
const close = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : Math.abs(a - b) < 1e-12);

describe('spanF1: properties', () => {
  it('F1 is symmetric; swapping the sides swaps precision and recall; all lie in [0, 1]', () => {
    fc.assert(
      fc.property(spans, spans, (a, b) => {
        for (const mode of ['exact', 'overlap'] as const) {
          const x = spanF1(a, b, { mode });
          const y = spanF1(b, a, { mode });
          expect(close(x.f1, y.f1)).toBe(true);
          expect(close(x.precision, y.recall)).toBe(true);
          expect(close(x.recall, y.precision)).toBe(true);
          for (const v of [x.precision, x.recall, x.f1]) expect(Number.isNaN(v) || (v >= 0 && v <= 1 + 1e-12)).toBe(true);
        }
      }),
    );
  });

  it('gives overlap credit at least the exact credit, and 1 for identical non-empty annotations', () => {
    fc.assert(
      fc.property(spans, spans, (a, b) => {
        const e = spanF1(a, b, { mode: 'exact' });
        const o = spanF1(a, b, { mode: 'overlap' });
        if (!Number.isNaN(e.precision)) expect(o.precision).toBeGreaterThanOrEqual(e.precision - 1e-12);
        if (!Number.isNaN(e.recall)) expect(o.recall).toBeGreaterThanOrEqual(e.recall - 1e-12);
        if (a.some((x) => x.end > x.start))
          for (const mode of ['exact', 'overlap'] as const) expect(spanF1(a, [...a].reverse(), { mode })).toEqual({ precision: 1, recall: 1, f1: 1 });
      }),
    );
  });
});
