/**
 * WebAnno TSV 3.3, the format INCEpTION imports and exports, one file per
 * article. What INCEpTION's own writer and reader (`Tsv3XSerializer`,
 * `Tsv3XDeserializer`, documented in its user guide "WebAnno TSV 3.3 File
 * format") do, this module does:
 *
 *   #FORMAT=WebAnno TSV 3.3
 *   #T_SP=webanno.custom.BiasSpan|label|polarity|sourceType|annotator|note|spanId
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
 * keys used in the document), `annotator`, `note` and `spanId`; one relation
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
 * Both are reported (`trimmed`, `dropped`).
 */
import { OffsetMap } from '../text.js';
import { tokenize, type Token } from '../tokens.js';
import { articleFileName } from './files.js';
import type { ExportDoc, ExportRelation, ExportSpan } from './model.js';
import { sentenceRanges } from './sentences.js';

export const WEBANNO_SPAN_LAYER = 'webanno.custom.BiasSpan';
export const WEBANNO_RELATION_LAYER = 'webanno.custom.BiasRelation';
const RESERVED_FEATURES = ['label', 'annotator', 'note', 'spanId'];

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
  const tokens = tokenize(doc.text);
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

  const features = ['label', ...attributeKeys, 'annotator', 'note', 'spanId'];
  const featureValue = (span: ExportSpan, f: string): string => {
    const d = disambiguation.get(span);
    const suffix = d === undefined ? '' : `[${d}]`;
    let v: string | null | undefined;
    if (f === 'label') v = span.label;
    else if (f === 'annotator') v = span.annotator;
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
  for (const sent of sents) {
    out.push('');
    for (const line of map.slice(sent.start, sent.end).split('\n')) out.push('#Text=' + escapeTsvText(line));
    for (let t = sent.firstToken; t < sent.endToken; t++) {
      const tok = tokens[t]!;
      out.push(row(`${t}`, { token: t, start: tok.start, end: tok.end }));
      for (const u of subTokens.get(t) ?? []) out.push(row(unitKey(u, tokens), u));
    }
  }
  return { content: out.join('\n') + '\n', trimmed, dropped };
}

/** The export as one file per article (`<id>.tsv`), for a zip, streamed. */
export function* webAnnoFiles(docs: Iterable<ExportDoc>, options: WebAnnoOptions = {}): Generator<{ name: string; content: string }> {
  for (const doc of docs) yield { name: articleFileName(doc.id, '.tsv'), content: webAnnoTsv(doc, options).content };
}

// --- reading ------------------------------------------------------------------

export interface WebAnnoParsed {
  /** The text rebuilt from the `#Text=` lines. */
  text: string;
  spans: ExportSpan[];
  relations: ExportRelation[];
}

interface Column {
  layer: string;
  kind: 'span' | 'relation' | 'chain';
  /** Feature name; `BT_` for a relation's source column, '' for a placeholder. */
  feature: string;
  /** For a relation layer: the span layer it connects. */
  base?: string;
}

interface SpanAnno {
  begin: number;
  end: number;
  features: Map<string, string | null>;
}

interface RelationAnno {
  features: Map<string, string | null>;
  source?: { unit: string; disambiguation: number; targetDisambiguation: number; unitOfTarget: string };
}

