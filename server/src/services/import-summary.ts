/**
 * What the import's first pass keeps of the upload (issue 13): per article
 * line what the plan needs (its keys, counts, annotators), and of the whole
 * file the labels, attribute values, annotator names, link types and
 * fragment ends, each in the order the file first names it. No database
 * here: the preparing thread (workers/prepare.ts) summarises parts of the
 * upload too, and the parts are merged in file order (mergeSummary).
 */
import { createHash } from 'node:crypto';
import { isReservedKey, normalizeText, type ForeignScheme, type ImportFormat } from '@mbw/shared';
import type { FoundName } from './import-annotators.js';
import { parseLine, type ImportLine, type LineError } from './import-lines.js';
import { READ_CHUNK, textLines, type ByteRange, type ByteSource } from './import-source.js';

export const FRAGMENT = 'fragment';
const ATTRIBUTE_KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;
/** An attribute key a new label can declare. */
export const declarable = (key: string) => ATTRIBUTE_KEY.test(key) && !isReservedKey(key);
/** The values of one attribute a file's label keeps at most. */
const MAX_VALUES = 500;

/** What the plan needs of one article line. */
export interface LineInfo {
  line: number;
  externalId: string | null;
  textHash: string;
  spans: number;
  annotators: string[];
  /** The text is blank once normalised (refused, naming its index). */
  blank: boolean;
}

export interface FileSummary {
  format: ImportFormat;
  infos: LineInfo[];
  errors: LineError[];
  skipped: Array<{ line: number; where: string; reason: string }>;
  changed?: Array<{ line: number; where: string; reason: string }>;
  scheme?: ForeignScheme;
  labelCounts: Map<string, number>;
  attributes: FileAttributes;
  found: Map<string, FoundName>;
  relationTypes: Set<string>;
  fragmentEnds: Set<string>;
}

export function emptySummary(format: ImportFormat): FileSummary {
  return { format, infos: [], errors: [], skipped: [], labelCounts: new Map(), attributes: new Map(), found: new Map(), relationTypes: new Set(), fragmentEnds: new Set() };
}

/** Adds a checked line to the summary. */
export function summarise(sum: FileSummary, l: ImportLine) {
  const { doc, work, line } = l;
  const text = normalizeText(doc.text);
  const textHash = createHash('sha256').update(text).digest('hex');
  sum.infos.push({ line, externalId: doc.id || null, textHash, spans: doc.spans.length, annotators: work.map((w) => w.annotator), blank: !text.trim() });
  // the second pass writes the row from these (articleRow would normalise and hash the text again)
  doc.text = text;
  l.textHash = textHash;
  for (const w of work) if (!sum.found.has(w.annotator)) sum.found.set(w.annotator, { name: w.annotator, line, spans: 0 });
  for (const s of doc.spans) {
    sum.found.get(s.annotator)!.spans++;
    sum.labelCounts.set(s.label, (sum.labelCounts.get(s.label) ?? 0) + 1);
  }
  collectAttributes(sum.attributes, doc);
  for (const r of doc.relations) sum.relationTypes.add(r.type);
  collectFragmentEnds(sum.fragmentEnds, doc);
}

/** A label key (lower case letters, digits and `_`, starting with a letter) derived from a name, free in `taken`. */
export function labelKey(name: string, taken: Set<string>): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  let key = ascii.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'label';
  if (!/^[a-z]/.test(key)) key = `l_${key}`;
  key = key.slice(0, 44);
  let candidate = key;
  for (let k = 2; taken.has(candidate); k++) candidate = `${key}_${k}`;
  return candidate;
}

/** The values each label of a file (by its name there) gives each attribute: what new labels declare. */
export type FileAttributes = Map<string, Map<string, Set<string>>>;

/** Adds a document's attribute values to `into` (read before relabelling; a label's values are kept up to 500). */
export function collectAttributes(into: FileAttributes, doc: ImportLine['doc']) {
  for (const s of doc.spans) {
    const attrs = into.get(s.label) ?? into.set(s.label, new Map()).get(s.label)!;
    for (const [k, v] of Object.entries(s.attributes))
      if (declarable(k) && v) {
        const vs = attrs.get(k) ?? attrs.set(k, new Set()).get(k)!;
        if (vs.size < MAX_VALUES) vs.add(v);
      }
  }
}

/**
 * The ends of a document's links that are (or, renamed to their declared
 * key, become) `fragment` links, as `type\0label name` in order, added to
 * `into` (read before labels are mapped and types renamed).
 */
export function collectFragmentEnds(into: Set<string>, doc: ImportLine['doc']) {
  const candidates = doc.relations.filter((r) => r.type === FRAGMENT || labelKey(r.type, new Set()) === FRAGMENT);
  if (!candidates.length) return;
  const label = new Map(doc.spans.map((s) => [s.id, s.label]));
  for (const r of candidates) [r.from, r.to].forEach((id) => label.has(id) && into.add(`${r.type}\0${label.get(id)!}`));
}


/** A part of the upload summarised on its own (lines numbered from 1), and how many lines it has. */
export interface SummaryPart {
  sum: FileSummary;
  lines: number;
}

/** Reads and checks a range of a JSONL upload as the first pass does its lines (`each`: after every line, with the bytes read). */
export function summariseRange(src: ByteSource, range: ByteRange, each: (read: number) => void): SummaryPart {
  const sum = emptySummary('jsonl');
  let lines = 0;
  for (const { line, text, read } of textLines(src, READ_CHUNK, range)) {
    lines = line;
    each(read);
    if (!text.trim()) continue;
    const r = parseLine(text, line);
    if ('error' in r) sum.errors.push({ line, message: r.error });
    else summarise(sum, r);
  }
  return { sum, lines };
}

/** Adds the summary of a later part of the file (its lines come after `offset` lines) to `into`: the same as summarising its lines there. */
export function mergeSummary(into: FileSummary, part: FileSummary, offset: number) {
  for (const info of part.infos) into.infos.push({ ...info, line: info.line + offset });
  for (const e of part.errors) into.errors.push({ line: e.line + offset, message: e.message });
  for (const [name, f] of part.found) {
    const had = into.found.get(name);
    if (had) had.spans += f.spans;
    else into.found.set(name, { ...f, line: f.line + offset });
  }
  for (const [label, n] of part.labelCounts) into.labelCounts.set(label, (into.labelCounts.get(label) ?? 0) + n);
  for (const [label, attrs] of part.attributes) {
    const to = into.attributes.get(label) ?? into.attributes.set(label, new Map()).get(label)!;
    for (const [k, values] of attrs) {
      const vs = to.get(k) ?? to.set(k, new Set()).get(k)!;
      for (const v of values) if (vs.size < MAX_VALUES) vs.add(v);
    }
  }
  for (const t of part.relationTypes) into.relationTypes.add(t);
  for (const e of part.fragmentEnds) into.fragmentEnds.add(e);
}
