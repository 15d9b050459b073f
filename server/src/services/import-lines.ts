import { z } from 'zod';
import {
  decodeFileBytes,
  illFormedPath,
  lineEndShift,
  parseJsonlLine,
  parseJsonlValue,
  spanStatusSchema,
  type ExportDoc,
  type SpanStatus,
} from '@mbw/shared';
import { ApiError, badRequest } from '../http/errors.js';

/** One article line of a JSONL file, with who worked on it and in which status. */
export interface ImportLine {
  /** 1-based line number in the file. */
  line: number;
  doc: ExportDoc;
  /** Each annotator's work on the document (spans or none) and its one status. */
  work: Array<{ annotator: string; status: SpanStatus }>;
  /** Set by the first pass: `doc.text` is normalised and this is its SHA-256 (the article row reuses both). */
  textHash?: string;
}

export type LineError = { line: number; message: string };

/** A 400 listing bad lines: nothing is imported. */
export function lineErrors(errors: LineError[]): ApiError {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const first = sorted[0]!;
  const more = sorted.length > 1 ? ` (and ${sorted.length - 1} more bad lines)` : '';
  return new ApiError(400, 'invalid_input', `Nothing was imported. Line ${first.line}: ${first.message}${more}`, { errors: sorted });
}

/**
 * A file's bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM.
 * Anything else (Windows-1252, Latin-1, UTF-16 without BOM) is a 400 naming
 * the line of the first bad byte: a guess would store mojibake.
 */
export function decodeUpload(bytes: Uint8Array): string {
  const decoded = decodeFileBytes(bytes);
  if (decoded.ok) return decoded.text;
  throw new ApiError(400, 'invalid_input', decoded.message.startsWith('Line') ? decoded.message : `Line ${decoded.line}: ${decoded.message}`, {
    errors: [{ line: decoded.line, message: decoded.message }],
    issues: [{ path: 'body', message: decoded.message }],
  });
}

/** A line whose text has `\r\n` or `\r` line ends, with `\n` ones and its spans' offsets and quotes moved. */
function withLineEnds(value: unknown): unknown {
  const v = value as { text?: unknown; spans?: unknown };
  if (!v || typeof v !== 'object' || typeof v.text !== 'string' || !v.text.includes('\r')) return value;
  const { text, at } = lineEndShift(v.text);
  const nl = (q: unknown) => (typeof q === 'string' ? q.replace(/\r\n?/g, '\n') : q);
  const move = (s: Record<string, unknown>) => ({ ...s, ...(typeof s.start === 'number' ? { start: at(s.start) } : {}), ...(typeof s.end === 'number' ? { end: at(s.end) } : {}), ...(s.quote === undefined ? {} : { quote: nl(s.quote) }) });
  return { ...v, text, spans: Array.isArray(v.spans) ? v.spans.map((s) => (s && typeof s === 'object' ? move(s as Record<string, unknown>) : s)) : v.spans };
}

/** The document's `status` (validated by `importDocSchema`), which `ExportDoc` does not carry. */
const lineExtrasSchema = z.object({ status: spanStatusSchema.optional() });

/**
 * Parses a JSONL file into article lines and the bad lines (not JSON, not
 * the interchange shape, a string that is not well-formed Unicode, an
 * annotator whose spans mix statuses). A file without any line is a 400.
 */
export function parseImportLines(body: string): { lines: ImportLine[]; errors: LineError[] } {
  const lines: ImportLine[] = [];
  const errors: LineError[] = [];
  body.split(/\r\n|\r|\n/).forEach((text, i) => {
    if (!text.trim()) return;
    const r = parseLine(text, i + 1);
    if ('error' in r) errors.push({ line: i + 1, message: r.error });
    else lines.push(r);
  });
  if (!lines.length && !errors.length) throw badRequest('Invalid body: the file has no articles', { issues: [{ path: 'body', message: 'empty' }] });
  return { lines, errors };
}

/** One JSONL line (not blank) as an article line, or why it is refused. */
export function parseLine(text: string, line: number): ImportLine | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON (${(e as Error).message})` };
  }
  return lineFromValue(value, line, null);
}

/**
 * One article from a parsed JSON value (a JSONL line, or a document a
 * foreign-format reader made), checked as a JSONL line is. `text` is the
 * value as JSON; null when the value came from JSON.parse (it is used as it
 * is: the same as parsing its JSON again).
 */
export function lineFromValue(value: unknown, line: number, text: string | null = JSON.stringify(value)): ImportLine | { error: string } {
  const moved = withLineEnds(value);
  if (moved !== value) [value, text] = [moved, JSON.stringify(moved)];
  // Checked on the value as sent, so the path is the file's: SQLite would store U+FFFD instead.
  const bad = wellFormed(value) ? null : illFormedPath(value);
  if (bad !== null) return { error: `${bad}: is not well-formed Unicode (it holds a lone surrogate)` };
  const r = text === null ? parseJsonlValue(value, '') : parseJsonlLine(text, ''); // no id: the article gets no external id
  if ('error' in r) return r;
  // Most lines have no document status: zod only when there is one (same messages).
  const status = (value as { status?: unknown }).status;
  const extras = status === undefined ? { success: true as const, data: {} } : lineExtrasSchema.safeParse(value);
  if (!extras.success) return { error: extras.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const work = workOf(r.doc, extras.data);
  return 'error' in work ? work : { line, doc: r.doc, work };
}

const isWellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;

/** Whether every string (and key) in a JSON value is well-formed Unicode: the fast check; illFormedPath names the path when not. */
function wellFormed(value: unknown): boolean {
  if (typeof value === 'string') return isWellFormed ? isWellFormed.call(value) : illFormedPath(value) === null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!wellFormed(value[i])) return false;
    return true;
  }
  if (value && typeof value === 'object') {
    for (const k in value) if (!wellFormed(k) || !wellFormed((value as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * Each annotator's status on the document: a span's own `status`, else the
 * status the document's `annotators` list gives them, else the document's
 * `status`, else `submitted`. One annotator's spans must share one status
 * (their assignment has one).
 */
function workOf(doc: ExportDoc, extras: z.infer<typeof lineExtrasSchema>): ImportLine['work'] | { error: string } {
  const listed = new Map((doc.annotators ?? []).map((a) => [a.annotator, a.status]));
  const status = new Map<string, { status: SpanStatus; from: string }>();
  for (const [annotator, s] of listed) status.set(annotator, { status: s, from: 'annotators' });
  for (const [k, span] of doc.spans.entries()) {
    const own = span.status ?? listed.get(span.annotator) ?? extras.status ?? 'submitted';
    const before = status.get(span.annotator);
    if (before && before.status !== own)
      return {
        error: `spans.${k}.status: ${JSON.stringify(span.annotator)}'s work on this document is both ${before.status} (${before.from}) and ${own}; one annotator's work on a document has one status`,
      };
    status.set(span.annotator, { status: own, from: `spans.${k}` });
  }
  return [...status].map(([annotator, s]) => ({ annotator, status: s.status }));
}
