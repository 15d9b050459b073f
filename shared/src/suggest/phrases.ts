/**
 * The phrase finders of the German attribution rules (attribution.ts): the
 * source phrase after a cue ("sagte ein Sprecher des Ministers"), before it
 * ("Brüsseler Quellen zufolge") and the subject of the clause a cue closes
 * ("Der Kreml hat signalisiert"). Offsets are UTF-16 indexes into the text.
 */

export const W = "[\\p{L}\\p{N}][\\p{L}\\p{N}'’.-]*";
const STOP = /[,.;:!?„“"»«()\n–]/u;
const NP_STOP = /[,.;:!?()\n–]|\s-\s/u;
const NAME_LINK = /^(des|der|von|vom|bei|beim)$/u;
export const PRONOUN = /^(er|sie|Er|Sie)$/u;
/** Lower-case words that may open a noun phrase: articles, possessives, quantifiers, inflected adjectives, "sowohl". */
const NP_LEAD = /^(der|die|das|des|dem|den|ein|eine|einer|eines|einem|einen|sein|seine|seines|seinem|seiner|ihr|ihre|ihres|ihrem|ihrer|mehrere|einige|zwei|drei|viele|sowohl|und|\p{Ll}+(e|en|er|es|em))$/u;
/** Words that open a clause but are not its subject (conjunctions, sentence adverbs). */
const CLAUSE_LEAD =
  /^(woraufhin|worauf|als|nachdem|weil|während|wobei|und|aber|denn|doch|jedoch|dennoch|allerdings|auch|zudem|außerdem|zuvor|bislang|bisher|dabei|daraufhin|inzwischen|nun|erst|kürzlich|später|heute|gestern|zuletzt|ebenfalls|so)$/iu;

const words = (s: string) => [...s.matchAll(new RegExp(W, 'gu'))];
const upper = (w: string) => /^\p{Lu}/u.test(w);

/**
 * The source phrase after a cue: a pronoun, or up to three articles or
 * adjectives and a capitalised noun, continued by further capitalised words
 * (names), genitive or "von" links and coordination ("sowohl Macron als auch
 * Starmer"). `from` when none.
 */
export function nounPhraseAfter(text: string, from: number, max = 9): number {
  const rest = text.slice(from);
  const cut = rest.search(NP_STOP);
  const ws = words(cut === -1 ? rest : rest.slice(0, cut)).slice(0, max);
  const endOf = (i: number) => from + ws[i]!.index + ws[i]![0].length;
  if (ws[0] && PRONOUN.test(ws[0][0])) return endOf(0);
  let i = 0;
  while (i < ws.length && i < 3 && !upper(ws[i]![0]) && NP_LEAD.test(ws[i]![0])) i++;
  if (i >= ws.length || !upper(ws[i]![0])) return from;
  let end = endOf(i);
  for (i++; i < ws.length; i++) {
    const w = ws[i]![0];
    const next = ws[i + 1]?.[0] ?? '';
    if (upper(w)) end = endOf(i);
    else if (NAME_LINK.test(w)) continue;
    else if (NAME_LINK.test(ws[i - 1]![0]) && /(e|en|er|es|em)$/u.test(w)) continue;
    else if ((w === 'und' || w === 'sowie') && upper(next)) continue;
    else if (w === 'als' && next === 'auch') i++;
    else break;
  }
  return end;
}

/** The noun phrase ending at `to` (before "zufolge"): capitalised words, links and inflected articles or adjectives. */
export function nounPhraseBefore(text: string, to: number, max = 7): number {
  const start = clauseStart(text, to, max);
  const ws = words(text.slice(start, to));
  let i = ws.length;
  while (i > 0) {
    const w = ws[i - 1]![0];
    if (upper(w) || NAME_LINK.test(w) || /^\p{Ll}+(e|en|er|em|es)$/u.test(w)) i--;
    else break;
  }
  return i < ws.length ? start + ws[i]!.index : to;
}

/** The clause start before `to`: after the last punctuation, at most `max` words back; a clause opened by "wie" keeps it. */
export function clauseStart(text: string, to: number, max: number): number {
  let i = to;
  while (i > 0 && !STOP.test(text[i - 1]!)) i--;
  const ws = words(text.slice(i, to));
  const wie = ws.findIndex((m) => /^[Ww]ie$/u.test(m[0]));
  if (wie >= 0 && ws.length - wie <= 12) return i + ws[wie]!.index;
  const first = ws[Math.max(0, ws.length - max)];
  return first ? i + first.index : to;
}

/**
 * The subject of the clause that a cue at `to` closes ("Der Kreml hat
 * signalisiert", "woraufhin Russland erklärte"): the clause start without
 * leading conjunctions and sentence adverbs, if what is left holds a
 * capitalised word or a pronoun. `to` when none.
 */
export function subjectBefore(text: string, to: number, max = 8): number {
  const start = clauseStart(text, to, max);
  const ws = words(text.slice(start, to));
  if (ws[0] && /^[Ww]ie$/u.test(ws[0][0])) return start;
  let i = 0;
  while (i < ws.length && CLAUSE_LEAD.test(ws[i]![0])) i++;
  const rest = ws.slice(i);
  if (!rest.some((m) => upper(m[0]) || PRONOUN.test(m[0]))) return to;
  return start + ws[i]!.index;
}
