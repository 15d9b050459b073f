import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, normalizeText, OffsetMap, parseTxtArticle, shortTitle, sliceCodePoints } from '@mbw/shared';

// Independent reference implementations: what Python's str indexes.
const cps = (s: string) => Array.from(s);
const refSlice = (s: string, start: number, end: number) => cps(s).slice(start, end).join('');
/** UTF-16 offset of every code-point boundary 0..n. */
const boundaries = (s: string) => {
  const out = [0];
  for (const c of cps(s)) out.push(out[out.length - 1]! + c.length);
  return out;
};

const THUMB = '👍🏽'; // U+1F44D U+1F3FD: 2 code points, 4 UTF-16 units
const FLAG = '🇩🇪'; // U+1F1E9 U+1F1EA: 2 code points, 4 UTF-16 units
const E_ACUTE_NFD = 'e\u0301';

// Strings that mix everything the offset code must get right, including lone surrogates.
const tricky = fc.constantFrom(
  'a',
  'ß',
  ' ',
  '\n',
  '\r',
  '\r\n',
  '\uFEFF',
  'e',
  '\u0301',
  '\u0308',
  'A\u030A',
  '\u1100',
  '\u1161',
  '„',
  '“',
  '‚',
  '‘',
  '😀',
  THUMB,
  FLAG,
  '👩‍👩‍👧',
  '\uD83D',
  '\uDE00',
  '\u{10FFFF}',
);
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: tricky, maxLength: 40 }),
);
const RUNS = { numRuns: 300 };

describe('codePointLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['Brüssel', 7],
    [THUMB, 2],
    [FLAG, 2],
    [E_ACUTE_NFD, 2],
    ['é', 1],
    ['„Koalition der Willigen“', 24],
    ['‚x‘', 3],
    ['👩‍👩‍👧', 5],
    ['\uD83D', 1], // a lone surrogate counts once, like Array.from
    ['\uDE00\uD83D', 2], // low then high: not a pair
  ])('%j has %i code points', (s, n) => {
    expect(codePointLength(s)).toBe(n);
    expect(new OffsetMap(s).codePointLength).toBe(n);
  });

  it('equals Array.from(text).length for any string', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(codePointLength(s)).toBe(cps(s).length);
        const m = new OffsetMap(s);
        expect(m.codePointLength).toBe(cps(s).length);
        expect(m.utf16Length).toBe(s.length);
      }),
      RUNS,
    );
  });
});

describe('OffsetMap examples', () => {
  const text = `a${THUMB}b${FLAG}„é“`;
  // code points: a 👍 🏽 b 🇩 🇪 „ é “   (9)
  // utf16:       0 1  3  5 6  8  10 11 12 (13)
  const m = new OffsetMap(text);

  it('knows both lengths', () => {
    expect(m.codePointLength).toBe(9);
    expect(m.utf16Length).toBe(13);
  });

  it('converts code points to UTF-16', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => m.toUtf16(c))).toEqual([0, 1, 3, 5, 6, 8, 10, 11, 12, 13]);
  });

  it('converts UTF-16 to code points, rounding an offset inside a surrogate pair down', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((u) => m.toCodePoint(u))).toEqual([0, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 7, 8, 9]);
  });

  it('slices by code points', () => {
    expect(m.slice(1, 3)).toBe(THUMB);
    expect(m.slice(1, 2)).toBe('👍');
    expect(m.slice(4, 6)).toBe(FLAG);
    expect(m.slice(6, 9)).toBe('„é“');
    expect(m.slice(0, 9)).toBe(text);
    expect(m.slice(3, 3)).toBe('');
    expect(sliceCodePoints(text, 3, 7)).toBe(`b${FLAG}„`);
  });

  it('treats a text without astral characters as identity', () => {
    const plain = 'Laut „Bloomberg“ sagte er: ‚gut‘.';
    const pm = new OffsetMap(plain);
    for (let i = 0; i <= plain.length; i++) {
      expect(pm.toUtf16(i)).toBe(i);
      expect(pm.toCodePoint(i)).toBe(i);
    }
  });

  it('counts a combining mark as its own code point', () => {
    const s = `Caf${E_ACUTE_NFD}!`;
    const sm = new OffsetMap(s);
    expect(sm.codePointLength).toBe(6);
    expect(sm.slice(3, 4)).toBe('e');
    expect(sm.slice(4, 5)).toBe('\u0301');
    expect(sm.slice(5, 6)).toBe('!');
  });

  it('handles an empty text', () => {
    const e = new OffsetMap('');
    expect(e.codePointLength).toBe(0);
    expect(e.toUtf16(0)).toBe(0);
    expect(e.toCodePoint(0)).toBe(0);
    expect(e.slice(0, 0)).toBe('');
  });

  it('keeps working across many astral characters (binary search)', () => {
    const s = Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? '😀' : i % 3 === 1 ? 'x' : FLAG)).join('');
    const sm = new OffsetMap(s);
    const b = boundaries(s);
    expect(sm.codePointLength).toBe(b.length - 1);
    for (let c = 0; c < b.length; c++) {
      expect(sm.toUtf16(c)).toBe(b[c]);
      expect(sm.toCodePoint(b[c]!)).toBe(c);
    }
  });
});

