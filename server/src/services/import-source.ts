/**
 * Reading an upload line by line without holding it (issue 13: an import's
 * memory must not grow with the file). The bytes come from a file (the
 * request body streamed to disk, a CLI argument) or from memory, in chunks;
 * each line is decoded as UTF-8 on its own. A file that is not UTF-8 is
 * refused exactly as `decodeUpload` refuses it (first bad byte, its line); a
 * UTF-16 file (byte-order mark) is decoded whole, as before.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { decodeUpload } from './import-lines.js';

/** An upload's bytes: a file on disk or bytes in memory, and its name. */
export interface ByteSource {
  name: string;
  path?: string;
  bytes?: Uint8Array;
}

/** One line of text (without its line end), its 1-based number, and the bytes read so far (for progress). */
export interface TextLine {
  line: number;
  text: string;
  read: number;
}

export const READ_CHUNK = 1 << 20;

/**
 * What the reader held at most, in bytes: one chunk and the unfinished line
 * carried over. A test holds it under a bound that does not grow with the file.
 */
export const readerStats = { peakBytes: 0 };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A part of a source: its bytes from `from` up to (not including) `to`. */
export interface ByteRange {
  from: number;
  to: number;
}

function* chunks(src: ByteSource, size: number, range?: ByteRange): Generator<Uint8Array> {
  if (src.bytes) {
    const bytes = range ? src.bytes.subarray(range.from, range.to) : src.bytes;
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    return;
  }
  const fd = openSync(src.path!, 'r');
  try {
    const buf = Buffer.allocUnsafe(size);
    if (!range) {
      for (let n = readSync(fd, buf, 0, size, null); n > 0; n = readSync(fd, buf, 0, size, null)) yield buf.subarray(0, n);
      return;
    }
    for (let at = range.from, n = 1; at < range.to && n > 0; at += n) {
      n = readSync(fd, buf, 0, Math.min(size, range.to - at), at);
      if (n > 0) yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The source cut into about `parts` ranges, each ending just after a line
 * feed (or at the end): read range by range, their lines are the file's.
 */
export function lineRanges(src: ByteSource, total: number, parts: number): ByteRange[] {
  const cuts = [0];
  for (let k = 1; k < parts; k++) {
    const cut = nextLineStart(src, Math.max(cuts[cuts.length - 1]!, Math.floor((total * k) / parts)), total);
    if (cut > cuts[cuts.length - 1]! && cut < total) cuts.push(cut);
  }
  return cuts.map((from, k) => ({ from, to: cuts[k + 1] ?? total }));
}

/** The offset just after the first line feed at or after `at` (or `total`). */
function nextLineStart(src: ByteSource, at: number, total: number): number {
  let pos = at;
  for (const c of chunks(src, 1 << 16, { from: at, to: total })) {
    const nl = c.indexOf(0x0a);
    if (nl >= 0) return pos + nl + 1;
    pos += c.length;
  }
  return total;
}

/** The first bytes of the source (format detection, byte-order marks). */
export function headBytes(src: ByteSource, n: number): Uint8Array {
  if (src.bytes) return src.bytes.subarray(0, n);
  for (const c of chunks(src, n)) return Uint8Array.from(c);
  return new Uint8Array(0);
}

export const wholeBytes = (src: ByteSource): Uint8Array => src.bytes ?? readFileSync(src.path!);

/**
 * The source's lines as `text.split(/\r\n|\r|\n/)` of the decoded file would
 * give them (same numbers), read `size` bytes at a time. With `range` (one
 * of lineRanges'; never a UTF-16 file), the lines of that range, numbered
 * from 1 and `read` counted from its start.
 */
export function* textLines(src: ByteSource, size = READ_CHUNK, range?: ByteRange): Generator<TextLine> {
  const head = headBytes(src, 2);
  if (!range && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    const all = wholeBytes(src);
    let line = 0;
    for (const text of decodeUpload(all).split(/\r\n|\r|\n/)) yield { line: ++line, text, read: all.length };
    return;
  }
  readerStats.peakBytes = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let line = 0;
  let read = 0;
  let first = !range || range.from === 0;
  const decode = (piece: Uint8Array): string[] => {
    let bytes = piece;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    first = false;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      decodeUpload(wholeBytes(src)); // throws the refusal naming the first bad byte and its line
      throw new Error('undecodable line');
    }
    if (text.endsWith('\r')) text = text.slice(0, -1);
    return text.includes('\r') ? text.split('\r') : [text];
  };
  for (const chunk of chunks(src, size, range)) {
    readerStats.peakBytes = Math.max(readerStats.peakBytes, chunk.length + pendingBytes);
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      const piece = pending.length ? Buffer.concat([...pending, chunk.subarray(start, nl)]) : chunk.subarray(start, nl);
      read += nl + 1 - start;
      pending = [];
      pendingBytes = 0;
      for (const text of decode(piece)) yield { line: ++line, text, read };
      start = nl + 1;
    }
    if (start < chunk.length) {
      pending.push(Uint8Array.from(chunk.subarray(start)));
      pendingBytes += chunk.length - start;
      read += chunk.length - start;
    }
  }
  if (pending.length) for (const text of decode(Buffer.concat(pending))) yield { line: ++line, text, read };
}
