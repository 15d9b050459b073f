/**
 * Reading WebAnno TSV 3.x back (see `webanno.ts` for the format): for
 * round-trip tests and for files from INCEpTION.
 */
import { OffsetMap } from '../text.js';
import type { ExportRelation, ExportSpan } from './model.js';
import { spanStatusSchema } from './model.js';
import { unescapeTsvText, unescapeTsvValue, WEBANNO_RESERVED_FEATURES as RESERVED_FEATURES, type WebAnnoOptions } from './webanno.js';

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
    const m = /\[([^[\]\\]*)\]$/.exec(item);
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
 * `#T_SP` layer; its `label`, `annotator`, `status`, `note` and `spanId` features fill
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
      // first token of a sentence: place the sentence text so that its first token is at its offset
      // (white space before that token is part of the text); gaps between sentences are line breaks.
      const at = begin - (/^\s*/.exec(sentenceText.join('\n'))![0].length);
      if (text.length > at) {
        if (text.length !== at + 1 || !text.endsWith('\n')) fail(`sentence starts at ${at}, inside the previous sentence`);
        text = text.slice(0, -1);
      }
      text += '\n'.repeat(Math.max(0, at - text.length)) + sentenceText.map((l) => l + '\n').join('');
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
    const label = f.get('label') ?? f.get('value') ?? [...f.values()].find((v) => v !== null) ?? spanLayer!.replace(/^.*\./, '');
    const span: ExportSpan = { id, start, end, label, annotator: f.get('annotator') ?? '', attributes, note: f.get('note') ?? null, quote: map.slice(start, end) };
    const status = spanStatusSchema.safeParse(f.get('status'));
    if (status.success) span.status = status.data;
    return span;
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
