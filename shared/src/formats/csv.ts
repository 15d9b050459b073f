/**
 * CSV of spans, one row a span, RFC 4180: comma separated, CRLF line ends,
 * a field in double quotes when it holds a comma, a quote, CR or LF (a quote
 * inside doubled), and a header row:
 *
 *   article_id,span_id,annotator,label,start,end,quote,attributes,note,status
 *
 * `start`/`end` are code points (Python `text[start:end]`); `attributes` is
 * a JSON object (`{}` when none); an absent note is an empty field; `status`
 * is the annotator's work on the article, `submitted` or `draft` (empty when
 * unknown). Links between spans have no place here (reported as lost). With
 * `bom: true` the first chunk starts with a UTF-8 byte order mark, which
 * spreadsheet programs need to read the umlauts right. A field starting
 * with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` (see csvField).
 */
import type { LossSink } from './manifest.js';
import type { ExportDoc } from './model.js';

export const CSV_COLUMNS = ['article_id', 'span_id', 'annotator', 'label', 'start', 'end', 'quote', 'attributes', 'note', 'status'] as const;

/**
 * What a spreadsheet takes for the start of a formula (OWASP's CSV injection
 * rule): `=`, `+`, `-`, `@`, tab and carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field: a value a spreadsheet would run as a formula (a note
 * `=HYPERLINK(…)`) gets a leading `'`, so it is shown as text; then quoted
 * when RFC 4180 requires it. A quote starting with one of those characters
 * therefore reads `'-…` in the CSV (start/end still select the text without it).
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record with its CRLF. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** The export as chunks: the header, then one chunk of rows per document. */
export function* csvChunks(docs: Iterable<ExportDoc>, options: { bom?: boolean } = {}, sink?: LossSink): Generator<string> {
  yield (options.bom ? '\uFEFF' : '') + csvRecord(CSV_COLUMNS);
  for (const doc of docs) {
    sink?.(doc, doc.relations.map((relation) => ({ kind: 'relations', relation })));
    if (!doc.spans.length) continue;
    yield doc.spans
      .map((s) => csvRecord([doc.id, s.id, s.annotator, s.label, String(s.start), String(s.end), s.quote, JSON.stringify(s.attributes), s.note ?? '', s.status ?? '']))
      .join('');
  }
}