describe('OffsetMap properties', () => {
  it('maps every code-point boundary to its UTF-16 offset and back', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const m = new OffsetMap(s);
        const b = boundaries(s);
        for (let c = 0; c < b.length; c++) {
          const u = b[c]!;
          expect(m.toUtf16(c)).toBe(u);
          expect(m.toCodePoint(u)).toBe(c);
          expect(m.toUtf16(m.toCodePoint(u))).toBe(u);
        }
      }),
      RUNS,
    );
  });

  it('rounds an offset inside a surrogate pair down to the pair', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const m = new OffsetMap(s);
        const b = boundaries(s);
        for (let c = 0; c + 1 < b.length; c++)
          if (b[c + 1]! - b[c]! === 2) {
            expect(m.toCodePoint(b[c]! + 1)).toBe(c);
            expect(m.toUtf16(m.toCodePoint(b[c]! + 1))).toBe(b[c]);
          }
      }),
      RUNS,
    );
  });

  it('slices exactly like Array.from(text).slice(start, end).join("")', () => {
    const withRange = anyText.chain((s) => {
      const n = cps(s).length;
      return fc.tuple(fc.constant(s), fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n }));
    });
    fc.assert(
      fc.property(withRange, ([s, x, y]) => {
        const [start, end] = x <= y ? [x, y] : [y, x];
        const expected = refSlice(s, start, end);
        expect(new OffsetMap(s).slice(start, end)).toBe(expected);
        expect(sliceCodePoints(s, start, end)).toBe(expected);
        expect(codePointLength(expected)).toBe(end - start);
      }),
      RUNS,
    );
  });

  it('is monotone: toCodePoint never decreases, toUtf16 strictly increases', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const m = new OffsetMap(s);
        let prev = -1;
        for (let u = 0; u <= s.length; u++) {
          const c = m.toCodePoint(u);
          expect(c).toBeGreaterThanOrEqual(prev);
          expect(c).toBeLessThanOrEqual(u);
          prev = c;
        }
        expect(prev).toBe(m.codePointLength);
        let prevU = -1;
        for (let c = 0; c <= m.codePointLength; c++) {
          const u = m.toUtf16(c);
          expect(u).toBeGreaterThan(prevU);
          prevU = u;
        }
        expect(prevU).toBe(s.length);
      }),
      RUNS,
    );
  });
});

describe('normalizeText', () => {
  it('composes to NFC', () => {
    expect(normalizeText(`Caf${E_ACUTE_NFD}`)).toBe('Café');
    expect(normalizeText('A\u030Angstr\u00F6m')).toBe('Ångström');
    expect(normalizeText('u\u0308ber')).toBe('über');
    expect(codePointLength(normalizeText(`Caf${E_ACUTE_NFD}`))).toBe(4);
  });

  it('turns \\r\\n and lone \\r into \\n', () => {
    expect(normalizeText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(normalizeText('\r\n\r\n')).toBe('\n\n');
    expect(normalizeText('\r\r\n')).toBe('\n\n');
    expect(normalizeText('\n\r')).toBe('\n\n');
  });

  it('strips a leading byte-order mark only', () => {
    expect(normalizeText('\uFEFFText')).toBe('Text');
    expect(normalizeText('Te\uFEFFxt')).toBe('Te\uFEFFxt');
  });

  it('leaves emoji, flags and German quotes alone', () => {
    const s = `„Koalition der Willigen“ ‚heikel‘ ${THUMB} ${FLAG}`;
    expect(normalizeText(s)).toBe(s);
  });

  it('is idempotent on a text that starts with two byte-order marks', () => {
    const once = normalizeText('\uFEFF\uFEFFText');
    expect(normalizeText(once)).toBe(once);
  });

  it('is idempotent for any string (including ones that start with byte-order marks)', () => {
    const bomPrefixed = fc.tuple(fc.constantFrom('', '\uFEFF', '\uFEFF\uFEFF'), anyText).map(([p, s]) => p + s);
    fc.assert(
      fc.property(bomPrefixed, (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('always yields NFC text without \\r', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = normalizeText(s);
        expect(out).not.toContain('\r');
        expect(out).toBe(out.normalize('NFC'));
      }),
      RUNS,
    );
  });

  it('joins lines with \\n whatever line ends they had', () => {
    // A leading "|" keeps an empty line ending in \r from fusing with the next line's \n into one \r\n.
    const line = fc
      .string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), tricky), maxLength: 12 })
      .map((l) => '|' + l.replace(/[\r\n]/g, ''));
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(fc.array(fc.tuple(line, eol), { maxLength: 8 }), line, (pairs, last) => {
        // Start with a letter so that a leading BOM (stripped on purpose) is not in play.
        const raw = 'x' + pairs.map(([l, e]) => l + e).join('') + last;
        const expected = ('x' + pairs.map(([l]) => l + '\n').join('') + last).normalize('NFC');
        expect(normalizeText(raw)).toBe(expected);
        expect(normalizeText(raw).split('\n')).toHaveLength(pairs.length + 1);
      }),
      RUNS,
    );
  });
});

