/**
 * The import's first pass (issue 13): reads the upload once, checks every
 * line, and keeps only what the plan needs (labels, attribute values,
 * annotator names, each article's duplicate keys and counts). The checked
 * lines go to a line store the second pass reads back: for JSONL a spill
 * file on disk (one checked line a line, so memory does not grow with the
 * file), for the other formats (read whole by their readers) the lines in
 * memory. Nothing here reads the database. (A big JSONL file on disk takes
 * the parallel way instead: import-parallel.ts.)
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFormat, type ForeignOptions, type ImportFormat, type SourceFile } from '@mbw/shared';
import { ApiError, badRequest } from '../http/errors.js';
import { parseLine, type ImportLine } from './import-lines.js';
import { readImport, readUpload } from './import-read.js';
import { emptySummary, summarise, type FileSummary } from './import-summary.js';
import { headBytes, textLines, wholeBytes, type ByteSource } from './import-source.js';

/** An upload: its files (one, or a zip's), or its bytes (a file on disk or in memory); and the format asked for (detected when left out). */
export type Upload = { files: SourceFile[]; format?: ImportFormat } | { source: ByteSource; format?: ImportFormat };

export type { FileSummary, LineInfo } from './import-summary.js';

/** The checked lines, for the second pass. */
export interface LineStore {
  lines(): Iterable<ImportLine>;
  dispose(): void;
}

/** The import's shared control (a job's): [0] cancel flag, [1] done, [2] total, [3] phase (0 reading, 1 writing), [4] 1 while it holds (or waits for) the write lock. */
export type Control = Int32Array | undefined;

export const IMPORT_CANCELLED = 'The import was cancelled: nothing was imported.';

export function checkCancelled(control: Control) {
  if (control && Atomics.load(control, 0)) throw new ApiError(409, 'cancelled', IMPORT_CANCELLED);
}

export const CONTROL_SLOTS = 5;

/** Marks the import as holding SQLite's write lock (the request thread holds its own writes back meanwhile: importJobs.ts). */
export function setWriting(control: Control, writing: boolean) {
  if (control) Atomics.store(control, 4, writing ? 1 : 0);
}

export function setProgress(control: Control, phase: number, done: number, total: number) {
  if (!control) return;
  Atomics.store(control, 3, phase);
  Atomics.store(control, 2, total);
  Atomics.store(control, 1, done);
}

const HEAD_BYTES = 1 << 20;

/**
 * The format of a streamable JSONL upload, or null when the upload must be
 * read whole (a zip, another format, or a head that cannot tell: detection
 * then reads the whole file, as before).
 */
export function streamedJsonl(src: ByteSource, asked: ImportFormat | undefined): boolean {
  const head = headBytes(src, HEAD_BYTES);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return false;
  if (asked) return asked === 'jsonl';
  if (head.length < HEAD_BYTES) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.lastIndexOf(0x0a) + 1));
  } catch {
    return false;
  }
  const first = text.replace(/^\uFEFF/, '').trimStart().split(/\r\n|\r|\n/, 1)[0]!;
  try {
    JSON.parse(first);
  } catch {
    return false;
  }
  // Two complete lines and the first one JSON: the head says what the whole file would.
  return text.includes('\n', text.indexOf(first) + first.length + 1) && detectFormat([{ name: src.name, text }]) === 'jsonl';
}

/** Checked lines written to a temporary file, one JSON a line, and read back one at a time. */
class SpillStore implements LineStore {
  private readonly dir = mkdtempSync(join(tmpdir(), 'mbw-import-'));
  private readonly file = join(this.dir, 'lines.jsonl');
  private fd: number | null = openSync(this.file, 'w');
  private buffer: string[] = [];
  private size = 0;

  add(l: ImportLine) {
    const s = `${JSON.stringify(l)}\n`;
    this.buffer.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }

  private flush() {
    if (this.buffer.length) writeSync(this.fd!, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  *lines(): Iterable<ImportLine> {
    if (this.fd !== null) {
      this.flush();
      closeSync(this.fd);
      this.fd = null;
    }
    for (const { text } of textLines({ name: 'spill', path: this.file })) if (text) yield JSON.parse(text) as ImportLine;
  }

  dispose() {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Reads and checks the upload: JSONL streamed line by line (a bad line is
 * recorded with its number; nothing is kept but the summary and the spill),
 * every other format through its reader as a whole.
 */
export function firstPass(upload: Upload, options: ForeignOptions, txtLine: (body: string) => ImportLine, control: Control): { summary: FileSummary; store: LineStore } {
  if ('source' in upload && streamedJsonl(upload.source, upload.format)) {
    const sum = emptySummary('jsonl');
    const store = new SpillStore();
    try {
      const total = upload.source.bytes?.length ?? statSync(upload.source.path!).size;
      for (const { line, text, read } of textLines(upload.source)) {
        checkCancelled(control);
        setProgress(control, 0, read, total);
        if (!text.trim()) continue;
        const r = parseLine(text, line);
        if ('error' in r) sum.errors.push({ line, message: r.error });
        else {
          summarise(sum, r);
          store.add(r);
        }
      }
      if (!sum.infos.length && !sum.errors.length) throw badRequest('Invalid body: the file has no articles', { issues: [{ path: 'body', message: 'empty' }] });
      return { summary: sum, store };
    } catch (e) {
      store.dispose();
      throw e;
    }
  }
  const files = 'files' in upload ? upload.files : readUpload(wholeBytes(upload.source), upload.source.name);
  const read = readImport(files, upload.format, options, txtLine);
  const sum: FileSummary = { ...emptySummary(read.format), errors: read.errors, skipped: read.skipped, ...(read.changed?.length ? { changed: read.changed } : {}), ...(read.scheme ? { scheme: read.scheme } : {}) };
  for (const l of read.lines) summarise(sum, l);
  return { summary: sum, store: { lines: () => read.lines, dispose: () => {} } };
}
