/**
 * One W3C Web Annotation (www.w3.org/TR/annotation-model) read as a span:
 * where it points in a text (target and selectors), its label, note,
 * annotator, attributes and status (bodies, creator). What cannot become a
 * span of a text (an image region, a whole web page, a CSS selector) is a
 * reason to skip the annotation; a text selector that does not fit its text
 * is a reason to refuse it.
 */
import { isObject, placeSpan, str } from './common.js';

type Json = Record<string, unknown>;

const IRI = /^[a-z][\w+.-]*:/i;
/** The last path segment of an IRI (`http://ex.org/doc1` → `doc1`); any other string as it is. */
export const lastSegment = (iri: string) => {
  const s = iri.replace(/[#?].*$/, '').replace(/\/$/, '').replace(/^.*[/:]/, '');
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
/** A string body or value: an IRI names a resource (its last segment), anything else is the value. */
const named = (s: string) => (IRI.test(s) ? lastSegment(s) : s);

const an = (w: string) => `${/^[aeiou]/i.test(w) ? 'an' : 'a'} ${w}`;
const TEXT_SELECTORS = ['TextPositionSelector', 'TextQuoteSelector'];

/** Selectors of one target, refinements followed; each with the type of the selector it refines. */
function selectorsOf(target: Json): Array<{ selector: Json; within?: string }> {
  const out: Array<{ selector: Json; within?: string }> = [];
  const walk = (s: unknown, within?: string) => {
    if (!isObject(s)) return;
    out.push({ selector: s, ...(within ? { within } : {}) });
    for (const r of [s.refinedBy].flat()) walk(r, str(s.type) ?? 'selector');
  };
  for (const s of [target.selector].flat()) walk(s);
  return out;
}

/** Where a target points: offsets in its source's text, a reason to skip it (`missingText`: the source whose text is missing), or to refuse it. */
export type Placement = { source: string; start: number; end: number } | { skip: string; missingText?: string } | { error: string };

/**
 * Where the annotation's first target with a text selector points in the
 * text of its source (`textOf`; undefined when no text came with the
 * upload). A TextQuoteSelector refining another selector is looked for in
 * the whole text; a TextPositionSelector refining one counts from a part of
 * the document a plain text does not mark, so the annotation is skipped.
 */
export function placeTarget(a: Json, textOf: (source: string) => string | undefined): Placement {
  const targets = [a.target].flat().filter((t) => t !== undefined);
  if (!targets.length) return { error: 'target: missing' };
  const withSource = targets.filter(isObject).filter((t) => str(t.source));
  const textual = withSource.find((t) => selectorsOf(t).some((s) => TEXT_SELECTORS.includes(str(s.selector.type) ?? '')));
  if (!textual) {
    const kinds = [...new Set(targets.map((t) => (typeof t === 'string' ? 'a whole resource' : isObject(t) && !str(t.source) ? `${an(str(t.type) ?? 'resource')} without a source` : selectorsOf(t as Json).map((s) => str(s.selector.type) ?? 'selector').join(' > ') || 'a whole resource')))];
    return { skip: `its target is ${kinds.join(', ')}: no TextPositionSelector or TextQuoteSelector to place in a text` };
  }
  const source = str(textual.source)!;
  const text = textOf(source);
  if (text === undefined) return { skip: `no text for ${JSON.stringify(source)} came with the upload (add ${lastSegment(source)}.txt to a zip with the annotations)`, missingText: source };
  const selectors = selectorsOf(textual);
  const position = selectors.find((s) => s.selector.type === 'TextPositionSelector');
  const quote = selectors.find((s) => s.selector.type === 'TextQuoteSelector');
  if (position?.within && !quote) return { skip: `its TextPositionSelector counts from a ${position.within}'s part of the document, which a plain text does not mark` };
  const placed = position && !position.within ? placeSpan(text, Number(position.selector.start), Number(position.selector.end), str(quote?.selector.exact)) : placeQuote(text, quote!.selector);
  if ('error' in placed) return { error: `target.selector: ${placed.error}` };
  return { source, ...placed };
}

/** A TextQuoteSelector's one place in the text (`exact`, with `prefix` and `suffix` around it). */
function placeQuote(text: string, quote: Json): { start: number; end: number } | { error: string } {
  const exact = str(quote.exact);
  if (!exact) return { error: 'the TextQuoteSelector has no exact text' };
  const chars = [...text];
  const want = [...exact];
  const prefix = str(quote.prefix) ?? '';
  const suffix = str(quote.suffix) ?? '';
  const hits: number[] = [];
  for (let i = 0; i + want.length <= chars.length; i++) {
    if (chars.slice(i, i + want.length).join('') !== exact) continue;
    if (chars.slice(0, i).join('').endsWith(prefix) && chars.slice(i + want.length).join('').startsWith(suffix)) hits.push(i);
  }
  if (hits.length !== 1) return { error: `the TextQuoteSelector ${JSON.stringify(exact)} matches ${hits.length} places of the text` };
  return { start: hits[0]!, end: hits[0]! + want.length };
}

const LABEL_PURPOSES = ['classifying', 'tagging', 'identifying'];
const NOTE_PURPOSES = ['commenting', 'describing', 'replying', 'editing', 'questioning', 'assessing'];

/** A body's value: a string (an IRI by its last segment), a TextualBody's `value`, a resource's `source` or `id`. */
function valueOf(b: unknown): string | undefined {
  if (typeof b === 'string') return named(b);
  if (!isObject(b)) return undefined;
  const v = str(b.value) ?? str(b.source) ?? str(b.id);
  return v === undefined ? undefined : str(b.value) !== undefined ? v : named(v);
}

export interface Meaning {
  label: string;
  note?: string;
  attributes: Record<string, string>;
  /** Bodies that are neither label, attribute nor note, described. */
  unused: string[];
}

/**
 * The label: a `classifying`, `tagging` or `identifying` body (the
 * workbench's own export: the one without `mbw:attribute`); else, when the
 * motivation is one of those, the first body with a value; else a body that
 * names a resource (its IRI's last segment); else the motivation, else
 * `annotation`. Bodies with `mbw:attribute` are attributes; textual bodies
 * meant as comments, and `bodyValue`, make the note.
 */
export function meaningOf(a: Json): Meaning {
  const bodies = [a.body].flat().filter((b) => b !== undefined);
  const purpose = (b: unknown) => (isObject(b) ? str(b.purpose) : undefined);
  const attribute = (b: unknown) => (isObject(b) ? str(b['mbw:attribute']) : undefined);
  const motivation = str([a.motivation].flat()[0]);
  const candidates = bodies.filter((b) => attribute(b) === undefined);
  const labelBody =
    candidates.find((b) => LABEL_PURPOSES.includes(purpose(b) ?? '')) ??
    (LABEL_PURPOSES.includes(motivation ?? '') ? candidates.find((b) => valueOf(b) !== undefined && !NOTE_PURPOSES.includes(purpose(b) ?? '')) : undefined) ??
    candidates.find((b) => typeof b === 'string' || (isObject(b) && str(b.value) === undefined && (str(b.id) ?? str(b.source)) !== undefined && !NOTE_PURPOSES.includes(purpose(b) ?? '')));
  const attributes: Record<string, string> = {};
  const notes: string[] = str(a.bodyValue) !== undefined ? [str(a.bodyValue)!] : [];
  const unused: string[] = [];
  for (const b of bodies) {
    if (b === labelBody) continue;
    const key = attribute(b);
    if (key !== undefined && valueOf(b) !== undefined) attributes[key] = valueOf(b)!;
    else if (isObject(b) && str(b.value) !== undefined && !LABEL_PURPOSES.includes(purpose(b) ?? '')) notes.push(str(b.value)!);
    else unused.push(isObject(b) ? `${str(b.type) ?? 'body'}${purpose(b) ? ` (${purpose(b)})` : ''}${valueOf(b) ? ` ${JSON.stringify(valueOf(b))}` : ''}` : JSON.stringify(b));
  }
  const label = (labelBody === undefined ? undefined : valueOf(labelBody)) ?? motivation ?? 'annotation';
  return { label, attributes, unused, ...(notes.length ? { note: notes.join('\n') } : {}) };
}

/** The creator as an annotator name: a nickname, a name, or the last segment of its IRI. */
export function annotatorOf(a: Json): string {
  const c = [a.creator].flat()[0];
  if (typeof c === 'string') return named(c);
  if (isObject(c)) return str(c.nickname) ?? str(c.name) ?? (str(c.id) ? named(str(c.id)!) : 'w3c');
  return 'w3c';
}
