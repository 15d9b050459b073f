/**
 * The offset convention of the workbench: article text is NFC with `\n` line
 * ends, and every span offset counts Unicode code points (what Python's `str`
 * indexes). Only the browser's DOM speaks UTF-16; these functions convert.
 */

/** Normalise text once, on import: NFC, `\n` line ends, no BOM. */
export function normalizeText(raw: string): string {
  return raw.replace(/^\uFEFF+/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

/** Length in code points (a surrogate pair counts once). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Maps between code-point offsets and UTF-16 offsets of one text. Built once
 * per text; each lookup is O(log n) over the positions of astral characters,
 * so a long article with many spans converts cheaply.
 */
export class OffsetMap {
  /** UTF-16 indexes of the high surrogate of each astral character, ascending. */
  private readonly astral: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(readonly text: string) {
    // from the first high surrogate on (the native search skips plain text fast: span writes on long articles)
    for (let i = text.search(/[\uD800-\uDBFF]/); i >= 0 && i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
    this.utf16Length = text.length;
    this.codePointLength = text.length - this.astral.length;
  }

  /** Code-point offset → UTF-16 offset. */
  toUtf16(cp: number): number {
    // Each astral character before the target adds one UTF-16 unit.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // astral[mid] as a code-point offset is astral[mid] - mid
      if (this.astral[mid]! - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  /** UTF-16 offset → code-point offset; an offset inside a surrogate pair rounds down. */
  toCodePoint(u16: number): number {
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! < u16) lo = mid + 1;
      else hi = mid;
    }
    // lo astral characters start before u16, each two units for one code
    // point; an offset inside a pair thereby lands on the pair's start.
    return u16 - lo;
  }

  /** The text between two code-point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** The text between two code-point offsets, for one-off use. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return new OffsetMap(text).slice(start, end);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string is well-formed UTF-16 (no lone surrogate). */
export const isWellFormedText = (s: string): boolean => !LONE_SURROGATE.test(s);

/**
 * The path of the first string inside `value` that is not well-formed
 * Unicode (a lone surrogate such as `\ud800`), or null. Such strings cannot
 * be stored faithfully (SQLite would write U+FFFD after offsets and hashes
 * were computed from the original), so every route and import refuses them.
 */
export function illFormedPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : path.join('.') || '(value)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = illFormedPath(value[i], [...path, String(i)]);
      if (p !== null) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isWellFormedText(k)) return [...path, '(key)'].join('.');
      const p = illFormedPath(v, [...path, k]);
      if (p !== null) return p;
    }
  }
  return null;
}

/** A file's bytes as text, or why they cannot be read without guessing. */
export type DecodedFile = { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' } | { ok: false; line: number; message: string };

/**
 * Decodes an uploaded file: UTF-8 (with or without BOM) or UTF-16 with a
 * BOM. Anything else that is not valid UTF-8 (Windows-1252, Latin-1, UTF-16
 * without BOM) is refused with the line of the first bad byte: a guess would
 * store mojibake ("�berschrift") that no one notices until it is published.
 */
export function decodeFileBytes(bytes: Uint8Array): DecodedFile {
  const [b0, b1] = bytes;
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  if (b0 === 0xff && b1 === 0xfe) encoding = 'utf-16le';
  else if (b0 === 0xfe && b1 === 0xff) encoding = 'utf-16be';
  try {
    // `fatal` throws on malformed input; the BOM is stripped by the decoder.
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return { ok: true, text, encoding };
  } catch {
    if (encoding !== 'utf-8') return { ok: false, line: 1, message: `The file starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}.` };
    const bad = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    return {
      ok: false,
      line,
      message: `Line ${line}: the file is not UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte ${bad}). Save it as UTF-8 (or UTF-16 with a byte-order mark) and import it again; nothing was imported.`,
    };
  }
}

/** Byte index of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search on the longest valid prefix would cut sequences; walk instead.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + n));
    } catch {
      return i;
    }
    i += n;
  }
  return bytes.length - 1;
}
