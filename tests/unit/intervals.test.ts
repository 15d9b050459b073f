import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalIndex } from '@mbw/shared';

const interval = fc.tuple(fc.nat(2000), fc.integer({ min: 1, max: 700 })).map(([start, len]) => ({ start, end: start + len }));
const byPosition = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start - b.start || a.end - b.end;

describe('IntervalIndex', () => {
  it('finds exactly the intervals covering a point, as a scan would', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 80 }), fc.nat(2800), fc.integer({ min: 1, max: 300 }), (items, point, size) => {
        const index = new IntervalIndex(items, size);
        const expected = items.filter((i) => i.start <= point && point < i.end);
        expect([...index.at(point)].sort(byPosition)).toEqual([...expected].sort(byPosition));
      }),
    );
  });

  it('finds exactly the intervals overlapping a range, each once', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 80 }), interval, (items, q) => {
        const index = new IntervalIndex(items, 64);
        const expected = items.filter((i) => i.start < q.end && q.start < i.end);
        const found = index.overlapping(q.start, q.end);
        expect(new Set(found).size).toBe(found.length);
        expect([...found].sort(byPosition)).toEqual([...expected].sort(byPosition));
      }),
    );
  });

  it('treats end as exclusive', () => {
    const a = { start: 5, end: 10 };
    const index = new IntervalIndex([a]);
    expect(index.at(9)).toEqual([a]);
    expect(index.at(10)).toEqual([]);
    expect(index.overlapping(10, 12)).toEqual([]);
    expect(index.overlapping(0, 5)).toEqual([]);
  });
});
