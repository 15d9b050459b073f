/**
 * What every foreign-format reader produces: documents in the interchange
 * shape (offsets in code points of the document's text as the file gives
 * it; line ends are normalised later, with the offsets), plus what was
 * skipped and why, and what is wrong. One writer stores them all.
 */
import type { SpanStatus } from '../model.js';

export const IMPORT_FORMATS = ['jsonl', 'txt', 'webanno', 'brat', 'labelstudio', 'doccano', 'spacy', 'w3c', 'conll'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One file of an upload (a zip holds several). */
export interface SourceFile {
  name: string;
  text: string;
}

export interface ForeignSpan {
  id?: string;
  start: number;
  end: number;
  label: string;
  annotator: string;
  status?: SpanStatus;
  attributes?: Record<string, string>;
  note?: string | null;
}

export interface ForeignDoc {
  /** The 1-based line of the file (JSON lines), or the document's number in the upload. */
  line: number;
  /** Where the document came from (file name), for messages. */
  where: string;
  id?: string;
  text: string;
  meta?: Record<string, string>;
  spans: ForeignSpan[];
  relations: Array<{ from: string; to: string; type: string }>;
  /** Annotators who worked on the document (with no span too). */
  annotators?: string[];
}

/** Something of the file that is not imported, and why (never an error). */
export interface ForeignSkip {
  line: number;
  where: string;
  reason: string;
}

export interface ForeignError {
  line: number;
  message: string;
}

/**
 * What a file's own scheme declares (brat's `annotation.conf`): span types
 * with their attributes (a flag has the values `true`, `false`), link types
 * between span types, and how the file's spans fit it.
 */
export interface ForeignScheme {
  where: string;
  labels: Array<{ name: string; attributes: Array<{ key: string; values: string[] }> }>;
  /** Link types, from and to the declared span types they join (hierarchy and `<ENTITY>` resolved). */
  relations: Array<{ type: string; from: string[]; to: string[] }>;
  /** Declared span types no span uses (not created). */
  unused: string[];
  /** Spans the scheme does not declare as they are (kept, and said so). */
  conflicts: ForeignSkip[];
}

export interface ForeignRead {
  docs: ForeignDoc[];
  skipped: ForeignSkip[];
  errors: ForeignError[];
  scheme?: ForeignScheme;
}

export const emptyRead = (): ForeignRead => ({ docs: [], skipped: [], errors: [] });

/** Non-blank lines with their 1-based numbers (line ends `\n`, `\r\n` or `\r`). */
export function numberedLines(text: string): Array<{ line: number; text: string }> {
  return text
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ line: i + 1, text: t }))
    .filter((l) => l.text.trim());
}

/** Parses JSON lines; a bad line is an error naming it. */
export function jsonLines(text: string, read: ForeignRead): Array<{ line: number; value: Record<string, unknown> }> {
  const out: Array<{ line: number; value: Record<string, unknown> }> = [];
  for (const l of numberedLines(text)) {
    try {
      const value: unknown = JSON.parse(l.text);
      if (value && typeof value === 'object' && !Array.isArray(value)) out.push({ line: l.line, value: value as Record<string, unknown> });
      else read.errors.push({ line: l.line, message: 'must be a JSON object' });
    } catch (e) {
      read.errors.push({ line: l.line, message: `not valid JSON (${(e as Error).message})` });
    }
  }
  return out;
}

/** Code point offsets of `[start, end)` given in UTF-16 code units. */
export function utf16ToCodePoints(text: string, start: number, end: number): [number, number] {
  const cp = (u: number) => [...text.slice(0, u)].length;
  return [cp(start), cp(end)];
}

const cpSlice = (chars: string[], s: number, e: number) => chars.slice(s, e).join('');

/**
 * Places a span a tool gave as `[start, end)` with the text it says it
 * covers: code points first (Python tools), then UTF-16 units (JavaScript
 * tools). Answers code point offsets or why the span cannot be placed.
 */
export function placeSpan(text: string, start: number, end: number, quote?: string): { start: number; end: number } | { error: string } {
  const chars = [...text];
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) return { error: `offsets ${start}–${end} are no span` };
  if (quote === undefined || cpSlice(chars, start, end) === quote) {
    if (end > chars.length) return { error: `offsets ${start}–${end} are past the end of the text (${chars.length} characters)` };
    return { start, end };
  }
  if (text.slice(start, end) === quote) {
    const [s, e] = utf16ToCodePoints(text, start, end);
    return { start: s, end: e };
  }
  return { error: `the text at ${start}–${end} is ${JSON.stringify(cpSlice(chars, start, end))}, not ${JSON.stringify(quote)}` };
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
