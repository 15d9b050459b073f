/**
 * Token boundaries of `tokenize()` without an object per token, computed once
 * per text (issue 13: agreement at the speed of the data).
 *
 * `tokenBounds(text)` is `[start0, end0, start1, end1, …]` in code points,
 * exactly the tokens of `tokenize(text, locale)`. `Intl.Segmenter` costs
 * ~0.7 µs a character, so two things keep it off the hot path:
 *
 * - A cache by text (article text never changes), bounded in characters.
 * - A fast path for plain Latin text. When every character is ASCII white
 *   space, printable ASCII, a Latin-1 letter or sign, or common typographic
 *   punctuation (`SAFE`), every character is one UTF-16 unit, and Unicode word
 *   segmentation (UAX #29) cannot join anything across ASCII white space (no
 *   character of `SAFE` is Extend, Format, ZWJ or a non-ASCII space). So the
 *   text is cut at white space into pieces, and a piece of punctuation,
 *   Latin letters and digits only (a simple piece) has the tokens UAX #29
 *   gives it: each punctuation mark alone (`_`, the only ExtendNumLet, is left
 *   out), except a mark between two letters or two digits that WB6/7/11/12
 *   join (`z.B`, `3,5`, ICU's sets of them), and each run of letters and
 *   digits with the marks so joined as one word (WB5, WB8, WB9, WB10). Any
 *   other piece
 *   goes to `Intl.Segmenter` alone, which is the same as in context, since no
 *   rule looks across the white space around it. Texts with any other
 *   character are segmented as before. tests/unit/tokenBounds.test.ts checks
 *   the equality on generated texts.
 */
import { OffsetMap } from './text.js';
import { tokenize, type Token } from './tokens.js';

const SAFE = /^[\t\n\x20-\x7e\u00a1-\u00ac\u00ae-\u00ff\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2026\u20ac]*$/;
const PUNCT = '[!-/:-@\\[-\\^`{-~\u00a7\u00b0\u00ab\u00bb\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2026\u20ac]';
const FAST_LOCALES = new Set(['de', 'en']);

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'word' })));
  return s;
}

const SPACE = 1;
const MARK = 2;
const ALNUM = 3;
const OTHER = 4;
/** The class of each UTF-16 unit: 0 unsafe, or SPACE, MARK (PUNCT), ALNUM, OTHER (safe). */
const CLASS = (() => {
  const table = new Uint8Array(65536);
  const mark = new RegExp(`^${PUNCT}$`);
  const alnum = /^[A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]$/;
  for (let c = 0; c < 65536; c++) {
    const ch = String.fromCharCode(c);
    if (!SAFE.test(ch)) continue;
    table[c] = ch === ' ' || ch === '\n' || ch === '\t' ? SPACE : mark.test(ch) ? MARK : alnum.test(ch) ? ALNUM : OTHER;
  }
  return table;
})();

/**
 * The marks that join two letters (WB6/7: MidLetter, MidNumLet,
 * Single_Quote) and two digits (WB11/12: MidNum, MidNumLet, Single_Quote) as
 * ICU has them (`z.B`, `don't`, `3,5`, `1.000`); checked against the
 * segmenter on every short string in tests/unit/tokenBounds.test.ts.
 */
const JOINS_LETTERS = new Set([...'\'.:\u2018\u2019'].map((c) => c.charCodeAt(0)));
const JOINS_DIGITS = new Set([...'\',.;\u2018\u2019'].map((c) => c.charCodeAt(0)));
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Appends the tokens of the piece [from, to) of a SAFE text when it is made
 * of marks, letters and digits only (returns false otherwise): each mark
 * alone, except one between two letters or two digits that the rules above
 * join; a run of letters and digits as one word (WB5, WB8, WB9, WB10).
 */
function simpleTokens(text: string, from: number, to: number, out: number[]): boolean {
  for (let x = from; x < to; x++) {
    const k = CLASS[text.charCodeAt(x)];
    if (k !== MARK && k !== ALNUM) return false;
  }
  for (let i = from; i < to; ) {
    if (CLASS[text.charCodeAt(i)] === MARK) {
      out.push(i, ++i);
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j < to && CLASS[text.charCodeAt(j)] === ALNUM) j++;
      else if (j + 1 < to && CLASS[text.charCodeAt(j + 1)] === ALNUM && joins(text.charCodeAt(j - 1), text.charCodeAt(j), text.charCodeAt(j + 1))) j += 2;
      else break;
    }
    out.push(i, j);
    i = j;
  }
  return true;
}

