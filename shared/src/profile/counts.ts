/**
 * What the bias profile counts in one article (pure; no I/O). Every pooled
 * figure is a ratio of sums of these counts over a group's articles, so a
 * long article weighs by its words, not as one vote.
 *
 * - words: the shared tokenizer's tokens (`tokenize`, Intl.Segmenter) that
 *   hold a letter or a digit; punctuation tokens are not words.
 * - sentences: `sentenceRanges` over the same tokens (the exports' sentences).
 * - attributions with a sourceType: the attribute has any value (`none`
 *   included: the annotator decided it); anonymous: the value `anonymous`.
 * - an article "has anonymous" with at least one anonymous attribution; it
 *   is "only anonymous" when it has attributions with a sourceType and all
 *   of them are anonymous (Pew: each story citing unnamed sources counted once).
 * - evaluative in quotes: the span lies wholly inside „…“, "…" or »…«.
 * - sentences with an unsupported claim: sentences a claim span overlaps.
 */
import { sentenceRanges } from '../formats/sentences.js';
import { tokenize } from '../tokens.js';
import { insideQuotes, quoteRanges } from './quotes.js';

export interface ProfileSpan {
  label: string;
  start: number;
  end: number;
  attributes?: Readonly<Record<string, unknown>>;
  quote?: string;
}

/** The scheme's label keys the profile reads (the default scheme's by default). */
export interface ProfileLabels {
  attribution: string;
  evaluative: string;
  unsupported: string;
}
export const DEFAULT_PROFILE_LABELS: ProfileLabels = { attribution: 'attribution', evaluative: 'evaluative', unsupported: 'unsupported_claim' };

export const COUNT_KEYS = [
  'articles', 'words', 'sentences', 'attributions', 'typed', 'anonymous', 'hasAnonymous', 'onlyAnonymous',
  'evaluative', 'negative', 'positive', 'mixed', 'inQuotes', 'unsupported', 'unsupportedSentences',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export type ArticleCounts = Record<CountKey, number>;

const WORD = /[\p{L}\p{N}]/u;

/** Word tokens and sentences of a text. */
export function textCounts(text: string): { words: number; sentences: Array<{ start: number; end: number }> } {
  const tokens = tokenize(text);
  return { words: tokens.filter((t) => WORD.test(t.text)).length, sentences: sentenceRanges(text, tokens) };
}

const attr = (s: ProfileSpan, key: string): string | null => {
  const v = s.attributes?.[key];
  return typeof v === 'string' && v !== '' ? v : null;
};

/** The counts of one article over the spans of the chosen basis. */
export function articleCounts(text: string, spans: readonly ProfileSpan[], labels: ProfileLabels = DEFAULT_PROFILE_LABELS): ArticleCounts {
  const { words, sentences } = textCounts(text);
  const quotes = quoteRanges(text);
  const att = spans.filter((s) => s.label === labels.attribution);
  const types = att.map((s) => attr(s, 'sourceType')).filter((t): t is string => t !== null);
  const anonymous = types.filter((t) => t === 'anonymous').length;
  const ev = spans.filter((s) => s.label === labels.evaluative);
  const polarity = (p: string) => ev.filter((s) => attr(s, 'polarity') === p).length;
  const claims = spans.filter((s) => s.label === labels.unsupported);
  const claimSentences = sentences.filter((z) => claims.some((c) => c.start < z.end && z.start < c.end)).length;
  return {
    articles: 1,
    words,
    sentences: sentences.length,
    attributions: att.length,
    typed: types.length,
    anonymous,
    hasAnonymous: anonymous > 0 ? 1 : 0,
    onlyAnonymous: types.length > 0 && anonymous === types.length ? 1 : 0,
    evaluative: ev.length,
    negative: polarity('negative'),
    positive: polarity('positive'),
    mixed: polarity('mixed'),
    inQuotes: ev.filter((s) => insideQuotes(quotes, s.start, s.end)).length,
    unsupported: claims.length,
    unsupportedSentences: claimSentences,
  };
}

/** Sums counts over articles (a group, or one bootstrap replicate). */
export function sumCounts(list: readonly ArticleCounts[]): ArticleCounts {
  const out = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as ArticleCounts;
  for (const c of list) for (const k of COUNT_KEYS) out[k] += c[k];
  return out;
}
