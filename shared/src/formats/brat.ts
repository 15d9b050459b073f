/**
 * brat standoff: per article a `.txt` (the text, byte for byte) and an
 * `.ann`:
 *
 *   T1<TAB>attribution 0 42<TAB>Dies berichtet die Welt am Sonntag …
 *   A1<TAB>annotator T1 anna
 *   A2<TAB>status T1 submitted
 *   A3<TAB>sourceType T1 anonymous
 *   #1<TAB>AnnotatorNotes T1<TAB>unsure about the cue
 *   R1<TAB>attributes Arg1:T1 Arg2:T2
 *
 * OFFSETS are Unicode code points, which is what brat (a Python program)
 * indexes with, and what the workbench stores: no conversion.
 *
 * - Type names are label keys; spans become `T<n>` in span order (the
 *   workbench's span ids are not kept; the parser numbers spans `T1`…).
 * - brat's text field must equal the covered text and cannot hold a line
 *   break, so a span over a line break is written as fragments split at
 *   `\n` (`T3<TAB>claim 10 20;21 30<TAB>…`, fragment texts joined by a
 *   space, as brat does). The parser reads `[first start, last end)`; a span
 *   starting or ending with `\n` keeps an empty fragment there so its
 *   extent survives.
 * - Attributes are `A` lines, one per key; the annotator is the attribute
 *   `annotator` and the status of their work on the article (`submitted` or
 *   `draft`) the attribute `status`, so label attributes of those names are
 *   refused. `annotation.conf` declares both (brat refuses undeclared
 *   attributes). Values and notes escape `\` , TAB, LF, CR as
 *   `\\ \t \n \r`.
 * - A note is an `AnnotatorNotes` comment (`#` line).
 * - Relations are `R` lines, `Arg1` = from, `Arg2` = to. brat refuses a
 *   relation from a span to itself, so such relations are left out (and
 *   reported as lost).
 */
import { OffsetMap } from '../text.js';
import { articleFileName } from './files.js';
import type { Loss, LossSink } from './manifest.js';
import { spanStatusSchema, type ExportDoc, type ExportRelation, type ExportSpan } from './model.js';

export const BRAT_ANNOTATOR_ATTRIBUTE = 'annotator';
export const BRAT_STATUS_ATTRIBUTE = 'status';

const escape = (v: string) => v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
const unescape = (v: string) => v.replace(/\\([\\tnr])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));

/** Fragments of `[start, end)` between line breaks (empty ones at a leading or trailing break). */
function fragments(map: OffsetMap, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = start;
  let i = start;
  for (const c of map.slice(start, end)) {
    if (c === '\n') {
      if (i > from || i === start) out.push([from, i]);
      from = i + 1;
    }
    i++;
  }
  if (end >= from) out.push([from, end]);
  return out;
}

export interface BratDoc {
  txt: string;
  ann: string;
  /** Relations brat cannot hold (from a span to itself). */
  lost: Loss[];
}

/** One article as `.txt` and `.ann`. */
export function bratDoc(doc: ExportDoc): BratDoc {
  const map = new OffsetMap(doc.text);
  const lines: string[] = [];
  const tid = new Map<string, string>();
  let a = 0;
  let notes = 0;
  let r = 0;
  doc.spans.forEach((span, i) => {
    const id = `T${i + 1}`;
    tid.set(span.id, id);
    const hasBreak = map.slice(span.start, span.end).includes('\n');
    const frags = hasBreak ? fragments(map, span.start, span.end) : [[span.start, span.end] as [number, number]];
    const text = frags.map(([s, e]) => map.slice(s, e)).join(' ');
    lines.push(`${id}\t${span.label} ${frags.map(([s, e]) => `${s} ${e}`).join(';')}\t${text}`);
    for (const reserved of [BRAT_ANNOTATOR_ATTRIBUTE, BRAT_STATUS_ATTRIBUTE])
      if (Object.prototype.hasOwnProperty.call(span.attributes, reserved))
        throw new Error(`span ${span.id}: attribute "${reserved}" is reserved for the ${reserved} in brat exports`);
    lines.push(`A${++a}\t${BRAT_ANNOTATOR_ATTRIBUTE} ${id} ${escape(span.annotator)}`);
    if (span.status) lines.push(`A${++a}\t${BRAT_STATUS_ATTRIBUTE} ${id} ${span.status}`);
    for (const [k, v] of Object.entries(span.attributes)) lines.push(`A${++a}\t${k} ${id} ${escape(v)}`);
    if (span.note !== null && span.note !== undefined) lines.push(`#${++notes}\tAnnotatorNotes ${id}\t${escape(span.note)}`);
  });
  const lost: Loss[] = [];
  for (const rel of doc.relations) {
    const from = tid.get(rel.from);
    const to = tid.get(rel.to);
    if (!from || !to || from === to) {
      lost.push({ kind: 'relations', relation: rel });
      continue;
    }
    lines.push(`R${++r}\t${rel.type} Arg1:${from} Arg2:${to}`);
  }
  return { txt: doc.text, ann: lines.length ? lines.join('\n') + '\n' : '', lost };
}

/** The export as file pairs, one article at a time (for a zip); `sink` hears what each document lost. */
export function* bratFiles(docs: Iterable<ExportDoc>, sink?: LossSink): Generator<{ name: string; content: string }> {
  for (const doc of docs) {
    const { txt, ann, lost } = bratDoc(doc);
    sink?.(doc, lost);
    yield { name: articleFileName(doc.id, '.txt'), content: txt };
    yield { name: articleFileName(doc.id, '.ann'), content: ann };
  }
}