/** Whether `mark` between the letters or digits `x` and `y` keeps them one word. */
function joins(x: number, mark: number, y: number): boolean {
  const dx = isDigit(x);
  if (dx !== isDigit(y)) return false;
  return dx ? JOINS_DIGITS.has(mark) : JOINS_LETTERS.has(mark);
}

/**
 * The other pieces are segmented in one call, joined by single spaces (the
 * same as alone, see the module comment), and mapped back to their places.
 */
function segmentRest(rest: Array<[string, number]>, out: number[], locale: string): number[] {
  if (!rest.length) return out;
  const starts: number[] = [];
  let length = 0;
  for (const [piece] of rest) {
    starts.push(length);
    length += piece.length + 1;
  }
  const other: number[] = [];
  let k = 0;
  for (const s of segmenter(locale).segment(rest.map((r) => r[0]).join(' '))) {
    if (!s.segment.trim()) continue;
    while (k + 1 < rest.length && starts[k + 1]! <= s.index) k++;
    const shift = rest[k]![1] - starts[k]!;
    other.push(s.index + shift, s.index + s.segment.length + shift);
  }
  return mergePairs(out, other);
}

/** Two lists of disjoint [start, end] pairs, each sorted, as one sorted list. */
function mergePairs(x: number[], y: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (j >= y.length || (i < x.length && x[i]! < y[j]!)) out.push(x[i++]!, x[i++]!);
    else out.push(y[j++]!, y[j++]!);
  }
  return out;
}

function fastBounds(text: string, locale: string): Int32Array {
  const out: number[] = [];
  const rest: Array<[string, number]> = [];
  for (let i = 0; i < text.length; ) {
    if (CLASS[text.charCodeAt(i)] === SPACE) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && CLASS[text.charCodeAt(j)] !== SPACE) j++;
    if (!simpleTokens(text, i, j, out)) rest.push([text.slice(i, j), i]);
    i = j;
  }
  return Int32Array.from(segmentRest(rest, out, locale));
}

function slowBounds(text: string, locale: string): Int32Array {
  const tokens = tokenize(text, locale);
  const out = new Int32Array(tokens.length * 2);
  tokens.forEach((t, i) => {
    out[2 * i] = t.start;
    out[2 * i + 1] = t.end;
  });
  return out;
}

/** Token boundaries computed without the cache (see the module comment). */
export function computeTokenBounds(text: string, locale = 'de'): Int32Array {
  return FAST_LOCALES.has(locale) && SAFE.test(text) ? fastBounds(text, locale) : slowBounds(text, locale);
}

const CACHE_CHARS = 64_000_000;
const cache = new Map<string, Int32Array>();
let cachedChars = 0;

/**
 * `tokenize(text, locale)` as `[start, end, …]` code points, cached by text
 * (oldest entries go first beyond 64 million characters). Do not modify the
 * returned array: it is shared.
 */
export function tokenBounds(text: string, locale = 'de'): Int32Array {
  const key = locale === 'de' ? text : `${locale}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const bounds = computeTokenBounds(text, locale);
  cache.set(key, bounds);
  cachedChars += key.length;
  for (const [k] of cache) {
    if (cachedChars <= CACHE_CHARS) break;
    cache.delete(k);
    cachedChars -= k.length;
  }
  return bounds;
}

/**
 * `tokenize(text, locale)` from the cached bounds: the same tokens, without
 * running the segmenter again for a text seen before (exports of a text the
 * agreement report or an earlier export has tokenised).
 */
export function cachedTokens(text: string, locale = 'de'): Token[] {
  return tokensOf(text, tokenBounds(text, locale));
}

/**
 * The tokens of a document (an export's, the profile's): from the boundaries
 * it carries (the server stores them with each article), else from the
 * cached ones. Either way the tokens of `tokenize(text)`.
 */
export function docBounds(doc: { text: string; tokens?: Int32Array }): Int32Array {
  return doc.tokens ?? tokenBounds(doc.text);
}

/** `docBounds(doc)` as token objects, texts included. */
export function docTokens(doc: { text: string; tokens?: Int32Array }): Token[] {
  return tokensOf(doc.text, docBounds(doc));
}

/** Token objects of `text` from its boundaries. */
export function tokensOf(text: string, bounds: Int32Array): Token[] {
  const map = new OffsetMap(text);
  const tokens: Token[] = new Array(bounds.length / 2);
  for (let i = 0; i < bounds.length; i += 2) tokens[i / 2] = { start: bounds[i]!, end: bounds[i + 1]!, text: map.slice(bounds[i]!, bounds[i + 1]!) };
  return tokens;
}
