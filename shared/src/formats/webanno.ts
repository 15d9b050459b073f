/**
 * WebAnno TSV 3.3, the format INCEpTION imports and exports, one file per
 * article. What INCEpTION's own writer and reader (`Tsv3XSerializer`,
 * `Tsv3XDeserializer`, documented in its user guide "WebAnno TSV 3.3 File
 * format") do, this module does:
 *
 *   #FORMAT=WebAnno TSV 3.3
 *   #T_SP=webanno.custom.BiasSpan|label|polarity|sourceType|annotator|status|note|spanId
 *   #T_RL=webanno.custom.BiasRelation|label|BT_webanno.custom.BiasSpan
 *   <blank>
 *   <blank>
 *   #Text=„Das ist gut“, sagte er.
 *   1-1<TAB>0-1<TAB>„<TAB>_<TAB>...<TAB>
 *   1-2<TAB>1-4<TAB>Das<TAB>evaluative[1]<TAB>...
 *
 * OFFSETS are UTF-16 code units (Java `String` offsets), not code points:
 * the guide says so ("the offsets used in the TSV format currently represent
 * offsets of the 16bit units in UTF-16 strings"; 😊 counts 2). They are
 * converted here with `OffsetMap`; everything outside this file stays in
 * code points.
 *
 * Layers: one span layer (default `webanno.custom.BiasSpan`) with the
 * features `label`, one per attribute key (the given list, or the sorted
 * keys used in the document), `annotator`, `status` (the annotator's work on
 * the article: `submitted` or `draft`; `*` when unknown), `note` and
 * `spanId`; one relation
 * layer (default `webanno.custom.BiasRelation`, feature `label`) between
 * spans. In INCEpTION create these layers and features before importing.
 * An absent attribute or note is `*`; values are escaped as INCEpTION does
 * (`\ [ ] | _ -> ; * TAB LF`), plus CR as `\r`.
 *
 * Tokens are `tokenize()`'s; sentences are `sentenceRanges()`'s and tile the text
 * (each runs to the next one's first token, white space included), so the
 * text rebuilt from the `#Text=` lines is the article text exactly.
 * Spans that start or end inside a token use sub-token rows (`1-3.1`);
 * multi-unit and stacked spans carry disambiguation ids `[n]`; a relation
 * is written on the first row of its `to` span, pointing to the first row
 * of its `from` span (`1-2[3_0]`).
 *
 * LOSSY CASE (as in INCEpTION): a span boundary in the white space between
 * tokens cannot be addressed, so the span is trimmed to the tokens it
 * covers; a span covering only white space is dropped (with its relations).
 * Both are reported (`trimmed`, `dropped`, and as `lost` for the manifest).
 * The reader is in `webannoRead.ts`.
 */
import { OffsetMap } from '../text.js';
import { docTokens } from '../tokenBounds.js';
import type { Token } from '../tokens.js';
import { articleFileName } from './files.js';
import type { Loss, LossSink } from './manifest.js';
import type { ExportDoc, ExportRelation, ExportSpan } from './model.js';
import { sentenceRanges } from './sentences.js';

export const WEBANNO_SPAN_LAYER = 'webanno.custom.BiasSpan';
export const WEBANNO_RELATION_LAYER = 'webanno.custom.BiasRelation';
export const WEBANNO_RESERVED_FEATURES = ['label', 'annotator', 'status', 'note', 'spanId'];
const RESERVED_FEATURES = WEBANNO_RESERVED_FEATURES;

export interface WebAnnoOptions {
  /** Span layer type name (default `webanno.custom.BiasSpan`). */
  layer?: string;
  /** Relation layer type name (default `webanno.custom.BiasRelation`). */
  relationLayer?: string;
  /** Attribute keys to write as features, in order (default: the sorted keys the document uses). */
  attributes?: readonly string[];
}

export interface WebAnnoDocResult {
  content: string;
  /** Ids of spans whose boundaries lay in white space and were moved to the nearest token. */
  trimmed: string[];
  /** Ids of spans covering only white space, left out. */
  dropped: string[];
  /** The same, and the links of dropped spans, for the manifest. */
  lost: Loss[];
}

// --- escaping (Escaping.java) ------------------------------------------------

