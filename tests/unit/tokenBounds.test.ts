/**
 * Issue 13: `tokenBounds()` (a fast path for plain Latin text, cached) gives
 * exactly the tokens of `tokenize()` (Intl.Segmenter), on generated texts
 * made of the characters where the two could differ.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedTokens, computeTokenBounds, tokenBounds } from '../../shared/src/tokenBounds.js';
import { tokenize } from '../../shared/src/tokens.js';

const reference = (text: string, locale = 'de') => tokenize(text, locale).flatMap((t) => [t.start, t.end]);

const PIECES = [
  'Wort', 'Straße', 'ÄÖÜäöü', 'x', '3', '2024', '3,5', '1.000', 'z.B.', 'E-Mail', "don't", 'U.S.', 'a_b', '_', 'ab12cd', '12ab',
  '.', ',', ';', ':', '!', '?', '"', "'", '(', ')', '[', ']', '-', '–', '—', '„', '“', '”', '‚', '‘', '’', '…', '«', '»', '€', '§', '°', '%', '&', '/', '@', '#', '·', 'µ', 'ª', '½', '×',
  ' ', ' ', '  ', '\n', '\n\n', '\t',
];
const ODD = ['\u00ad', '\u00a0', '\u200b', '\u200d', '\u0301', '😀', '👍🏽', '日本語', 'ภาษาไทย', 'Łódź', 'שָׁלוֹם', '\r\n', '\u2009', 'ｶﾀｶﾅ', '🇩🇪'];

const textOf = (alphabet: string[]) => fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((xs) => xs.join(''));

describe('tokenBounds equals tokenize', () => {
  it('on plain Latin text with every kind of punctuation around and inside words (the fast path)', () => {
    fc.assert(fc.property(textOf(PIECES), (text) => {
      expect([...computeTokenBounds(text)]).toEqual(reference(text));
    }), { numRuns: 3000 });
  });

  it('on every string of up to three letters, digits and punctuation marks (which marks join two letters or two digits)', () => {
    const alphabet = ['a', 'ß', '1', ...PIECES.filter((p) => p.length === 1 && /[^\p{L}\p{N}\s]/u.test(p))];
    let checked = 0;
    for (const x of alphabet)
      for (const y of ['', ...alphabet])
        for (const z of y ? ['', ...alphabet] : ['']) {
          const text = x + y + z;
          if ([...computeTokenBounds(text)].join() !== reference(text).join()) expect([...computeTokenBounds(text)], JSON.stringify(text)).toEqual(reference(text));
          checked++;
        }
    expect(checked).toBeGreaterThan(40_000);
  });

  it('on text with other characters too (combining marks, format characters, emoji, other scripts)', () => {
    fc.assert(fc.property(textOf([...PIECES, ...ODD]), (text) => {
      expect([...computeTokenBounds(text)]).toEqual(reference(text));
    }), { numRuns: 1000 });
  });

  it('in other locales, on long texts (tokenize segments them in pieces), and from the cache', () => {
    const long = Array.from({ length: 3000 }, (_, i) => PIECES[(i * 7) % PIECES.length]).join('');
    expect([...computeTokenBounds(long)]).toEqual(reference(long));
    expect([...computeTokenBounds('Il a dit: « c’est l’été ».', 'fr')]).toEqual(reference('Il a dit: « c’est l’été ».', 'fr'));
    expect([...computeTokenBounds('Die Wahl, sagte er.', 'en')]).toEqual(reference('Die Wahl, sagte er.', 'en'));
    expect(tokenBounds(long)).toBe(tokenBounds(long));
    expect([...tokenBounds(long)]).toEqual(reference(long));
  });

  it('gives exports the same tokens, texts included, from the cached bounds (cachedTokens)', () => {
    fc.assert(fc.property(textOf([...PIECES, ...ODD]), (text) => {
      expect(cachedTokens(text)).toEqual(tokenize(text));
    }), { numRuns: 1000 });
  });
});