/**
 * A brat `annotation.conf` for a label scheme: entities are the labels,
 * attributes their attributes, plus `annotator` with the given names and
 * `status` (`submitted|draft`) on every entity; relations the given types
 * between any labels.
 */
export function bratAnnotationConf(
  labels: ReadonlyArray<{ key: string; attributes: ReadonlyArray<{ key: string; values: ReadonlyArray<{ value: string }> }> }>,
  options: { relationTypes?: readonly string[]; annotators?: readonly string[] } = {},
): string {
  const attrs = new Map<string, { labels: string[]; values: Set<string> }>();
  for (const l of labels)
    for (const at of l.attributes) {
      const entry = attrs.get(at.key) ?? attrs.set(at.key, { labels: [], values: new Set() }).get(at.key)!;
      entry.labels.push(l.key);
      at.values.forEach((v) => entry.values.add(v.value));
    }
  const all = labels.map((l) => l.key).join('|');
  const lines = ['[entities]', ...labels.map((l) => l.key), '', '[relations]'];
  for (const t of options.relationTypes ?? []) lines.push(`${t}\tArg1:${all}, Arg2:${all}`);
  lines.push('<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>', '', '[events]', '', '[attributes]');
  if (options.annotators?.length) lines.push(`${BRAT_ANNOTATOR_ATTRIBUTE}\tArg:<ENTITY>, Value:${options.annotators.join('|')}`);
  lines.push(`${BRAT_STATUS_ATTRIBUTE}\tArg:<ENTITY>, Value:${spanStatusSchema.options.join('|')}`);
  for (const [k, v] of attrs) lines.push(`${k}\tArg:${v.labels.join('|')}, Value:${[...v.values].join('|')}`);
  return lines.join('\n') + '\n';
}

export interface BratParsed {
  spans: ExportSpan[];
  relations: ExportRelation[];
}

/**
 * Reads an `.ann` back against its text. Checks, as brat does, that each
 * text field is the covered text; throws with the line number otherwise.
 * Span ids are the `T` ids.
 */
export function parseBratAnn(ann: string, text: string): BratParsed {
  const map = new OffsetMap(text);
  const spans = new Map<string, ExportSpan>();
  const relations: ExportRelation[] = [];
  const pending: Array<() => void> = [];
  ann.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) return;
    const fail = (m: string): never => {
      throw new Error(`brat .ann line ${i + 1}: ${m}`);
    };
    const tab = line.indexOf('\t');
    if (tab < 0) fail('no tab after the id');
    const id = line.slice(0, tab);
    const rest = line.slice(tab + 1);
    if (id.startsWith('T')) {
      const tab2 = rest.indexOf('\t');
      const data = tab2 < 0 ? rest : rest.slice(0, tab2);
      const quote = tab2 < 0 ? null : rest.slice(tab2 + 1);
      const sp = data.indexOf(' ');
      if (sp < 0) fail('no offsets after the type');
      const label = data.slice(0, sp);
      const frags = data
        .slice(sp + 1)
        .split(';')
        .map((f) => {
          const m = /^(\d+) (\d+)$/.exec(f.trim()) ?? fail(`bad offsets "${f}"`);
          return [Number(m[1]), Number(m[2])] as const;
        });
      for (const [s, e] of frags) if (s > e || e > map.codePointLength) fail(`offsets ${s} ${e} outside the text`);
      const expected = frags.map(([s, e]) => map.slice(s, e)).join(' ');
      if (quote !== null && quote !== expected) fail(`text "${quote}" is not the covered text "${expected}"`);
      const start = frags[0]![0];
      const end = frags[frags.length - 1]![1];
      spans.set(id, { id, start, end, label, annotator: '', attributes: {}, note: null, quote: map.slice(start, end) });
    } else if (id.startsWith('A') || id.startsWith('M')) {
      const m = /^(\S+) (\S+)(?: (.*))?$/.exec(rest) ?? fail('bad attribute line');
      pending.push(() => {
        const span = spans.get(m[2]!) ?? fail(`attribute of unknown annotation ${m[2]}`);
        const value = m[3] === undefined ? 'true' : unescape(m[3]);
        const status = spanStatusSchema.safeParse(value);
        if (m[1] === BRAT_ANNOTATOR_ATTRIBUTE) span.annotator = value;
        else if (m[1] === BRAT_STATUS_ATTRIBUTE && status.success) span.status = status.data;
        else span.attributes[m[1]!] = value;
      });
    } else if (id.startsWith('#')) {
      const tab2 = rest.indexOf('\t');
      const [type, target] = (tab2 < 0 ? rest : rest.slice(0, tab2)).split(' ');
      const note = tab2 < 0 ? '' : unescape(rest.slice(tab2 + 1));
      if (type === 'AnnotatorNotes')
        pending.push(() => {
          (spans.get(target!) ?? fail(`note on unknown annotation ${target}`)).note = note;
        });
    } else if (id.startsWith('R')) {
      const m = /^(\S+) Arg1:(\S+) Arg2:(\S+)\s*$/.exec(rest) ?? fail('bad relation line');
      pending.push(() => {
        if (!spans.has(m[2]!) || !spans.has(m[3]!)) fail('relation between unknown annotations');
        relations.push({ from: m[2]!, to: m[3]!, type: m[1]! });
      });
    }
  });
  pending.forEach((f) => f());
  return { spans: [...spans.values()], relations };
}