describe('parseTxtArticle', () => {
  it('takes the first line as title when a blank line follows it', () => {
    expect(parseTxtArticle('Titel der Meldung\n\nErster Absatz.\nZweiter Absatz.\n')).toEqual({
      title: 'Titel der Meldung',
      text: 'Erster Absatz.\nZweiter Absatz.',
    });
  });

  it('accepts a blank line of spaces or tabs, several blank lines, and Windows line ends', () => {
    expect(parseTxtArticle('Titel\n \t \nText')).toEqual({ title: 'Titel', text: 'Text' });
    expect(parseTxtArticle('Titel\n\n\n\nText')).toEqual({ title: 'Titel', text: 'Text' });
    expect(parseTxtArticle('Titel\r\n\r\nText\r\nmehr')).toEqual({ title: 'Titel', text: 'Text\nmehr' });
    expect(parseTxtArticle('\uFEFFTitel\n\nText')).toEqual({ title: 'Titel', text: 'Text' });
  });

  it('has no title line when no blank line follows the first line', () => {
    const r = parseTxtArticle('Erster Satz des Artikels.\nZweiter Satz.');
    expect(r.text).toBe('Erster Satz des Artikels.\nZweiter Satz.');
    expect(r.title).toBe('Erster Satz des Artikels.');
    expect(parseTxtArticle('Erster Satz.\nZweiter Satz.', 'file.txt')).toEqual({ title: 'file.txt', text: 'Erster Satz.\nZweiter Satz.' });
    // A single line is body, not title.
    expect(parseTxtArticle('Nur eine Zeile.', 'fallback')).toEqual({ title: 'fallback', text: 'Nur eine Zeile.' });
  });

  it('does not take a very long first line (over 300 characters) as title', () => {
    const long = 'Wort '.repeat(70).trim();
    const r = parseTxtArticle(`${long}\n\nText`);
    expect(r.text).toBe(`${long}\n\nText`);
    expect(r.title.length).toBeLessThanOrEqual(121);
    expect(r.title.endsWith('…')).toBe(true);
  });

  it('normalises the text it returns (NFC, \\n)', () => {
    const r = parseTxtArticle(`Caf${E_ACUTE_NFD}\r\n\r\nSo ${E_ACUTE_NFD}\r\nnde`);
    expect(r).toEqual({ title: 'Café', text: 'So é\nnde' });
  });

  describe('on the sample articles in seeds/articles', () => {
    const dir = fileURLToPath(new URL('../../seeds/articles/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
    const read = (prefix: string) => {
      const file = files.find((f) => f.startsWith(prefix));
      if (!file) throw new Error(`no sample article ${prefix}`);
      return readFileSync(join(dir, file), 'utf8');
    };

    it('finds the five files', () => {
      expect(files).toHaveLength(5);
    });

    it.each(['001_', '003_'])('takes the headline of %s as title', (prefix) => {
      const raw = read(prefix);
      const firstLine = raw.split('\n', 1)[0]!;
      const r = parseTxtArticle(raw);
      expect(r.title).toBe(firstLine.trim());
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.text.startsWith(firstLine)).toBe(false);
      // The body is what follows the blank line, normalised and trimmed at the end.
      const rest = normalizeText(raw).slice(normalizeText(raw).indexOf('\n\n') + 2).replace(/\s+$/, '');
      expect(r.text).toBe(rest);
    });

    it('has specific titles for 001 and 003', () => {
      expect(parseTxtArticle(read('001_')).title).toMatch(/^Europa plant die Entsendung von Truppen/);
      expect(parseTxtArticle(read('001_')).text).toMatch(/^Im Rahmen der Vorbereitungen/);
      expect(parseTxtArticle(read('003_')).title).toBe(
        'Wandel in der Unterstützung der Ukraine: Von militärischem Druck zu Verhandlungsvorbereitungen',
      );
      expect(parseTxtArticle(read('003_')).text).toMatch(/^Einem jüngsten Bericht von Bloomberg/);
    });

    it('takes no title line from 000 (its first line is a paragraph followed directly by the next)', () => {
      const raw = read('000_');
      const r = parseTxtArticle(raw);
      expect(r.text).toBe(normalizeText(raw).trim());
      expect(r.text.startsWith('China erkundet in Brüssel')).toBe(true);
      // The title is only derived from the start of the body, which stays whole.
      expect(r.title).toBe(shortTitle(r.text));
      expect(r.title.length).toBeLessThanOrEqual(121);
      expect(parseTxtArticle(raw, 'given').title).toBe('given');
    });

    it('returns text with offsets that survive normalisation (NFC, no \\r) for every sample', () => {
      for (const f of files) {
        const { text } = parseTxtArticle(readFileSync(join(dir, f), 'utf8'));
        expect(normalizeText(text)).toBe(text);
        expect(text.trim().length).toBeGreaterThan(100);
      }
    });
  });
});
