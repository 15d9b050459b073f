import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreementReport,
  attributeAgreement,
  krippendorffAlpha,
  matchArticle,
  matchSpans,
  type AgreementSpanInput,
  type MatchSpan,
} from '../../../shared/src/index.js';

const TEXT = 'x'.repeat(100);
const claim = (annotator: string, start: number, end: number, checkable?: string): AgreementSpanInput => ({
  annotator,
  label: 'claim',
  start,
  end,
  attributes: checkable === undefined ? {} : { checkable },
});

/*
 * Three annotators, one article, label "claim", attribute "checkable".
 *
 *   unit  boundaries   A    B    C
 *   U1    [0,10)       yes  yes  yes
 *   U2    [20,30)      yes  no   .      (C's span has no value: missing data)
 *   U3    [40,50)      no   no   (C: [42,50) no — a unit of its own under exact matching, joins U3 under overlap)
 *   U4    [60,70)      no   yes  no
 *
 * Exact matching, coincidences (each unit adds 1/(m_u − 1) per ordered pair of values from two coders):
 *   U1 m=3: o_yy += 3·2/2 = 3
 *   U2 m=2: o_yn += 1, o_ny += 1
 *   U3 m=2: o_nn += 2·1/1 = 2
 *   U4 m=3 (n,y,n): o_nn += 2·1/2 = 1, o_ny += 2·1/2 = 1, o_yn += 1
 *   o = [[yy 3, yn 2], [ny 2, nn 3]], n_y = 5, n_n = 5, n = 10
 *   α = 1 − (n − 1)·(o_yn + o_ny) / (n_y·n_n + n_n·n_y) = 1 − 9·4/50 = 0.28
 * Overlap matching: U3 holds A, B and C, all "no": o_nn += 3·2/2 = 3 instead of 2
 *   o = [[3, 2], [2, 4]], n_y = 5, n_n = 6, n = 11
 *   α = 1 − 10·4/(2·5·6) = 1 − 40/60 = 1/3
 */
const spans: AgreementSpanInput[] = [
  claim('A', 0, 10, 'yes'), claim('B', 0, 10, 'yes'), claim('C', 0, 10, 'yes'),
  claim('A', 20, 30, 'yes'), claim('B', 20, 30, 'no'), claim('C', 20, 30),
  claim('A', 40, 50, 'no'), claim('B', 40, 50, 'no'), claim('C', 42, 50, 'no'),
  claim('A', 60, 70, 'no'), claim('B', 60, 70, 'yes'), claim('C', 60, 70, 'no'),
];
const report = (s: AgreementSpanInput[], attributeKeys: Record<string, string[]> = { claim: ['checkable'] }) =>
  agreementReport({ labels: ['claim'], attributeKeys, articles: [{ id: 1, text: TEXT, annotators: ['A', 'B', 'C'], spans: s }] }, { bootstrap: { iterations: 0 } });

describe('attribute alpha on matched spans (shared/src/agreement/attributes.ts)', () => {
  it('equals the hand computation, exact and overlap, with a missing value', () => {
    const [f] = report(spans).attributes;
    expect(f).toMatchObject({ label: 'claim', attribute: 'checkable' });
    expect(f!.exact.value).toBeCloseTo(0.28, 12);
    expect(f!.exact.counts).toEqual({ articles: 1, annotators: 3, units: 4, spans: 10 });
    expect(f!.exact).toMatchObject({ matched: 4, missing: 1, values: [{ value: 'no', count: 5 }, { value: 'yes', count: 5 }] });
    expect(f!.exact.byArticle).toEqual([{ id: '1', units: 4, differing: 2 }]);
    expect(f!.overlap.value).toBeCloseTo(1 / 3, 12);
    expect(f!.overlap.counts).toEqual({ articles: 1, annotators: 3, units: 4, spans: 11 });
    // The same as the library on the value table written out by hand (null = missing).
    const exactTable = [
      ['yes', 'yes', 'no', 'no'],
      ['yes', 'no', 'no', 'yes'],
      ['yes', null, null, 'no'],
    ];
    expect(f!.exact.value).toBe(krippendorffAlpha(exactTable));
  });

  it('gives 1 when annotators always agree on two or more values, and null with a reason when one value is all there is', () => {
    const agreeing = [claim('A', 0, 10, 'yes'), claim('B', 0, 10, 'yes'), claim('A', 20, 30, 'no'), claim('B', 20, 30, 'no')];
    // o = [[2, 0], [0, 2]]: D_o = 0 and D_e > 0, so α = 1 exactly.
    expect(report(agreeing).attributes[0]!.exact.value).toBe(1);
    // Only "yes" occurs: D_e = 0, α = 0/0 is undefined by design (agreement cannot be told from chance).
    const single = [claim('A', 0, 10, 'yes'), claim('B', 0, 10, 'yes'), claim('A', 20, 30, 'yes'), claim('B', 20, 30, 'yes')];
    const f = report(single).attributes[0]!.exact;
    expect(f.value).toBeNull();
    expect(f.reason).toBe('no variation: every value is "yes"');
    expect(f.counts.units).toBe(2);
  });

  it('says why when nothing can be compared, and measures attributes of the scheme and those found on spans', () => {
    // A declared attribute nobody set; an undeclared one found on a span.
    const r = report([claim('A', 0, 10, 'yes'), { ...claim('B', 0, 10), attributes: { source: 'x' } }], { claim: ['checkable', 'strength'] });
    expect(r.attributes.map((a) => a.attribute)).toEqual(['checkable', 'strength', 'source']);
    expect(r.attributes[0]!.exact).toMatchObject({ value: null, reason: 'no matched span has a value from two annotators', matched: 1, missing: 1 });
    const none = report([claim('A', 0, 10, 'yes'), claim('B', 50, 60, 'no')]).attributes[0]!.overlap;
    expect(none).toMatchObject({ value: null, reason: 'no claim span is matched across annotators (overlap matching)', matched: 0 });
  });

  it('counts only the annotators and labels the filters keep', () => {
    const r = agreementReport(
      { labels: ['claim'], attributeKeys: { claim: ['checkable'] }, articles: [{ id: 1, text: TEXT, annotators: ['A', 'B', 'C'], spans }] },
      { annotators: ['A', 'B'], bootstrap: { iterations: 0 } },
    );
    // A and B only: U1 y,y  U2 y,n  U3 n,n  U4 n,y → o_yy 2, o_yn 2, o_ny 2, o_nn 2; n_y = n_n = 4, n = 8
    // α = 1 − 7·4/(2·4·4) = 1 − 28/32 = 0.125
    expect(r.attributes[0]!.exact.value).toBeCloseTo(0.125, 12);
    expect(r.attributes[0]!.exact.counts.annotators).toBe(2);
    expect(agreementReport({ labels: ['claim', 'other'], articles: [] }, { labels: ['other'] }).attributes).toEqual([]);
  });
});

