/**
 * CoNLL-style token files (CoNLL-2003, www.clips.uantwerpen.be/conll2003/ner:
 * `token POS chunk NER` per line, sentences by blank lines, documents by
 * `-DOCSTART- -X- O O`), and the workbench's own multi-column export
 * (`-DOCSTART- <id>\t<annotator>`, then `token\tannotator\ttag…`). Columns
 * are split at tabs, or at spaces in a line without tabs. Tag columns are
 * those whose every value is an IOB tag (`O`, `B-X`, `I-X`, also `E-`/`S-`),
 * or only the last when other columns are no tags (CoNLL-2003's POS and
 * chunks), or the 1-based `columns` asked for; IOB1 (a span opened by `I-`), IOB2
 * and BIO are read alike. Without `-DOCSTART-` each sentence is a document.
 * The text is the tokens joined by spaces, sentences by line breaks.
 */
import { emptyRead, type ForeignDoc, type ForeignRead, type SourceFile } from './common.js';

export interface ConllReadOptions {
  /** 1-based columns holding tags (default: every column of IOB tags after the first). */
  columns?: number[];
}

const IOB = /^(O|[BIES]-.+)$/;

interface Block {
  line: number;
  id?: string;
  annotator?: string;
  rows: Array<{ line: number; fields: string[] }>;
  /** Indices into rows where a sentence starts. */
  starts: number[];
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  let block: Block | null = null;
  let fresh = true;
  const hasDocstart = /^-DOCSTART-/m.test(text);
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    if (raw.startsWith('-DOCSTART-')) {
      const [id, annotator] = raw.slice(10).trim().split('\t');
      out.push((block = { line: i + 1, rows: [], starts: [], ...(id && !/^-X-/.test(id) ? { id } : {}), ...(annotator ? { annotator } : {}) }));
      return void (fresh = true);
    }
    if (!raw.trim()) return void (fresh = true);
    if (!block || (fresh && !hasDocstart)) out.push((block = { line: i + 1, rows: [], starts: [] }));
    if (fresh) block.starts.push(block.rows.length);
    fresh = false;
    block.rows.push({ line: i + 1, fields: raw.includes('\t') ? raw.split('\t') : raw.trim().split(/ +/) });
  });
  return out.filter((b) => b.rows.length);
}

export function readConll(file: SourceFile, options: ConllReadOptions = {}): ForeignRead {
  const read = emptyRead();
  blocks(file.text).forEach((b, k) => {
    const first = b.annotator === undefined ? 1 : 2;
    const width = Math.min(...b.rows.map((r) => r.fields.length));
    const columns = options.columns?.map((c) => c - 1) ?? defaultColumns(b, first, width);
    const bad = b.rows.find((r) => columns.some((c) => !IOB.test(r.fields[c] ?? '')));
    if (bad) return void read.errors.push({ line: bad.line, message: `columns ${columns.map((c) => c + 1).join(', ')}: expected IOB tags (O, B-X, I-X), found "${bad.fields.join(' ')}"` });
    const starts: number[] = [];
    let text = '';
    b.rows.forEach((r, i) => {
      if (i > 0) text += b.starts.includes(i) ? '\n' : ' ';
      starts.push([...text].length);
      text += r.fields[0];
    });
    const doc: ForeignDoc = { line: b.line, where: `${file.name} document ${k + 1}`, text, spans: [], relations: [], ...(b.id ? { id: b.id } : {}) };
    const annotator = b.annotator ?? 'conll';
    for (const c of columns) {
      const ends = (i: number) => starts[i]! + [...b.rows[i]!.fields[0]!].length;
      for (const s of tagSpans(b.rows.map((r) => r.fields[c]!), b.starts))
        doc.spans.push({ id: `c${c}-${s.first}`, start: starts[s.first]!, end: ends(s.last), label: s.label, annotator });
    }
    read.docs.push(doc);
  });
  return read;
}

/**
 * Every column of IOB tags after the token, or, when the file also has
 * columns that are no tags (CoNLL-2003: POS, then chunk tags), its last
 * column only (the named entities).
 */
function defaultColumns(b: Block, first: number, width: number): number[] {
  const all = [...Array(width).keys()].filter((c) => c >= first);
  const tags = all.filter((c) => b.rows.every((r) => IOB.test(r.fields[c]!)));
  return tags.length === all.length ? tags : tags.filter((c) => c === width - 1);
}

/** Spans of IOB1/IOB2/BIOES tags; a sentence start closes a span. */
export function tagSpans(tags: string[], sentenceStarts: number[] = []): Array<{ label: string; first: number; last: number }> {
  const out: Array<{ label: string; first: number; last: number }> = [];
  let open: { label: string; first: number; last: number } | null = null;
  tags.forEach((tag, i) => {
    const prefix = tag[0];
    const label = tag.slice(2);
    const continues = open && open.label === label && (prefix === 'I' || prefix === 'E') && !sentenceStarts.includes(i);
    if (continues) open!.last = i;
    else {
      if (open) out.push(open);
      open = tag === 'O' ? null : { label, first: i, last: i };
    }
    if (open && (prefix === 'E' || prefix === 'S')) {
      out.push(open);
      open = null;
    }
  });
  if (open) out.push(open);
  return out;
}
