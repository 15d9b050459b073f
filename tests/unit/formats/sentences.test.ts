import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetMap, sentenceRanges, tokenize } from '@mbw/shared';
import { HARD_TEXT } from './fixtures.js';

/** The same rule over a whole-text segmentation, as a reference. */
function reference(text: string): number[] {
  const tokens = tokenize(text);
  const map = new OffsetMap(text);
  const starts: number[] = [];
  for (const seg of new Intl.Segmenter('de', { granularity: 'sentence' }).segment(text)) {
    const s = map.toCodePoint(seg.index);
    const e = map.toCodePoint(seg.index + seg.segment.length);
    const t = tokens.findIndex((tok) => tok.start >= s && tok.start < e);
    if (t >= 0 && !starts.includes(t)) starts.push(t);
  }
  return starts;
}

describe('sentenceRanges', () => {
  it('splits German news text into sentences that start at a token and tile the text', () => {
    const tokens = tokenize(HARD_TEXT);
    const sents = sentenceRanges(HARD_TEXT, tokens);
    const map = new OffsetMap(HARD_TEXT);
    expect(sents.map((s) => map.slice(s.start, s.end))).toEqual([
      '„Die Regierung hat versagt“, sagte ein Sprecher laut Brüsseler Quellen 👍🏽.\n\n',
      'Der Café-Besitzer ‚glaubt‘ an 🇩🇪 und q\u0307-Werte.\t',
      'Ende',
    ]);
    expect(sents.map((s) => [s.firstToken, s.endToken])).toEqual([
      [0, 15],
      [15, 29],
      [29, 30],
    ]);
  });

  it('agrees with whole-text segmentation and covers every token once, for any text (property)', () => {
    const unit = fc.constantFrom('a', 'Wort', ' ', '.', '!', '?', '\n', '\n\n', '„', '“', 'Dr.', '3.', '\u2029', '👍🏽', ')', '"', 'é');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        const tokens = tokenize(text);
        const sents = sentenceRanges(text, tokens);
        expect(sents.map((s) => s.firstToken)).toEqual(reference(text).length ? [0, ...reference(text).filter((t) => t > 0)] : []);
        let next = 0;
        for (const s of sents) {
          expect(s.firstToken).toBe(next);
          expect(s.start).toBe(tokens[s.firstToken]!.start);
          next = s.endToken;
        }
        expect(next).toBe(tokens.length);
        sents.slice(1).forEach((s, i) => expect(s.start).toBe(sents[i]!.end));
      }),
      { numRuns: 300 },
    );
  });
});
