/**
 * A German rule-based attribution suggester (issue 14), dependency-free and
 * pure. It finds the cue of reported speech and marks it with the source
 * phrase next to it, as the default scheme's Attribution label does
 * ("sagte ein Sprecher", "Brüsseler Quellen zufolge", "laut Bloomberg"):
 *
 * - speech verbs (sagte, berichtet, erklärte, betonte, warnte, bestätigte,
 *   meinte, äußerte, zitiert, fügte … hinzu, …): with the source after the
 *   verb ("sagte Macron", up to the next punctuation), else before it, from
 *   the clause start ("Diplomaten bestätigten, …"); a clause opened by
 *   "wie" keeps it ("wie britische Medien berichten");
 * - zufolge (source before it), laut / nach Angaben / unter Berufung auf
 *   (source after it), "hieß es", "(ist|sind) der Ansicht", and ", so <source>."
 *   at the end of a sentence;
 * - Konjunktiv I (sei, habe, werde, seien, …) is never a cue of its own: it
 *   only raises the score of a cue whose sentence holds it.
 * The source type is guessed: anonymous or vague for vague nouns (Diplomaten,
 * Beamte, Quellen, Kreise, Insider, Medien, …), a named organisation or
 * outlet for organisations and media names, a named person for a name or a
 * pronoun, none when the cue has no source ("hieß es").
 * Offsets are code points, like every span.
 */
import { OffsetMap } from '../text.js';
import type { Suggestion } from './types.js';

export const ATTRIBUTION_SUGGESTER = 'rules-de-attribution';

const W = "[\\p{L}\\p{N}][\\p{L}\\p{N}'’.-]*";
const VERBS =
  'sagte|sagten|sagt|berichtet|berichtete|berichteten|berichten|erklärte|erklärten|betonte|betonten|warnte|warnten|bestätigte|bestätigten|meint|meinte|meinten|äußerte|äußerten|zitiert|zitierte|erläuterte|schrieb|schreibt|fügte|teilte|signalisierte|schätzt|verlautete|behauptete|behauptet';
