import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitArticles, splitSizes } from '@mbw/shared';

const ids = Array.from({ length: 100 }, (_, i) => `article-${i}`);
const ratios = { train: 0.8, dev: 0.1, test: 0.1 };

describe('splits', () => {
  it('is reproducible: same ids and seed give the same split, whatever the order of the ids', () => {
    const a = splitArticles(ids, { seed: 42, ratios });
    const b = splitArticles([...ids].reverse(), { seed: 42, ratios });
    expect(b).toEqual(a);
    expect([a.train.length, a.dev.length, a.test.length]).toEqual([80, 10, 10]);
    expect(new Set([...a.train, ...a.dev, ...a.test])).toEqual(new Set(ids));
    expect(splitArticles(ids, { seed: 43, ratios })).not.toEqual(a);
    expect(splitArticles(ids, { seed: '42', ratios })).toEqual(a); // a seed is its string
  });

  it('respects the ratios within rounding, for any count and ratios (property)', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.tuple(fc.nat(10), fc.nat(10), fc.nat(10)).filter(([x, y, z]) => x + y + z > 0), fc.integer(), (n, [x, y, z], seed) => {
        const split = splitArticles(
          Array.from({ length: n }, (_, i) => String(i)),
          { seed, ratios: { train: x, dev: y, test: z } },
        );
        const sizes = [split.train.length, split.dev.length, split.test.length];
        expect(sizes[0]! + sizes[1]! + sizes[2]!).toBe(n);
        [x, y, z].forEach((r, i) => expect(Math.abs(sizes[i]! - (n * r) / (x + y + z))).toBeLessThan(1));
      }),
      { numRuns: 200 },
    );
  });

  it('moves few articles when more are added', () => {
    const before = splitArticles(ids, { seed: 7, ratios });
    const after = splitArticles([...ids, ...Array.from({ length: 10 }, (_, i) => `new-${i}`)], { seed: 7, ratios });
    const moved = before.test.filter((id) => !after.test.includes(id)).length + before.dev.filter((id) => !after.dev.includes(id)).length;
    expect(moved).toBeLessThanOrEqual(5);
  });

  it('counts duplicates once and refuses bad ratios', () => {
    expect(splitArticles(['a', 'a', 'b'], { seed: 1, ratios: { train: 1, dev: 0, test: 0 } }).train.sort()).toEqual(['a', 'b']);
    expect(splitSizes(7, { train: 1, dev: 1, test: 1 })).toEqual([3, 2, 2]);
    expect(() => splitSizes(3, { train: 0, dev: 0, test: 0 })).toThrow();
    expect(() => splitSizes(3, { train: -1, dev: 1, test: 1 })).toThrow();
  });
});
