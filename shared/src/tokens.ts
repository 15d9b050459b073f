import { OffsetMap } from './text.js';

/** A token of an article: `[start, end)` in code points, like spans. */
export interface Token {
  start: number;
  end: number;
  text: string;
}

const segmenters = new Map<string, Intl.Segmenter>();
/** Segmenting one long string slows down worse than linearly in V8; pieces of this size keep it linear. */
const CHUNK = 2000;

/**
 * The one word segmentation of the workbench (token-level agreement, BIO and
 * Hugging Face exports, snapping selections): `Intl.Segmenter` words, keeping
 * punctuation as tokens of their own and dropping white space. Long texts are
 * segmented in pieces cut at white space, which no word spans, so the result
 * is the same as in one piece.
 */
export function tokenize(text: string, locale = 'de'): Token[] {
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'word' })));
  const map = new OffsetMap(text);
  const tokens: Token[] = [];
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + CHUNK);
    if (to < text.length) {
      const space = text.slice(to).search(/\s/);
      to = space === -1 ? text.length : to + space;
    }
    for (const s of segmenter.segment(text.slice(from, to))) {
      const core = s.segment.trim();
      if (!core) continue;
      // The segmenter may glue a no-break space (U+202F, an ExtendNumLet) to a word: a token never holds white space.
      const u16 = from + s.index + (s.segment.length - s.segment.trimStart().length);
      tokens.push({ start: map.toCodePoint(u16), end: map.toCodePoint(u16 + core.length), text: core });
    }
    from = to;
  }
  return tokens;
}