const STOP = /[,.;:!?„“"»«()\n–]/u;
const NEXT_NOT_SOURCE = /^(dass|ob|,|\.|;|:|$|sich\s*[,.])/u;
const KONJUNKTIV = /\b(sei|seien|habe|haben\s+sollen|werde|könne|müsse|solle|wolle|hätten|wären)\b/u;

const VAGUE = /(Diplomat|Beamt|Quelle|Kreis|Insider|Expert|Beobachter|Medien|Vertreter|Offizielle|Regierungskreise|Sprecher)/u;
const ORG = /(Bloomberg|Times|Post|Zeitung|Welt|Independent|News|RTL|Reuters|AFP|dpa|Kreml|Regierung|Ministerium|Bericht|Agentur|Sender|NATO|EU|Kommission|Weißes Haus|Pentagon)/u;
const PRONOUN = /^(er|sie|Er|Sie)$/u;

/** The guessed `sourceType` of a source phrase. */
export function guessSourceType(source: string): string {
  const s = source.trim();
  if (!s) return 'none';
  const capitals = s.split(/\s+/u).filter((w) => /^\p{Lu}/u.test(w));
  const head = capitals.find((w) => VAGUE.test(w) || ORG.test(w)) ?? '';
  if (VAGUE.test(head)) return 'anonymous';
  if (ORG.test(s)) return 'named_organisation';
  if (s.split(/\s+/u).some((w) => PRONOUN.test(w))) return 'named_person';
  return /\p{Lu}/u.test(s.slice(1)) || /^\p{Lu}/u.test(s) ? 'named_person' : 'none';
}

interface Hit {
  start: number;
  end: number;
  source: string;
  score: number;
}

const NP_STOP = /[,.;:!?()\n–]|\s-\s/u;
const NAME_LINK = /^(des|der|von|vom|bei|beim)$/u;

/**
 * The source phrase after a cue: a pronoun, or up to three lower-case words
 * (articles, adjectives) and a capitalised noun, continued by further
 * capitalised words (names) and genitive or "von" links. `from` when none.
 */
function nounPhraseAfter(text: string, from: number, max = 9): number {
  const rest = text.slice(from);
  const cut = rest.search(NP_STOP);
  const words = [...(cut === -1 ? rest : rest.slice(0, cut)).matchAll(new RegExp(W, 'gu'))].slice(0, max);
  const endOf = (i: number) => from + words[i]!.index + words[i]![0].length;
  if (words[0] && PRONOUN.test(words[0][0])) return endOf(0);
  let i = 0;
  while (i < words.length && i < 3 && !/^\p{Lu}/u.test(words[i]![0])) i++;
  if (i >= words.length || !/^\p{Lu}/u.test(words[i]![0])) return from;
  let end = endOf(i);
  for (i++; i < words.length; i++) {
    const w = words[i]![0];
    if (/^\p{Lu}/u.test(w)) end = endOf(i);
    else if (NAME_LINK.test(w)) continue;
    else if (NAME_LINK.test(words[i - 1]![0]) && /(e|en|er|es|em)$/u.test(w)) continue;
    else break;
  }
  return end;
}

/** The noun phrase ending at `to` (before "zufolge"): capitalised words, links and inflected articles or adjectives. */
function nounPhraseBefore(text: string, to: number, max = 7): number {
  const start = clauseStart(text, to, max);
  const words = [...text.slice(start, to).matchAll(new RegExp(W, 'gu'))];
  let i = words.length;
  while (i > 0) {
    const w = words[i - 1]![0];
    if (/^\p{Lu}/u.test(w) || NAME_LINK.test(w) || /^\p{Ll}+(e|en|er|em|es)$/u.test(w)) i--;
    else break;
  }
  return i < words.length ? start + words[i]!.index : to;
}

/** The clause start before `to`: after the last punctuation, at most `max` words back. */
function clauseStart(text: string, to: number, max: number): number {
  let i = to;
  while (i > 0 && !STOP.test(text[i - 1]!)) i--;
  const words = [...text.slice(i, to).matchAll(new RegExp(W, 'gu'))];
  const wie = words.findIndex((m) => /^[Ww]ie$/u.test(m[0]));
  if (wie >= 0 && words.length - wie <= 12) return i + words[wie]!.index;
  const first = words[Math.max(0, words.length - max)];
  return first ? i + first.index : to;
}

const word = (re: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${re})(?![\\p{L}\\p{N}])`, 'gu');

function verbHits(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(word(VERBS))) {
    const vStart = m.index;
    let vEnd = vStart + m[0].length;
    if (m[0] === 'fügte' || m[0] === 'teilte') {
      const particle = /^([^,.;:!?\n]{0,60}?)\b(hinzu|mit)\b/u.exec(text.slice(vEnd));
      if (!particle) continue;
      out.push({ start: vStart, end: vEnd + particle[0].length, source: particle[1]!, score: 0.8 });
      continue;
    }
    const next = text.slice(vEnd).replace(/^[ \t]+/u, '');
    if (!NEXT_NOT_SOURCE.test(next)) {
      if (/^sich\s/u.test(next)) vEnd += text.slice(vEnd).indexOf('sich') + 4;
      const end = nounPhraseAfter(text, vEnd);
      if (end > vEnd) out.push({ start: vStart, end, source: text.slice(vEnd, end), score: 0.75 });
      else continue;
    } else {
      if (/\b(und|oder|aber)\s+$/u.test(text.slice(Math.max(0, vStart - 8), vStart))) continue;
      const start = clauseStart(text, vStart, 6);
      if (start < vStart) out.push({ start, end: vEnd, source: text.slice(start, vStart), score: 0.7 });
    }
  }
  return out;
}

function phraseHits(text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(word('zufolge'))) {
    const start = nounPhraseBefore(text, m.index);
    if (start < m.index) out.push({ start, end: m.index + m[0].length, source: text.slice(start, m.index), score: 0.9 });
  }
  for (const m of text.matchAll(word('[Ll]aut|[Nn]ach Angaben|[Uu]nter Berufung auf'))) {
    const from = m.index + m[0].length;
    const end = nounPhraseAfter(text, from, 7);
    if (end > from) out.push({ start: m.index, end, source: text.slice(from, end), score: 0.85 });
  }
  for (const m of text.matchAll(word('hieß es(?: weiter)?')))
    out.push({ start: m.index, end: m.index + m[0].length, source: '', score: 0.8 });
  for (const m of text.matchAll(word('(?:ist|sind|war|waren) der Ansicht'))) {
    const start = clauseStart(text, m.index, 5);
    if (start < m.index) out.push({ start, end: m.index + m[0].length, source: text.slice(start, m.index), score: 0.7 });
  }
  for (const m of text.matchAll(/,\s+(so)\s+((?:die|der|das|ein|eine|einige|westliche|\p{Lu})[^,.;:!?\n]{0,60}?)(?=[.;])/gu)) {
    const start = m.index + m[0].indexOf('so', 1);
    out.push({ start, end: m.index + m[0].length, source: m[2]!, score: 0.75 });
  }
  return out;
}

/** Overlapping hits: the longer one stays (rules find the same attribution from two sides). */
function dedupe(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Hit[] = [];
  for (const h of sorted) if (!kept.some((k) => k.start < h.end && h.start < k.end)) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
}

/** The sentence around `[start, end)` holds a Konjunktiv I form: reported speech, so the cue is likelier. */
function sentenceHasKonjunktiv(text: string, start: number, end: number): boolean {
  const from = Math.max(text.lastIndexOf('.', start), text.lastIndexOf('\n', start), 0);
  let to = text.slice(end).search(/[.\n]/u);
  to = to === -1 ? text.length : end + to;
  return KONJUNKTIV.test(text.slice(from, to));
}

/** Attribution suggestions for a German text (see the module comment). */
export function suggestAttributions(text: string): Suggestion[] {
  const map = new OffsetMap(text);
  return dedupe([...verbHits(text), ...phraseHits(text)]).map((h) => {
    const start = map.toCodePoint(h.start);
    const end = map.toCodePoint(h.end);
    const score = Math.min(1, h.score + (sentenceHasKonjunktiv(text, h.start, h.end) ? 0.1 : 0));
    return {
      id: `${ATTRIBUTION_SUGGESTER}:attribution:${start}:${end}`,
      label: 'attribution',
      start,
      end,
      quote: text.slice(h.start, h.end),
      attributes: { sourceType: guessSourceType(h.source) },
      suggester: ATTRIBUTION_SUGGESTER,
      score: Math.round(score * 100) / 100,
    };
  });
}
