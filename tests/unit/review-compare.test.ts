import { describe, expect, it } from 'vitest';
import { compareLanes, segments } from '../../client/src/features/review/compare.js';

const span = (id: string, annotator: string, label: string, start: number, end: number) => ({ id, annotator, label, start, end });

describe('side-by-side comparison (client/src/features/review/compare.ts)', () => {
  it('flags a span matched exactly by every other lane as agreed, other boundaries as boundary, and a gap as missing', () => {
    const spans = [
      span('a1', 'anna', 'attribution', 0, 10),
      span('b1', 'ben', 'attribution', 0, 10),
      span('c1', 'carla', 'attribution', 0, 10),
      span('a2', 'anna', 'evaluative', 20, 30),
      span('b2', 'ben', 'evaluative', 22, 30),
      span('c2', 'carla', 'evaluative', 20, 30),
      span('a3', 'anna', 'unsupported_claim', 40, 60),
      span('c3', 'carla', 'evaluative', 40, 60), // same place, other label: not a match
    ];
    const cmp = compareLanes(spans, ['anna', 'ben', 'carla']);
    expect(['a1', 'b1', 'c1'].map((id) => cmp.get(id)!.status)).toEqual(['agreed', 'agreed', 'agreed']);
    expect(cmp.get('a2')!.status).toBe('boundary');
    expect(cmp.get('a2')!.others).toEqual([
      { annotator: 'ben', match: 'other' },
      { annotator: 'carla', match: 'same' },
    ]);
    expect(cmp.get('b2')!.status).toBe('boundary');
    expect(cmp.get('a3')!.status).toBe('missing');
    expect(cmp.get('c3')!.status).toBe('missing');
  });

  it('compares only the lanes shown (a pair), and leaves out spans of other lanes', () => {
    const spans = [span('a', 'anna', 'x', 0, 5), span('b', 'ben', 'x', 0, 5), span('c', 'carla', 'x', 9, 12)];
    const cmp = compareLanes(spans, ['anna', 'ben']);
    expect(cmp.get('a')!.status).toBe('agreed');
    expect(cmp.has('c')).toBe(false);
  });

  it('cuts a paragraph at every boundary, covering spans shortest first, nested and overlapping', () => {
    expect(segments(10, [])).toEqual([{ from: 0, to: 10, ids: [] }]);
    expect(
      segments(12, [
        { id: 'long', from: 0, to: 10 },
        { id: 'short', from: 2, to: 4 },
        { id: 'cross', from: 8, to: 12 },
      ]),
    ).toEqual([
      { from: 0, to: 2, ids: ['long'] },
      { from: 2, to: 4, ids: ['short', 'long'] },
      { from: 4, to: 8, ids: ['long'] },
      { from: 8, to: 10, ids: ['cross', 'long'] },
      { from: 10, to: 12, ids: ['cross'] },
    ]);
  });
});
