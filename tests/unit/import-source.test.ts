/**
 * Issue 13: the import reads its upload line by line. The reader gives the
 * lines (and numbers) the whole decoded file split at `\r\n`, `\r` and `\n`
 * would give, across chunk boundaries (multi-byte characters, CRLF cut in
 * two), and never holds more than one chunk and the unfinished line: a file
 * many times that size keeps the same bound. Bad UTF-8 is refused with the
 * message of the whole-file decoder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUpload } from '../../server/src/services/import-lines.js';
import { readerStats, textLines } from '../../server/src/services/import-source.js';

const enc = new TextEncoder();
const lines = (bytes: Uint8Array, chunk: number) => [...textLines({ name: 't', bytes }, chunk)].map(({ line, text }) => [line, text] as const);
/** The whole-file reading the import did before: decode, split, number. */
const whole = (bytes: Uint8Array) => decodeUpload(bytes).split(/\r\n|\r|\n/).map((text, i) => [i + 1, text] as const).filter(([, t], i, all) => i < all.length - 1 || t !== '');

describe('the import reader', () => {
  it('gives the lines of the whole decoded file, whatever the chunk size', () => {
    const text = '\uFEFF{"a": "ä€😀"}\r\n{"b": 1}\r\r\n\n{"c": "x"}\r{"d": "Grüße"}\n\n{"e": "no line end"}';
    const bytes = enc.encode(text);
    for (const chunk of [1, 2, 3, 5, 7, 64]) expect(lines(bytes, chunk), `chunk ${chunk}`).toEqual(whole(bytes));
  });

  it('holds one chunk and the unfinished line at most, however long the file', () => {
    const line = JSON.stringify({ text: 'Die Regierung in Berlin – „so heißt es“ – hat 3,5 % mehr ausgegeben. '.repeat(20) });
    const bytes = enc.encode(`${line}\n`.repeat(4000));
    const chunk = 16 * 1024;
    let n = 0;
    for (const l of textLines({ name: 't', bytes }, chunk)) n += l.text ? 1 : 0;
    expect(n).toBe(4000);
    const bound = chunk + enc.encode(line).length + 1;
    expect(readerStats.peakBytes).toBeLessThanOrEqual(bound);
    expect(bytes.length).toBeGreaterThan(100 * bound);
  });

  it('reads a file on disk as it reads bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbw-reader-'));
    try {
      const bytes = enc.encode('{"a": 1}\n{"b": "ö"}\r\n{"c": 3}');
      writeFileSync(join(dir, 'f.jsonl'), bytes);
      expect([...textLines({ name: 'f.jsonl', path: join(dir, 'f.jsonl') }, 4)].map(({ line, text }) => [line, text])).toEqual(whole(bytes));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad UTF-8 as the whole-file decoder does (line and byte of the first bad one), and reads UTF-16 with a BOM', () => {
    const bad = new Uint8Array([...enc.encode('{"a": 1}\n{"b": "caf'), 0xe9, ...enc.encode('"}\n')]);
    let whole: unknown;
    try {
      decodeUpload(bad);
    } catch (e) {
      whole = e;
    }
    expect(() => lines(bad, 3)).toThrow((whole as Error).message);
    expect((whole as Error).message).toContain('Line 2');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'{"a": 1}\r\n{"b": 2}'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(lines(utf16, 4)).toEqual([[1, '{"a": 1}'], [2, '{"b": 2}']]);
  });
});
