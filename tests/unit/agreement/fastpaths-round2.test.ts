/**
 * Fast paths of issue 13's fourth pass held to byte-by-byte and set-based
 * references: Cohen's counts four tokens at a time, span credits without a
 * set per short list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelPairCredit } from '../../../shared/src/agreement/spanCredits.js';
import { differing, wordsOf } from '../../../shared/src/agreement/tokenFigures.js';

describe("Cohen's counts four tokens at a time", () => {
  it('counts the differing and the marked tokens as byte by byte, aligned or not', () => {
    const marks = fc.array(fc.constantFrom(0, 1), { maxLength: 70 });
    fc.assert(
      fc.property(marks, marks, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), (x, y, ox, oy) => {
        const n = Math.min(x.length, y.length);
        const xs = new Uint8Array(n + ox).subarray(ox);
        const ys = new Uint8Array(n + oy).subarray(oy);
        xs.set(x.slice(0, n));
        ys.set(y.slice(0, n));
        let diff = 0;
        let ones = 0;
        for (let t = 0; t < n; t++) {
          diff += xs[t] === ys[t] ? 0 : 1;
          ones += xs[t]!;
        }
        expect(differing(xs, ys, wordsOf(xs), wordsOf(ys))).toBe(diff);
        expect(differing(xs, null, wordsOf(xs), null)).toBe(ones);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('span credits without a set per short list', () => {
  it('counts the distinct spans and the exact matches as sets of keys do', () => {
    const span = fc.record({ start: fc.oneof(fc.integer({ min: 0, max: 25 }), fc.constantFrom(0.5, 3.5)), len: fc.integer({ min: -1, max: 6 }) });
    const list = fc.array(span, { maxLength: 60 }).map((xs) => xs.map((s) => ({ start: s.start, end: s.start + s.len, label: 'p' })));
    const keysOf = (xs: Array<{ start: number; end: number; label: string }>) => new Set(xs.filter((s) => s.end > s.start).map((s) => `${s.start}:${s.end}`));
    fc.assert(
      fc.property(list, list, (a, b) => {
        const c = labelPairCredit(a, b);
        const ka = keysOf(a);
        const kb = keysOf(b);
        expect([c.aCount, c.bCount, c.exact]).toEqual([ka.size, kb.size, [...ka].filter((k) => kb.has(k)).length]);
      }),
      { numRuns: 1000 },
    );
  });
});
