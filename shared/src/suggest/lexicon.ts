/**
 * Term suggesters (issue 14): the project's lexicon, which supervisors edit
 * (evaluative framing words from the guidelines: "Machthaber", "sogenannte",
 * "angeblich", "torpediert"), and a gazetteer learned from the annotator's
 * own spans and from gold (never from another annotator's work). Both mark
 * each appearance of a term in the text as a suggested span of the term's
 * label with its attributes. Pure; offsets are code points.
 */
import { z } from 'zod';
import { OffsetMap } from '../text.js';
import type { Suggestion } from './types.js';

export const LEXICON_SUGGESTER = 'lexicon';
export const GAZETTEER_SUGGESTER = 'gazetteer';

export interface Term {
  term: string;
  label: string;
  attributes: Record<string, string>;
}

export const lexiconTermSchema = z
  .object({
    term: z.string().trim().min(2, 'at least 2 characters').max(80),
    label: z.string().trim().min(1).max(100),
    attributes: z.record(z.string(), z.string().max(200)).default({}),
  })
  .strict();

/** `PUT /api/projects/:id/lexicon`: the whole list (it replaces the old one). */
export const lexiconSchema = z.object({ terms: z.array(lexiconTermSchema).max(500) }).strict();
export type LexiconInput = z.infer<typeof lexiconSchema>;

/** The German, English and Dutch endings a single-word term may carry ("sogenannte" → "sogenannten"). */
const ENDINGS = '(?:e|en|er|es|em|n|s|r|te|ten|t)?';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

function pattern(term: string, inflect: boolean): RegExp {
  const words = term.trim().split(/\s+/u).map(escape).join('\\s+');
  const tail = inflect && !/\s/u.test(term.trim()) ? ENDINGS : '';
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}${tail}(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * Every appearance of the terms in the text, as suggestions of `suggester`;
 * where two overlap the longer stays. `inflect`: a single-word term also
 * matches with a German inflection ending (the lexicon's stems), else only
 * as written (the gazetteer's learned quotes), in either case ignoring case.
 */
export function suggestTerms(text: string, terms: readonly Term[], suggester: string, inflect: boolean): Suggestion[] {
  const hits: Array<{ start: number; end: number; t: Term }> = [];
  for (const t of terms) for (const m of text.matchAll(pattern(t.term, inflect))) hits.push({ start: m.index, end: m.index + m[0].length, t });
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: typeof hits = [];
  for (const h of hits) if (!kept.some((k) => k.start < h.end && h.start < k.end)) kept.push(h);
  const map = new OffsetMap(text);
  return kept
    .sort((a, b) => a.start - b.start)
    .map((h) => {
      const start = map.toCodePoint(h.start);
      const end = map.toCodePoint(h.end);
      return {
        id: `${suggester}:${h.t.label}:${start}:${end}`,
        label: h.t.label,
        start,
        end,
        quote: text.slice(h.start, h.end),
        attributes: h.t.attributes,
        suggester,
        score: suggester === LEXICON_SUGGESTER ? 0.7 : 0.6,
      };
    });
}

/**
 * The gazetteer learned from spans (the annotator's own and gold): each
 * short quote (one to four words, 3 to 60 characters) of a label, with the
 * attributes it was given most often. Quotes compare ignoring case.
 */
export function learnGazetteer(spans: ReadonlyArray<{ label: string; quote: string; attributes: Record<string, string> }>, labels: readonly string[]): Term[] {
  const seen = new Map<string, { term: string; label: string; votes: Map<string, number> }>();
  for (const s of spans) {
    const term = s.quote.trim().replace(/\s+/gu, ' ');
    if (!labels.includes(s.label) || term.length < 3 || term.length > 60 || term.split(' ').length > 4) continue;
    const key = `${s.label}\u0000${term.toLowerCase()}`;
    const entry = seen.get(key) ?? { term, label: s.label, votes: new Map<string, number>() };
    const attrs = JSON.stringify(Object.entries(s.attributes).sort());
    entry.votes.set(attrs, (entry.votes.get(attrs) ?? 0) + 1);
    seen.set(key, entry);
  }
  return [...seen.values()].map((e) => {
    const best = [...e.votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    return { term: e.term, label: e.label, attributes: Object.fromEntries(JSON.parse(best) as Array<[string, string]>) };
  });
}

/** The sample project's lexicon, written from its guidelines (the evaluative framing words its guidelines name). */
export const SAMPLE_LEXICON: Term[] = [
  { term: 'Machthaber', label: 'evaluative', attributes: { polarity: 'negative' } },
  { term: 'sogenannte', label: 'evaluative', attributes: { polarity: 'negative' } },
  { term: 'angeblich', label: 'evaluative', attributes: { polarity: 'negative' } },
  { term: 'torpediert', label: 'evaluative', attributes: { polarity: 'negative' } },
];