const ms = (annotator: string, start: number, end: number, label = 'l'): MatchSpan => ({ annotator, label, start, end });

describe('matching spans across annotators (shared/src/agreement/matching.ts)', () => {
  it('never puts two spans of one annotator into a unit', () => {
    // A [0,10) and A [5,15) both overlap B [0,15) with Jaccard 10/15; the tie goes to the earlier, shorter pair.
    expect(matchSpans([ms('A', 0, 10), ms('A', 5, 15), ms('B', 0, 15)], 'overlap')).toEqual([[0, 2], [1]]);
    // B [2,10) overlaps A [0,10) more (Jaccard 8/10) than B [0,4) does (4/10).
    expect(matchSpans([ms('A', 0, 10), ms('B', 0, 4), ms('B', 2, 10)], 'overlap')).toEqual([[0, 2], [1]]);
    // A duplicate of one annotator (same label and boundaries twice) stays out of the exact unit.
    expect(matchSpans([ms('A', 0, 10), ms('A', 0, 10), ms('B', 0, 10)], 'exact')).toEqual([[0, 2], [1]]);
  });

  it('keeps every span of a unit overlapping every other, and labels apart', () => {
    // A–B overlap, B–C overlap, A–C do not: A and B (Jaccard 2/20) join first, C cannot join them.
    expect(matchSpans([ms('A', 0, 10), ms('B', 8, 20), ms('C', 18, 30)], 'overlap')).toEqual([[0, 1], [2]]);
    expect(matchSpans([ms('A', 0, 10), ms('B', 0, 10, 'm')], 'overlap')).toEqual([[0], [1]]);
    expect(matchSpans([ms('A', 0, 10), ms('B', 0, 9)], 'exact')).toEqual([[0], [1]]);
  });

  it('puts each span in exactly one unit of distinct annotators and one label (property)', () => {
    const span = fc.record({ annotator: fc.constantFrom('A', 'B', 'C'), label: fc.constantFrom('l', 'm'), start: fc.integer({ min: 0, max: 30 }), len: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 25 }), fc.constantFrom('exact' as const, 'overlap' as const), (list, mode) => {
        const spans = list.map((s) => ms(s.annotator, s.start, s.start + s.len, s.label));
        const units = matchSpans(spans, mode);
        expect(units.flat().sort((x, y) => x - y)).toEqual(spans.map((_, i) => i));
        for (const u of units) {
          expect(new Set(u.map((i) => spans[i]!.annotator)).size).toBe(u.length);
          expect(new Set(u.map((i) => spans[i]!.label)).size).toBe(1);
        }
      }),
    );
  });
});

describe('attribute alpha is invariant under renaming (property)', () => {
  const span = fc.record({
    annotator: fc.integer({ min: 0, max: 2 }),
    start: fc.integer({ min: 0, max: 40 }),
    len: fc.integer({ min: 1, max: 10 }),
    value: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  });
  it('gives the same alpha and counts when annotators and values get other names', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 30 }), fc.constantFrom(['zoe', 'amy', 'max'], ['b', 'c', 'a']), fc.constantFrom(['p', 'q', 'r'], ['r', 'p', 'q']), (list, who, vals) => {
        const build = (names: readonly string[], values: readonly string[]) => {
          const spans: MatchSpan[] = list.map((s) => ({
            ...ms(names[s.annotator]!, s.start, s.start + s.len),
            attributes: s.value === null ? {} : { k: values[s.value]! },
          }));
          return attributeAgreement([matchArticle('1', [...names].sort(), spans)], ['l'], { l: ['k'] })[0]!;
        };
        const before = build(['A', 'B', 'C'], ['x', 'y', 'z']);
        const after = build(who, vals);
        for (const mode of ['exact', 'overlap'] as const) {
          expect(after[mode].counts).toEqual(before[mode].counts);
          if (before[mode].value === null) expect(after[mode].value).toBeNull();
          else expect(after[mode].value!).toBeCloseTo(before[mode].value!, 12);
        }
      }),
    );
  });
});
