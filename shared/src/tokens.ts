import { OffsetMap } from './text.js';

/** A token of an article: `[start, end)` in code points, like spans. */
export interface Token {
  start: number;
  end: number;
  text: string;
}

const segmenters = new Map<string, Intl.Segmenter>();

/**
 * The one word segmentation of the workbench (token-level agreement, BIO and
 * Hugging Face exports): `Intl.Segmenter` words, keeping punctuation as
 * tokens of their own and dropping white space.
 */
export function tokenize(text: string, locale = 'de'): Token[] {
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'word' })));
  const map = new OffsetMap(text);
  const tokens: Token[] = [];
  for (const s of segmenter.segment(text)) {
    if (!s.segment.trim()) continue;
    const start = map.toCodePoint(s.index);
    tokens.push({ start, end: map.toCodePoint(s.index + s.segment.length), text: s.segment });
  }
  return tokens;
}
