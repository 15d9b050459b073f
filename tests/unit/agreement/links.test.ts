import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementReport, linkAgreement, linkScores, matchArticle, type AgreementSpanInput, type LinkInput, type MatchSpan } from '../../../shared/src/index.js';

const TEXT = 'x'.repeat(60);
const sp = (id: string, annotator: string, label: string, start: number, end: number): AgreementSpanInput => ({ id, annotator, label, start, end });

/*
 * Three annotators; an attribution and the statements it attributes.
 *
 *   A: a1 attr [0,5)  a2 stmt [10,20)  a3 stmt [30,40)   links a1→a2 attributes, a1→a3 attributes
 *   B: b1 attr [0,5)  b2 stmt [10,20)  b3 stmt [30,38)   links b1→b2 attributes, b1→b3 attributes
 *   C: c1 attr [0,5)  c2 stmt [10,20)                    link  c1→c2 supports (another type)
 *
 * Exact matching: units U = {a1,b1,c1}, V = {a2,b2,c2}, {a3}, {b3}.
 *   A = {(U,V,attributes), (U,a3,attributes)}, B = {(U,V,attributes), (U,b3,attributes)}, C = {(U,V,supports)}
 *   A×B: tp 1, fp 1, fn 1 → P = R = F1 = 0.5
 *   A×C: tp 0, fp 2, fn 1 → P 0, R 0, F1 0
 *   B×C: tp 0, fp 2, fn 1 → F1 0
 *   pooled: tp 1, fp 5, fn 3 → F1 = 2·1/(2·1 + 5 + 3) = 0.2
 * Overlap matching: a3 [30,40) and b3 [30,38) overlap, one unit W; A = B = {(U,V,attributes), (U,W,attributes)}
 *   A×B: tp 2, fp 0, fn 0 → F1 1;  A×C and B×C as before
 *   pooled: tp 2, fp 4, fn 2 → F1 = 4/(4 + 6) = 0.4
 */
const spans = [
  sp('a1', 'A', 'attr', 0, 5), sp('a2', 'A', 'stmt', 10, 20), sp('a3', 'A', 'stmt', 30, 40),
  sp('b1', 'B', 'attr', 0, 5), sp('b2', 'B', 'stmt', 10, 20), sp('b3', 'B', 'stmt', 30, 38),
  sp('c1', 'C', 'attr', 0, 5), sp('c2', 'C', 'stmt', 10, 20),
];
const relations: LinkInput[] = [
  { from: 'a1', to: 'a2', type: 'attributes' }, { from: 'a1', to: 'a3', type: 'attributes' },
  { from: 'b1', to: 'b2', type: 'attributes' }, { from: 'b1', to: 'b3', type: 'attributes' },
  { from: 'c1', to: 'c2', type: 'supports' },
];
const report = (rels: LinkInput[], options = {}) =>
  agreementReport({ labels: ['attr', 'stmt'], articles: [{ id: 'n1', text: TEXT, annotators: ['A', 'B', 'C'], spans, relations: rels }] }, { bootstrap: { iterations: 0 }, ...options });

describe('link F1 between matched spans (shared/src/agreement/links.ts)', () => {
  it('equals the hand computation per pair and pooled, exact and overlap', () => {
    const { links } = report(relations);
    expect(links.types).toEqual(['attributes', 'supports']);
    const pair = (mode: 'exact' | 'overlap', a: string, b: string) => links[mode].pairs.find((p) => p.a === a && p.b === b)!;
    expect(pair('exact', 'A', 'B')).toEqual({ a: 'A', b: 'B', articles: 1, tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(pair('exact', 'A', 'C')).toMatchObject({ tp: 0, fp: 2, fn: 1, precision: 0, recall: 0, f1: 0 });
    expect(pair('exact', 'B', 'C')).toMatchObject({ tp: 0, fp: 2, fn: 1, f1: 0 });
    expect(links.exact.pooled).toEqual({ tp: 1, fp: 5, fn: 3, precision: 1 / 6, recall: 0.25, f1: 0.2 });
    expect(pair('overlap', 'A', 'B')).toMatchObject({ tp: 2, fp: 0, fn: 0, f1: 1 });
    expect(links.overlap.pooled).toMatchObject({ tp: 2, fp: 4, fn: 2, f1: 0.4 });
    // 5 links compared, 8 spans are their endpoints, on one article, by three annotators.
    expect(links.exact.counts).toEqual({ articles: 1, annotators: 3, units: 5, spans: 8 });
    expect(links.exact.byArticle).toEqual([{ id: 'n1', tp: 1, fp: 5, fn: 3 }]);
  });

  it('leaves out links to spans that do not count, and says why nothing could be compared', () => {
    // With only A and B counted, C's link is not compared; with label "attr" only, no link has both ends counted.
    const ab = report(relations, { annotators: ['A', 'B'] }).links;
    expect(ab.exact.pooled).toMatchObject({ tp: 1, fp: 1, fn: 1, f1: 0.5 });
    const attrOnly = report(relations, { labels: ['attr'] }).links.exact;
    expect(attrOnly.pooled).toEqual({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null });
    expect(attrOnly.reason).toBe('no links on articles with two annotators');
    // Unknown ids and links across two annotators' spans are ignored.
    const odd = report([{ from: 'a1', to: 'zz', type: 'attributes' }, { from: 'a1', to: 'b2', type: 'attributes' }]).links.exact;
    expect(odd.counts.units).toBe(0);
    // Only one side drew links: F1 0 (the other missed them all), precision undefined for the side that drew none.
    expect(report([relations[0]!]).links.exact.pairs.find((p) => p.a === 'A' && p.b === 'B')).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0, recall: null, f1: 0 });
  });

  it('scores counts as the module says', () => {
    expect(linkScores(0, 0, 0)).toEqual({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null });
    expect(linkScores(3, 1, 2)).toEqual({ tp: 3, fp: 1, fn: 2, precision: 0.75, recall: 0.6, f1: 6 / 9 });
  });

  it('gives the same pooled F1 whichever annotator comes first (property)', () => {
    const arb = fc.array(
      fc.record({ who: fc.integer({ min: 0, max: 2 }), start: fc.integer({ min: 0, max: 20 }), len: fc.integer({ min: 1, max: 6 }), label: fc.constantFrom('p', 'q') }),
      { maxLength: 14 },
    );
    const linkPicks = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('t', 'u')), { maxLength: 12 });
    fc.assert(
      fc.property(arb, linkPicks, fc.constantFrom(['c', 'b', 'a'], ['m', 'z', 'a']), (list, picks, names) => {
        const build = (who: readonly string[]) => {
          const spans: MatchSpan[] = list.map((s, i) => ({ id: `s${i}`, annotator: who[s.who]!, label: s.label, start: s.start, end: s.start + s.len }));
          const links: LinkInput[] = list.length ? picks.map(([f, t, type]) => ({ from: `s${f % list.length}`, to: `s${t % list.length}`, type })) : [];
          return linkAgreement([matchArticle('1', [...who].sort(), spans)], [links]);
        };
        const before = build(['a', 'b', 'c']);
        const after = build(names);
        for (const mode of ['exact', 'overlap'] as const) {
          expect(after[mode].pooled.f1).toBe(before[mode].pooled.f1);
          expect(after[mode].pooled.tp).toBe(before[mode].pooled.tp);
          expect(after[mode].pooled.fp + after[mode].pooled.fn).toBe(before[mode].pooled.fp + before[mode].pooled.fn);
        }
      }),
    );
  });
});
