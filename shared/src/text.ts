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
    for (let i = 0; i < text.length; i++) {
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
