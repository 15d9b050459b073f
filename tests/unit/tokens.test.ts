import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sliceCodePoints, tokenize } from '@mbw/shared';

describe('tokenize', () => {
  it('splits German news text into words and punctuation, with code-point offsets', () => {
    const text = '„Wir rechnen mit 30 Ländern“, sagte er 👍🏽 – so die US-Regierung.';
    expect(tokenize(text).map((t) => t.text)).toEqual([
      '„', 'Wir', 'rechnen', 'mit', '30', 'Ländern', '“', ',', 'sagte', 'er', '👍🏽', '–', 'so', 'die', 'US', '-', 'Regierung', '.',
    ]);
    const emoji = tokenize(text).find((t) => t.text === '👍🏽')!;
    expect([emoji.start, emoji.end]).toEqual([39, 41]); // two code points, four UTF-16 units
  });

  it('gives ordered, non-overlapping tokens whose offsets select their text, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const tokens = tokenize(text);
        let last = 0;
        for (const t of tokens) {
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(t.end).toBeGreaterThan(t.start);
          expect(sliceCodePoints(text, t.start, t.end)).toBe(t.text);
          expect(t.text.trim()).toBe(t.text);
          last = t.end;
        }
      }),
    );
  });
});

describe('tokenize on long texts', () => {
  it('gives the same tokens as segmenting the text in one piece', () => {
    const words = ['Die', 'Regierung', '„heikle“', 'Angelegenheit,', 'sagte', 'er', '👍🏽', 'US-Präsident', 'Café', '30.000'];
    const text = Array.from({ length: 3000 }, (_, i) => words[(i * 7) % words.length] + (i % 13 === 0 ? '\n' : ' ')).join('');
    const seg = new Intl.Segmenter('de', { granularity: 'word' });
    const whole = [...seg.segment(text)].filter((s) => s.segment.trim()).map((s) => s.segment);
    expect(tokenize(text).map((t) => t.text)).toEqual(whole);
    for (const t of tokenize(text)) expect(sliceCodePoints(text, t.start, t.end)).toBe(t.text);
  });
});

describe('tokenize and no-break spaces', () => {
  it('keeps a narrow no-break space the segmenter glues to a word out of the token (found by the property above)', () => {
    expect(tokenize('\u202f\ua000')).toEqual([{ start: 1, end: 2, text: '\ua000' }]);
  });
});
