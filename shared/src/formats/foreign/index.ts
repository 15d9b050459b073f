/**
 * Foreign formats into interchange documents: one reader per format, one
 * detector, and the line-end normalisation every document goes through.
 */
import { readBrat, type BratReadOptions } from './brat.js';
import { readConll, type ConllReadOptions } from './conll.js';
import { readDoccano } from './doccano.js';
import { readLabelStudio } from './labelstudio.js';
import { readSpacy } from './spacy.js';
import { readW3c } from './w3c.js';
import { readWebAnno, type WebAnnoReadOptions } from './webanno.js';
import { isObject, type ForeignDoc, type ForeignRead, type ImportFormat, type SourceFile } from './common.js';

export * from './common.js';
export { nfcDocument } from './nfc.js';
export { tagSpans } from './conll.js';
export { parseBratConf, type BratConf } from './bratConf.js';

export type ForeignFormat = Exclude<ImportFormat, 'jsonl' | 'txt'>;
export type ForeignOptions = BratReadOptions & ConllReadOptions & WebAnnoReadOptions;

/** Reads the upload's files (one, or a zip's) as `format`. */
export function readForeign(format: ForeignFormat, files: SourceFile[], options: ForeignOptions = {}): ForeignRead {
  const one = () => files.find((f) => !f.name.endsWith('/')) ?? { name: 'upload', text: '' };
  switch (format) {
    case 'brat':
      return readBrat(files, options);
    case 'webanno':
      return readWebAnno(files, options);
    case 'w3c':
      return readW3c(files);
    case 'labelstudio':
      return readLabelStudio(one());
    case 'doccano':
      return readDoccano(one());
    case 'spacy':
      return readSpacy(one());
    case 'conll':
      return readConll(one(), options);
  }
}

/**
 * The format of an upload from its files' names and contents: a zip with
 * `.ann` files is brat, with `.tsv` files WebAnno, with `.json(ld)` files
 * W3C; a single file by its first bytes.
 */
export function detectFormat(files: SourceFile[]): ImportFormat {
  if (files.length > 1 || files.some((f) => f.name.includes('/'))) {
    if (files.some((f) => f.name.endsWith('.ann'))) return 'brat';
    if (files.some((f) => f.name.endsWith('.tsv'))) return 'webanno';
    if (files.some((f) => /\.json(ld)?$/.test(f.name))) return 'w3c';
  }
  const text = (files[0]?.text ?? '').replace(/^\uFEFF/, '');
  const head = text.trimStart();
  if (head.startsWith('#FORMAT=WebAnno TSV')) return 'webanno';
  if (head.startsWith('-DOCSTART-') || /^\S+([\t ]+\S+)*[\t ]+(O|[BIES]-\S+)\r?$/m.test(head.split(/\r\n|\r|\n/, 1)[0]!)) return 'conll';
  if (head.startsWith('[') || (head.startsWith('{') && /^\{[\s\S]*\}\s*$/.test(head) && !/\}\s*[\r\n]+\s*\{/.test(head))) return jsonDocumentFormat(head);
  if (head.startsWith('{')) return jsonLinesFormat(head.split(/\r\n|\r|\n/, 1)[0]!);
  return 'txt';
}

function jsonDocumentFormat(head: string): ImportFormat {
  if (/"(@context|type)"\s*:\s*(\[\s*)?"(Annotation|AnnotationCollection|AnnotationPage)"|"@context"/.test(head.slice(0, 2000))) return 'w3c';
  if (head.startsWith('[')) return 'labelstudio';
  return jsonLinesFormat(head);
}

function jsonLinesFormat(line: string): ImportFormat {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return 'jsonl';
  }
  const spans = Array.isArray(v.spans) ? (v.spans as Array<Record<string, unknown>>) : [];
  if (v.entities !== undefined || (Array.isArray(v.label) && !spans.length)) return 'doccano';
  if (v.tokens !== undefined || v._annotator_id !== undefined || v.answer !== undefined || spans.some((s) => s && s.annotator === undefined)) return 'spacy';
  if (v.type === 'Annotation') return 'w3c';
  if (Array.isArray(v.annotations) || Array.isArray(v.completions) || (isObject(v.data) && Array.isArray(v.predictions))) return 'labelstudio';
  return 'jsonl';
}

/**
 * The text with `\r\n` and lone `\r` line ends made `\n`, and a function
 * moving code point offsets of the old text to the new: a CRLF pair is one
 * code point less, a lone CR the same count (no offset moves).
 */
export function lineEndShift(text: string): { text: string; at: (offset: number) => number } {
  if (!text.includes('\r')) return { text, at: (o) => o };
  const chars = [...text];
  const shift: number[] = new Array(chars.length + 1);
  let removed = 0;
  let out = '';
  chars.forEach((c, i) => {
    shift[i] = i - removed;
    if (c === '\r' && chars[i + 1] === '\n') removed++;
    else out += c === '\r' ? '\n' : c;
  });
  shift[chars.length] = chars.length - removed;
  return { text: out, at: (o) => shift[o] ?? o };
}

/** The document with line ends made `\n` and its span offsets moved (see lineEndShift). */
export function normaliseLineEnds(doc: ForeignDoc): ForeignDoc {
  const { text, at } = lineEndShift(doc.text);
  if (text === doc.text) return doc;
  return { ...doc, text, spans: doc.spans.map((s) => ({ ...s, start: at(s.start), end: at(s.end) })) };
}
