/**
 * The JSONL interchange format of DESIGN.md: one article a line,
 * `{id, text, meta, spans: [{id, start, end, label, annotator, status?,
 * attributes, note?, quote}], relations: [{from, to, type}], annotators?:
 * [{annotator, status}], labels?: [key], attributeKeys?: {label: [key]}}`, offsets in code points; a span's
 * `status` is `submitted` or `draft` (its annotator's work on the article).
 *
 * The writer emits keys in one fixed order, so export → import → export
 * gives the same bytes. The reader accepts what other tools leave out
 * (`meta`, `relations`, a span's `id`, `attributes`, `quote`), fills it in,
 * and reports every bad line with its 1-based number; when any line is bad
 * it returns no documents at all, so an import is all or nothing.
 */
import { normalizeText } from '../text.js';
import { fastImportDoc } from './importDocFast.js';
import { importDocSchema, toExportDoc, type ExportDoc, type ExportSpan } from './model.js';

/**
 * `JSON.stringify`, with the characters Python's `str.splitlines()` (and
 * some editors) take for line breaks escaped: U+0085, U+2028, U+2029. The
 * other ones (`\n`, `\r`, `\v`, `\f`, `\x1c`–`\x1e`) JSON escapes anyway,
 * so a JSONL line is one line for every reader.
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * One line of JSONL (without the line break). Keys in a fixed order: `id`,
 * `text`, `meta`, `spans`, `relations`, then, when the writer knows them,
 * `annotators` (who worked on the article and the status of that work, with
 * no span too), `labels` (the project's label keys) and `attributeKeys` (each
 * label's attribute keys).
 */
export function toJsonlLine(doc: ExportDoc): string {
  return jsonLine({
    id: doc.id,
    text: doc.text,
    meta: doc.meta,
    spans: doc.spans.map(canonicalSpan),
    relations: doc.relations.map((r) => ({ from: r.from, to: r.to, type: r.type })),
    ...(doc.annotators ? { annotators: doc.annotators.map((a) => ({ annotator: a.annotator, status: a.status })) } : {}),
    ...(doc.labels ? { labels: doc.labels } : {}),
    ...(doc.attributeKeys ? { attributeKeys: doc.attributeKeys } : {}),
  });
}

function canonicalSpan(s: ExportSpan) {
  return {
    id: s.id,
    start: s.start,
    end: s.end,
    label: s.label,
    annotator: s.annotator,
    ...(s.status === undefined ? {} : { status: s.status }),
    attributes: s.attributes,
    ...(s.note === undefined ? {} : { note: s.note }),
    quote: s.quote,
    ...(s.provenance === undefined ? {} : { provenance: s.provenance }),
  };
}

/** The export as chunks, one line (with its `\n`) per document, for streaming. JSONL loses nothing. */
export function* jsonlChunks(docs: Iterable<ExportDoc>): Generator<string> {
  for (const doc of docs) yield toJsonlLine(doc) + '\n';
}

export interface JsonlError {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export type JsonlParseResult = { ok: true; docs: ExportDoc[] } | { ok: false; errors: JsonlError[] };

const META_KEYS = ['title', 'source', 'url', 'publishedAt'] as const;

/**
 * Parses one line (for callers that stream a file line by line). A line
 * without an `id` gets `fallbackId` (an error when none is given); flat lines
 * (`{"text", "title", "source", …}`) have their fields taken into `meta`.
 * Blank lines and duplicate ids are the caller's business (`parseJsonl`
 * handles both).
 */
export function parseJsonlLine(text: string, fallbackId?: string): { doc: ExportDoc } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON (${(e as Error).message})` };
  }
  return parseJsonlValue(value, fallbackId);
}

/** `parseJsonlLine` on a value already parsed (a caller that needs the value too parses the line once). */
export function parseJsonlValue(value: unknown, fallbackId?: string): { doc: ExportDoc } | { error: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'must be a JSON object' };
  const flat = value as Record<string, unknown>;
  const lifted = Object.fromEntries(META_KEYS.filter((k) => typeof flat[k] === 'string').map((k) => [k, flat[k]]));
  if (Object.keys(lifted).length) value = { ...flat, meta: { ...lifted, ...(flat.meta as object | undefined) } };
  // a well-formed line is checked by hand; the schema sees the others and names what is wrong
  const fast = fastImportDoc(value);
  const parsed = fast ? ({ success: true, data: fast } as const) : importDocSchema.safeParse(value);
  if (!parsed.success) {
    return { error: parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') };
  }
  const input = parsed.data;
  // Offsets refer to the text as given, so the text must already be what
  // the workbench stores; a text without spans is simply normalised.
  const normal = normalizeText(input.text);
  if (normal !== input.text) {
    if (input.spans?.length) return { error: 'text: is not NFC with \\n line ends, so its span offsets cannot be kept; normalise text and offsets first' };
    input.text = normal;
  }
  const id = input.id ?? fallbackId;
  if (id === undefined) return { error: 'id: Invalid input: expected string, received undefined' };
  const result = toExportDoc({ ...input, id });
  if ('problems' in result) return { error: result.problems.map((p) => `${p.path}: ${p.message}`).join('; ') };
  return { doc: result.doc };
}

/**
 * Parses a whole JSONL file. Lines may end in `\n` or `\r\n`; blank lines
 * are skipped; a leading BOM is ignored; article ids must be unique.
 * `onProgress` (optional) hears the lines read of all.
 */
export function parseJsonl(text: string, onProgress?: (done: number, total: number) => void): JsonlParseResult {
  const docs: ExportDoc[] = [];
  const errors: JsonlError[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    onProgress?.(i, lines.length);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) return;
    const r = parseJsonlLine(line);
    if ('error' in r) return void errors.push({ line: i + 1, message: r.error });
    const first = seen.get(r.doc.id);
    if (first !== undefined) return void errors.push({ line: i + 1, message: `id: duplicate article id "${r.doc.id}" (first on line ${first})` });
    seen.set(r.doc.id, i + 1);
    docs.push(r.doc);
  });
  onProgress?.(lines.length, lines.length);
  return errors.length ? { ok: false, errors } : { ok: true, docs };
}