/** Splits a column into its stacked values (at `|` not escaped) and their `[n]` suffixes. */
function stackedValues(field: string): Array<{ value: string; suffix: string | null }> {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    if (c === '\\' && i + 1 < field.length) {
      current += c + field[i + 1];
      i++;
    } else if (c === '|') {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items.map((item) => {
    // a suffix is a final unescaped `[...]`
    const m = /\[([^\[\]\\]*)\]$/.exec(item);
    if (m && !isEscapedAt(item, m.index)) return { value: item.slice(0, m.index), suffix: m[1]! };
    return { value: item, suffix: null };
  });
}

/** Whether the character at `index` is escaped (preceded by an odd number of backslashes). */
function isEscapedAt(s: string, index: number): boolean {
  let n = 0;
  for (let i = index - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/**
 * Reads a WebAnno TSV 3.x file back (INCEpTION's reading rules: a span
 * starts at the first row it appears on and ends at the last; `[n]` ties
 * rows together). The span layer is `options.layer` or else the first
 * `#T_SP` layer; its `label`, `annotator`, `note` and `spanId` features fill
 * those fields and every other feature becomes an attribute (`*` = absent).
 * Offsets are converted from UTF-16 to code points of the rebuilt text.
 */
export function parseWebAnnoTsv(content: string, options: Pick<WebAnnoOptions, 'layer'> = {}): WebAnnoParsed {
  const lines = content.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let n = 0;
  const fail = (message: string): never => {
    throw new Error(`WebAnno TSV line ${n + 1}: ${message}`);
  };
  if (!/^#FORMAT=WebAnno TSV 3\.\d+$/.test(lines[0] ?? '')) fail('expected "#FORMAT=WebAnno TSV 3.x"');
  n = 1;
  const columns: Column[] = [];
  for (; n < lines.length && lines[n]!.trim(); n++) {
    const m = /^#T_(SP|RL|CH)=([^|]+)(?:\|(.*))?$/.exec(lines[n]!);
    if (!m) break;
    const kind = m[1] === 'SP' ? 'span' : m[1] === 'RL' ? 'relation' : 'chain';
    const fields = m[3] === undefined ? [] : m[3].split('|');
    const base = fields.find((f) => f.startsWith('BT_'))?.slice(3);
    if (fields.length === 0) columns.push({ layer: m[2]!, kind, feature: '' });
    for (const f of fields) columns.push({ layer: m[2]!, kind, feature: f.startsWith('BT_') ? 'BT_' : f, ...(base ? { base } : {}) });
  }
  const spanLayer = options.layer ?? columns.find((c) => c.kind === 'span')?.layer;
  if (n < lines.length && lines[n]!.trim()) fail('expected a blank line after the layer declarations');

  let text = '';
  let sentenceText: string[] = [];
  let inHeader = false;
  const unitRange = new Map<string, [number, number]>();
  // annotations of the span layer by unit (stack order), and by disambiguation id
  const spanAt = new Map<string, SpanAnno[]>();
  const byDisambiguation = new Map<number, SpanAnno>();
  const allSpans: SpanAnno[] = [];
  const relations: RelationAnno[] = [];

  for (; n < lines.length; n++) {
    const line = lines[n]!;
    if (line === '') {
      inHeader = false;
      continue;
    }
    if (line.startsWith('#')) {
      if (!inHeader) sentenceText = [];
      inHeader = true;
      if (line.startsWith('#Text=')) sentenceText.push(unescapeTsvText(line.slice('#Text='.length)));
      continue;
    }
    const fields = line.split('\t');
    if (fields.length < columns.length + 3) fail(`expected ${columns.length + 3} fields, found ${fields.length}`);
    const unitId = fields[0]!;
    const off = /^(\d+)-(\d+)$/.exec(fields[1]!) ?? fail(`bad offsets "${fields[1]}"`);
    const begin = Number(off[1]);
    const end = Number(off[2]);
    if (inHeader) {
      // first token of a sentence: place the sentence text at its offset
      if (text.length > begin) {
        if (text.length !== begin + 1 || !text.endsWith('\n')) fail(`sentence starts at ${begin}, inside the previous sentence`);
        text = text.slice(0, -1);
      }
      text += ' '.repeat(begin - text.length) + sentenceText.map((l) => l + '\n').join('');
      inHeader = false;
    }
    unitRange.set(unitId, [begin, end]);

    const unitSpans = (spanAt.get(unitId) ?? spanAt.set(unitId, []).get(unitId)!) as SpanAnno[];
    const unitRelations = new Map<string, RelationAnno[]>();
    columns.forEach((col, ci) => {
      const raw = fields[ci + 3]!;
      if (raw === '_' || col.kind === 'chain') return;
      if (col.kind === 'relation' && col.base !== spanLayer) return;
      stackedValues(raw).forEach(({ value, suffix }, k) => {
        if (col.kind === 'span') {
          if (col.layer !== spanLayer) return;
          let anno = unitSpans[k];
          if (!anno) {
            const d = suffix === null ? -1 : Number(suffix);
            anno = d > 0 ? byDisambiguation.get(d) : undefined;
            if (anno) anno.end = end;
            else {
              anno = { begin, end, features: new Map() };
              allSpans.push(anno);
              if (d > 0) byDisambiguation.set(d, anno);
            }
            unitSpans[k] = anno;
          }
          if (col.feature) anno.features.set(col.feature, value === '*' ? null : unescapeTsvValue(value));
        } else {
          const stack = unitRelations.get(col.layer) ?? unitRelations.set(col.layer, []).get(col.layer)!;
          let rel = stack[k];
          if (!rel) {
            rel = { features: new Map() };
            stack[k] = rel;
            relations.push(rel);
          }
          if (col.feature === 'BT_') {
            const [s, t] = suffix === null ? [-1, -1] : suffix.split('_').map(Number);
            rel.source = { unit: value, disambiguation: s ?? -1, targetDisambiguation: t ?? -1, unitOfTarget: unitId };
          } else if (col.feature) rel.features.set(col.feature, value === '*' ? null : unescapeTsvValue(value));
        }
      });
    });
  }
  if (text.endsWith('\n')) text = text.slice(0, -1);

  const map = new OffsetMap(text);
  const ids = new Map<SpanAnno, string>();
  let generated = 0;
  const spans: ExportSpan[] = allSpans.map((a) => {
    const f = a.features;
    const start = map.toCodePoint(a.begin);
    const end = map.toCodePoint(a.end);
    const id = f.get('spanId') ?? `t${++generated}`;
    ids.set(a, id);
    const attributes: Record<string, string> = {};
    for (const [k, v] of f) if (!RESERVED_FEATURES.includes(k) && v !== null) attributes[k] = v;
    const label = f.get('label') ?? [...f.values()].find((v) => v !== null) ?? spanLayer!.replace(/^.*\./, '');
    return { id, start, end, label, annotator: f.get('annotator') ?? '', attributes, note: f.get('note') ?? null, quote: map.slice(start, end) };
  });
  const resolve = (unit: string, d: number) => (d > 0 ? byDisambiguation.get(d) : spanAt.get(unit)?.[0]);
  const outRelations: ExportRelation[] = [];
  for (const r of relations) {
    if (!r.source) continue;
    const from = resolve(r.source.unit, r.source.disambiguation);
    const to = resolve(r.source.unitOfTarget, r.source.targetDisambiguation);
    if (!from || !to) fail(`relation refers to no span (${r.source.unit} → ${r.source.unitOfTarget})`);
    outRelations.push({ from: ids.get(from!)!, to: ids.get(to!)!, type: r.features.get('label') ?? [...r.features.values()].find((v) => v !== null) ?? '' });
  }
  return { text, spans, relations: outRelations };
}
