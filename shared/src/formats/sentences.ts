/**
 * Sentences for the token-based formats (CoNLL, Hugging Face, WebAnno TSV):
 * `Intl.Segmenter` sentence boundaries, moved to the first token of each
 * sentence so that every sentence starts with a token, and extended to the
 * next sentence's start so that the sentences tile the text from the first
 * token to the end (white space between sentences belongs to the earlier one).
 */
import { codePointLength, OffsetMap } from '../text.js';
import { tokenize, type Token } from '../tokens.js';

export interface SentenceRange {
  /** `[start, end)` in code points. */
  start: number;
  end: number;
  /** Indexes into the token list: `[firstToken, endToken)`. */
  firstToken: number;
  endToken: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

/** Sentences of a text over its tokens (as `tokenize(text)` gives them). */
export function sentenceRanges(text: string, tokens: Token[] = tokenize(text), locale = 'de'): SentenceRange[] {
  if (tokens.length === 0) return [];
  const starts = firstTokens(text, tokens.length, (i) => tokens[i]!.start, locale);
  const length = codePointLength(text);
  return starts.map((first, i) => {
    const next = starts[i + 1];
    return {
      start: tokens[first]!.start,
      end: next === undefined ? length : tokens[next]!.start,
      firstToken: first,
      endToken: next ?? tokens.length,
    };
  });
}

/** The first token of each sentence (as in `sentenceRanges`), over token boundaries `[start, end, …]`. */
export function sentenceStarts(text: string, bounds: Int32Array, locale = 'de'): number[] {
  return bounds.length ? firstTokens(text, bounds.length >> 1, (i) => bounds[2 * i]!, locale) : [];
}

/**
 * Start token of each sentence: the first token starting at or after the
 * segment's start (segments without a token merge into the one before).
 */
function firstTokens(text: string, count: number, startOf: (i: number) => number, locale: string): number[] {
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' })));
  const map = new OffsetMap(text);
  const starts: number[] = [0];
  let t = 0;
  for (const seg of paragraphSegments(segmenter, text)) {
    const segStart = map.toCodePoint(seg.index);
    const segEnd = map.toCodePoint(seg.index + seg.segment.length);
    while (t < count && startOf(t) < segStart) t++;
    if (t < count && startOf(t) < segEnd && t > starts[starts.length - 1]!) starts.push(t);
  }
  return starts;
}

/**
 * Sentence segments paragraph by paragraph: a sentence always ends after a
 * line feed (UAX #29, SB4), so this gives the same segments as segmenting
 * the whole text, while V8's segment iterator, which slows down
 * quadratically on long inputs, only ever sees one paragraph.
 */
function* paragraphSegments(segmenter: Intl.Segmenter, text: string): Generator<{ index: number; segment: string }> {
  for (let from = 0; from < text.length; ) {
    const nl = text.indexOf('\n', from);
    const to = nl < 0 ? text.length : nl + 1;
    for (const seg of segmenter.segment(text.slice(from, to))) yield { index: from + seg.index, segment: seg.segment };
    from = to;
  }
}