/** Feature values: `\ [ ] | _ -> ; *` get a backslash; TAB, LF (and CR) become `\t`, `\n`, `\r`. */
export function escapeTsvValue(value: string): string {
  return value.replace(/->|[\\[\]|_;*\t\n\r]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\' + c));
}

export function unescapeTsvValue(value: string): string {
  return value.replace(/\\(->|[\\[\]|_;*tnr])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

// Sentence text: control characters other than 8–13 get a backslash in front;
// TAB, LF, FF, CR, BS and the backslash become Java escapes.
const TEXT_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '\b': '\\b', '\\': '\\\\' };
const TEXT_UNESCAPES: Record<string, string> = { t: '\t', n: '\n', f: '\f', r: '\r', b: '\b', '\\': '\\' };

export function escapeTsvText(text: string): string {
  return text.replace(/[\x00-\x0d\x0e-\x1f\\]/g, (c) => (c === '\v' ? c : (TEXT_ESCAPES[c] ?? '\\' + c)));
}

export function unescapeTsvText(text: string): string {
  return text.replace(/\\([\x00-\x07\x0e-\x1ftnfrb\\])/g, (_, c: string) => TEXT_UNESCAPES[c] ?? c);
}

// --- writing ------------------------------------------------------------------

interface Unit {
  /** Token index. */
  token: number;
  /** Code-point range; equal to the token's for a token row. */
  start: number;
  end: number;
}

const unitKey = (u: Unit, tokens: Token[]) =>
  u.start === tokens[u.token]!.start && u.end === tokens[u.token]!.end ? `${u.token}` : `${u.token}:${u.start}-${u.end}`;

/** Index of the token containing code point `cp`, or of the first token after it. */
function tokenAtOrAfter(tokens: Token[], cp: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One article as a WebAnno TSV 3.3 file. */
export function webAnnoTsv(doc: ExportDoc, options: WebAnnoOptions = {}): WebAnnoDocResult {
  const layer = options.layer ?? WEBANNO_SPAN_LAYER;
  const relationLayer = options.relationLayer ?? WEBANNO_RELATION_LAYER;
  const attributeKeys = options.attributes ?? [...new Set(doc.spans.flatMap((s) => Object.keys(s.attributes)))].sort();
  for (const k of attributeKeys)
    if (RESERVED_FEATURES.includes(k)) throw new Error(`attribute "${k}" has the name of a WebAnno feature of its own (${RESERVED_FEATURES.join(', ')})`);

  const map = new OffsetMap(doc.text);
  const tokens = docTokens(doc);
  const trimmed: string[] = [];
  const dropped: string[] = [];

  // Units of every span, and the spans of every unit (in span order).
  const ordered = doc.spans.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start || a.s.end - b.s.end || a.i - b.i).map((x) => x.s);
  const unitsOf = new Map<ExportSpan, string[]>();
  const units = new Map<string, { unit: Unit; spans: ExportSpan[]; relations: ExportRelation[] }>();
  const subTokens = new Map<number, Unit[]>();
  const addUnit = (u: Unit, span: ExportSpan) => {
    const key = unitKey(u, tokens);
    let entry = units.get(key);
    if (!entry) {
      units.set(key, (entry = { unit: u, spans: [], relations: [] }));
      if (key.includes(':')) (subTokens.get(u.token) ?? subTokens.set(u.token, []).get(u.token)!).push(u);
    }
    entry.spans.push(span);
    unitsOf.get(span)!.push(key);
  };
  for (const span of ordered) {
    const a = tokenAtOrAfter(tokens, span.start);
    const b = tokenAtOrAfter(tokens, span.end - 1);
    // b: the token containing end-1, or the one after; step back if end does not reach it
    const last = b < tokens.length && tokens[b]!.start < span.end ? b : b - 1;
    if (a >= tokens.length || last < a) {
      dropped.push(span.id);
      continue;
    }
    const start = Math.max(span.start, tokens[a]!.start);
    const end = Math.min(span.end, tokens[last]!.end);
    if (start !== span.start || end !== span.end) trimmed.push(span.id);
    unitsOf.set(span, []);
    if (a === last) {
      addUnit({ token: a, start, end }, span);
    } else {
      addUnit({ token: a, start, end: tokens[a]!.end }, span);
      for (let t = a + 1; t < last; t++) addUnit({ token: t, start: tokens[t]!.start, end: tokens[t]!.end }, span);
      addUnit({ token: last, start: tokens[last]!.start, end }, span);
    }
  }

  // Disambiguation ids: for spans over several units or sharing a unit, numbered in file order.
  const rowOrder: string[] = [];
  for (let t = 0; t < tokens.length; t++) {
    rowOrder.push(`${t}`);
    const subs = (subTokens.get(t) ?? []).sort((x, y) => x.start - y.start || x.end - y.end);
    for (const u of subs) rowOrder.push(unitKey(u, tokens));
  }
  const disambiguation = new Map<ExportSpan, number>();
  for (const key of rowOrder) {
    const entry = units.get(key);
    if (!entry) continue;
    for (const span of entry.spans) {
      if (disambiguation.has(span)) continue;
      if (entry.spans.length > 1 || unitsOf.get(span)!.length > 1) disambiguation.set(span, disambiguation.size + 1);
    }
  }

  // Relations sit on the first unit of their `to` span.
  const byId = new Map(doc.spans.map((s) => [s.id, s]));
  for (const r of doc.relations) {
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    if (!from || !to || !unitsOf.has(from) || !unitsOf.has(to)) continue;
    units.get(unitsOf.get(to)![0]!)!.relations.push(r);
  }

  // Row ids: sentence-token and sentence-token.subtoken, 1-based.
  const rowId = new Map<string, string>();
  const sents = sentenceRanges(doc.text, tokens);
  sents.forEach((sent, si) => {
    for (let t = sent.firstToken; t < sent.endToken; t++) {
      const id = `${si + 1}-${t - sent.firstToken + 1}`;
      rowId.set(`${t}`, id);
      (subTokens.get(t) ?? []).forEach((u, k) => rowId.set(unitKey(u, tokens), `${id}.${k + 1}`));
    }
  });

  const features = ['label', ...attributeKeys, 'annotator', 'status', 'note', 'spanId'];
  const featureValue = (span: ExportSpan, f: string): string => {
    const d = disambiguation.get(span);
    const suffix = d === undefined ? '' : `[${d}]`;
    let v: string | null | undefined;
    if (f === 'label') v = span.label;
    else if (f === 'annotator') v = span.annotator;
    else if (f === 'status') v = span.status;
    else if (f === 'note') v = span.note;
    else if (f === 'spanId') v = span.id;
    else v = Object.prototype.hasOwnProperty.call(span.attributes, f) ? span.attributes[f] : undefined;
    return (v === null || v === undefined ? '*' : escapeTsvValue(v)) + suffix;
  };
  const relationSource = (r: ExportRelation): string => {
    const from = byId.get(r.from)!;
    const to = byId.get(r.to)!;
    const src = rowId.get(unitsOf.get(from)![0]!)!;
    const fd = disambiguation.get(from);
    const td = disambiguation.get(to);
    return fd === undefined && td === undefined ? src : `${src}[${fd ?? 0}_${td ?? 0}]`;
  };

  const out: string[] = ['#FORMAT=WebAnno TSV 3.3', `#T_SP=${layer}|${features.join('|')}`, `#T_RL=${relationLayer}|label|BT_${layer}`, ''];
  const row = (key: string, u: Unit) => {
    const entry = units.get(key);
    const cols: string[] = [];
    for (const f of features) cols.push(entry?.spans.length ? entry.spans.map((s) => featureValue(s, f)).join('|') : '_');
    if (entry?.relations.length) {
      cols.push(entry.relations.map((r) => escapeTsvValue(r.type)).join('|'));
      cols.push(entry.relations.map(relationSource).join('|'));
    } else cols.push('_', '_');
    const b = map.toUtf16(u.start);
    const e = map.toUtf16(u.end);
    return `${rowId.get(key)}\t${b}-${e}\t${doc.text.slice(b, e)}\t${cols.map((c) => c + '\t').join('')}`;
  };
  sentenceTexts(doc.text, sents, map).forEach((text, si) => {
    const sent = sents[si]!;
    out.push('');
    for (const line of text.split('\n')) out.push('#Text=' + escapeTsvText(line));
    for (let t = sent.firstToken; t < sent.endToken; t++) {
      const tok = tokens[t]!;
      out.push(row(`${t}`, { token: t, start: tok.start, end: tok.end }));
      for (const u of subTokens.get(t) ?? []) out.push(row(unitKey(u, tokens), u));
    }
  });
  return { content: out.join('\n') + '\n', trimmed, dropped, lost: webAnnoLosses(doc, trimmed, dropped) };
}

/**
 * Each sentence's `#Text=` as INCEpTION writes it: no empty lines, so the
 * line breaks that end a sentence are left out (the reader puts line breaks
 * into the gaps between sentences), and white space before the first
 * sentence after its leading line breaks belongs to it. Only an article
 * that ends in line breaks keeps them in its last sentence (an empty last
 * `#Text=`), so that it reads back exactly.
 */
function sentenceTexts(text: string, sents: Array<{ start: number; end: number }>, map: OffsetMap): string[] {
  return sents.map((sent, i) => {
    const start = i === 0 ? /^\n*/.exec(text)![0].length : sent.start;
    const own = map.slice(start, sent.end);
    return i === sents.length - 1 ? own : own.replace(/\n+$/, '');
  });
}

function webAnnoLosses(doc: ExportDoc, trimmed: string[], dropped: string[]): Loss[] {
  const kinds = new Map<string, 'trimmed' | 'noToken'>([...trimmed.map((id) => [id, 'trimmed'] as const), ...dropped.map((id) => [id, 'noToken'] as const)]);
  const lost: Loss[] = doc.spans.flatMap((span): Loss[] => (kinds.has(span.id) ? [{ kind: kinds.get(span.id)!, span }] : []));
  const gone = new Set(dropped);
  for (const relation of doc.relations) if (gone.has(relation.from) || gone.has(relation.to)) lost.push({ kind: 'relations', relation });
  return lost;
}

/** The export as one file per article (`<id>.tsv`), for a zip, streamed; `sink` hears what each document lost. */
export function* webAnnoFiles(docs: Iterable<ExportDoc>, options: WebAnnoOptions = {}, sink?: LossSink): Generator<{ name: string; content: string }> {
  for (const doc of docs) {
    const { content, lost } = webAnnoTsv(doc, options);
    sink?.(doc, lost);
    yield { name: articleFileName(doc.id, '.tsv'), content };
  }
}
