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
 * spreadsheet programs need to read the umlauts right.
 */
import type { LossSink } from './manifest.js';
import type { ExportDoc } from './model.js';

export const CSV_COLUMNS = ['article_id', 'span_id', 'annotator', 'label', 'start', 'end', 'quote', 'attributes', 'note', 'status'] as const;

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
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
