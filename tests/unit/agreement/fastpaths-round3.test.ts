/**
 * Fast paths of issue 13's fifth pass: the report keeps an input span object
 * as its own when its values need no change (inside the text, id a string or
 * absent) instead of copying every span, and the attribute keys found on
 * spans are read without an array per span. Each is held to the path it
 * replaces: copied spans (numeric ids force the copy) and Object.keys().
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeKeys } from '../../../shared/src/agreement/attributes.js';
import { matchArticle } from '../../../shared/src/agreement/matching.js';
import { agreementReport, type AgreementInput } from '../../../shared/src/agreement/report.js';

const TEXT = 'Die Regierung berichtet laut Diplomaten über eine mögliche Mission, sagte ein Sprecher am Abend.';

describe('the report keeps input spans that need no copy', () => {
  it('gives the report of the same spans copied (numeric ids), clipped, empty, duplicate and unknown ones included', () => {
    const span = fc.record({
      annotator: fc.constantFrom('a', 'b', 'c'),
      label: fc.constantFrom('p', 'q', 'nope'),
      start: fc.oneof(fc.integer({ min: -4, max: 90 }), fc.constantFrom(-0, 2.5)),
      len: fc.integer({ min: -1, max: 30 }),
      polarity: fc.constantFrom<unknown>('neg', 'pos', undefined, 1),
    });
    const article = fc.record({
      spans: fc.array(span, { maxLength: 14 }),
      links: fc.array(fc.record({ from: fc.nat(13), to: fc.nat(13) }), { maxLength: 5 }),
      who: fc.constantFrom(['a', 'b', 'c'], ['a', 'b'], []),
      dup: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 4 }), (arts) => {
        const input = (numeric: boolean): AgreementInput => ({
          labels: ['p', 'q'],
          attributeKeys: { p: ['polarity'] },
          articles: arts.map((x, i) => {
            const spans = x.spans.map((s, k) => ({
              id: numeric ? k : String(k),
              start: s.start,
              end: s.start + s.len,
              label: s.label,
              annotator: s.annotator,
              attributes: s.polarity === undefined ? {} : { polarity: s.polarity },
            }));
            // the same object twice in one article (a caller may pass that)
            if (x.dup && spans.length) spans.push(spans[0]!);
            return { id: i + 1, text: TEXT, annotators: [...x.who], spans, relations: x.links.map((l) => ({ from: numeric ? l.from : String(l.from), to: String(l.to), type: 't' })) };
          }),
        });
        const options = { bootstrap: { iterations: 20 } };
        expect(JSON.stringify(agreementReport(input(false), options))).toBe(JSON.stringify(agreementReport(input(true), options)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('attribute keys found on spans', () => {
  it('are the own enumerable keys Object.keys() gives, never inherited ones', () => {
    const attrs = fc.record(
      {
        own: fc.dictionary(fc.constantFrom('k', 'j', '__proto__', '2', 'x y'), fc.constantFrom<unknown>('v', 1, null)),
        inherited: fc.dictionary(fc.constantFrom('k', 'h'), fc.constant('w')),
        hidden: fc.boolean(),
      },
      { requiredKeys: ['own', 'inherited', 'hidden'] },
    );
    const span = fc.record({ label: fc.constantFrom('p', 'q'), start: fc.nat(20), attrs: fc.option(attrs) });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 10 }), (list) => {
        const spans = list.map((s, i) => {
          let attributes: Record<string, unknown> | undefined;
          if (s.attrs) {
            attributes = Object.assign(Object.create(s.attrs.inherited) as Record<string, unknown>, s.attrs.own);
            if (s.attrs.hidden) Object.defineProperty(attributes, 'z', { value: 'n', enumerable: false });
          }
          return { annotator: i % 2 ? 'a' : 'b', label: s.label, start: s.start, end: s.start + 3, attributes };
        });
        const reference = (['p', 'q'] as const).flatMap((l) => {
          const found = [...new Set(spans.filter((s) => s.label === l && s.attributes).flatMap((s) => Object.keys(s.attributes!)))].filter((k) => k !== 'k').sort();
          return ['k', ...found].map((k) => [l, k]);
        });
        expect(attributeKeys(['p', 'q'], { p: ['k'], q: ['k'] }, [matchArticle('1', ['a', 'b'], spans)])).toEqual(reference);
      }),
      { numRuns: 500 },
    );
  });
});
