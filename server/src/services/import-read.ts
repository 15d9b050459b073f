import { unzipSync } from 'fflate';
import {
  detectFormat,
  IMPORT_FORMATS,
  nfcDocument,
  normaliseLineEnds,
  readForeign,
  type ForeignDoc,
  type ForeignOptions,
  type ForeignScheme,
  type ImportFormat,
  type SourceFile,
} from '@mbw/shared';
import { ApiError, badRequest } from '../http/errors.js';
import { decodeUpload, lineFromValue, parseImportLines, type ImportLine, type LineError } from './import-lines.js';

const MAX_ZIP_ENTRIES = 20_000;

/**
 * An upload as files: a zip's entries (each decoded as UTF-8 or BOM-marked
 * UTF-16, a bad one named), or the one file. Folders and macOS resource
 * forks in a zip are left out.
 */
export function readUpload(bytes: Uint8Array, name = 'upload'): SourceFile[] {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) return [{ name, text: decodeUpload(bytes) }];
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => !f.name.endsWith('/') && !/(^|\/)(__MACOSX|\.)/.test(f.name) });
  } catch (e) {
    throw badRequest(`Invalid body: not a readable zip (${(e as Error).message})`, { issues: [{ path: 'body', message: 'not a readable zip' }] });
  }
  const names = Object.keys(entries).sort();
  if (names.length > MAX_ZIP_ENTRIES) throw badRequest(`Invalid body: the zip holds more than ${MAX_ZIP_ENTRIES} files`, { issues: [{ path: 'body', message: 'too many files' }] });
  return names.map((n) => {
    try {
      return { name: n, text: decodeUpload(entries[n]!) };
    } catch (e) {
      if (e instanceof ApiError) throw new ApiError(400, e.code, `${n}: ${e.message}`, e.details);
      throw e;
    }
  });
}

export interface ReadImport {
  format: ImportFormat;
  lines: ImportLine[];
  errors: LineError[];
  skipped: Array<{ line: number; where: string; reason: string }>;
  /** Texts changed on the way in (made NFC, offsets moved), and how. */
  changed?: Array<{ line: number; where: string; reason: string }>;
  /** The scheme the file declares (brat's `annotation.conf`). */
  scheme?: ForeignScheme;
}

/**
 * The upload as article lines in the interchange shape, whatever its format
 * (`format`, or detected): JSONL line by line, plain text as one article,
 * every other format through its reader, with line ends normalised and
 * text made NFC, offsets moved (a span NFC would cut refuses its document).
 */
export function readImport(files: SourceFile[], format: ImportFormat | undefined, options: ForeignOptions, txtLine: (body: string) => ImportLine): ReadImport {
  const f = format ?? detectFormat(files);
  if (!IMPORT_FORMATS.includes(f)) throw badRequest(`Invalid query: format: "${f}"`, { issues: [{ path: 'format', message: 'unknown format' }] });
  if (f === 'jsonl' || f === 'txt') {
    if (files.length !== 1) throw badRequest(`Invalid body: a ${f} import is one file, not a zip`, { issues: [{ path: 'format', message: `${f} takes one file` }] });
    if (f === 'txt') return { format: f, lines: [txtLine(files[0]!.text)], errors: [], skipped: [] };
    return { format: f, ...parseImportLines(files[0]!.text), skipped: [] };
  }
  const read = readForeign(f, files, options);
  const errors: LineError[] = [...read.errors];
  const lines: ImportLine[] = [];
  const changed: ReadImport['changed'] = [];
  for (const doc of read.docs) {
    const nfc = nfcDocument(normaliseLineEnds(doc));
    if ('error' in nfc) {
      errors.push({ line: doc.line, message: `${doc.where}: ${nfc.error}` });
      continue;
    }
    if (nfc.changed) changed.push({ line: doc.line, where: doc.id || doc.where, reason: nfc.changed });
    const r = lineFromValue(toValue(nfc.doc), doc.line);
    if ('error' in r) errors.push({ line: doc.line, message: `${doc.where}: ${r.error}` });
    else lines.push(r);
  }
  if (!lines.length && !errors.length) throw badRequest('Invalid body: the file has no articles', { issues: [{ path: 'body', message: 'empty' }] });
  return { format: f, lines, errors, skipped: read.skipped, changed, ...(read.scheme ? { scheme: read.scheme } : {}) };
}

/** A foreign document (NFC text, `\n` line ends) as an interchange line (JSON value). */
function toValue(doc: ForeignDoc): Record<string, unknown> {
  const annotators = [...new Set([...(doc.annotators ?? []), ...doc.spans.map((s) => s.annotator)])];
  return {
    ...(doc.id ? { id: doc.id } : {}),
    text: doc.text,
    meta: doc.meta ?? {},
    spans: doc.spans.map((s) => ({ ...s, attributes: s.attributes ?? {} })),
    relations: doc.relations,
    annotators: annotators.map((annotator) => ({ annotator, status: doc.spans.find((s) => s.annotator === annotator)?.status ?? 'submitted' })),
  };
}
