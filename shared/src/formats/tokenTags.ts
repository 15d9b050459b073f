/**
 * The token formats' hot path on typed arrays (issue 13: an export of 200,000
 * spans within 3× reading its rows): the same rules as `bio.ts` and
 * `sequences.ts` (LONGEST WINS within a layer, restarts at sentence starts,
 * the same losses in the same order), over token boundaries
 * `[start, end, …]` (`docBounds`) instead of an object per token, with one
 * tag code per token instead of a tag string.
 *
 * A tag code is 0 for `O`, `2k + 1` for `B-` and `2k + 2` for `I-` of name
 * `k` (an index into the caller's list of tag names).
 */
import { overlapOrder } from './bio.js';
import { OffsetMap } from '../text.js';
import type { Loss } from './manifest.js';
import type { ExportSpan } from './model.js';

/** The tokens a span covers, `[first, end)` (as `coveredTokens` in bio.ts). */
export function coveredBounds(bounds: Int32Array, start: number, end: number): [number, number] {
  let lo = 0;
  let hi = bounds.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[2 * mid + 1]! <= start) lo = mid + 1;
    else hi = mid;
  }
  const n = bounds.length >> 1;
  let last = lo;
  while (last < n && bounds[2 * last]! < end) last++;
  return [lo, last];
}

export interface TagCodes {
  codes: Int32Array;
  /** Ids of the spans the overlap rule left out (or covering no token), in the order `bioTags` reports them. */
  dropped: string[];
}

/** One layer's tags (`bioTags` of bio.ts): `nameOf` is the index of a span's tag name. */
export function tagCodes(bounds: Int32Array, spans: readonly ExportSpan[], nameOf: (s: ExportSpan) => number): TagCodes {
  const codes = new Int32Array(bounds.length >> 1);
  const dropped: string[] = [];
  const candidates = spans.map((span) => {
    const [first, end] = coveredBounds(bounds, span.start, span.end);
    return { span, first, end };
  });
  candidates.sort(overlapOrder); // bioTags' rule
  for (const { span, first, end } of candidates) {
    let free = end > first;
    for (let i = first; free && i < end; i++) if (codes[i]) free = false;
    if (!free) {
      dropped.push(span.id);
      continue;
    }
    const k = nameOf(span);
    codes[first] = 2 * k + 1;
    for (let i = first + 1; i < end; i++) codes[i] = 2 * k + 2;
  }
  return { codes, dropped };
}

/** `restartAt` of bio.ts in place: an `I-` at a sentence start becomes `B-`. */
export function restartCodes(codes: Int32Array, sentenceStarts: readonly number[]): Int32Array {
  for (const i of sentenceStarts) {
    const c = codes[i];
    if (c !== undefined && c > 0 && c % 2 === 0) codes[i] = c - 1;
  }
  return codes;
}

/**
 * What one annotator's tag columns lost (`tokenLosses` of sequences.ts):
 * `dropped` are the ids the columns left out.
 */
export function boundsLosses(bounds: Int32Array, spans: readonly ExportSpan[], dropped: ReadonlySet<string>): Loss[] {
  const lost: Loss[] = [];
  for (const span of spans) {
    const [first, end] = coveredBounds(bounds, span.start, span.end);
    if (first === end) lost.push({ kind: 'noToken', span });
    else if (dropped.has(span.id)) lost.push({ kind: 'dropped', span });
    else {
      let whole = false;
      for (let i = first; !whole && i < end; i++) whole = bounds[2 * i]! >= span.start && bounds[2 * i + 1]! <= span.end;
      if (!whole) lost.push({ kind: 'subToken', span });
      else if (bounds[2 * first] !== span.start || bounds[2 * end - 1] !== span.end) lost.push({ kind: 'trimmed', span });
    }
    if (Object.keys(span.attributes).length) lost.push({ kind: 'attributes', span });
    if (span.note) lost.push({ kind: 'notes', span });
  }
  return lost;
}

/** The text of each token (boundaries in code points). */
export function tokenTexts(text: string, bounds: Int32Array): string[] {
  const n = bounds.length >> 1;
  const out = new Array<string>(n);
  if (!/[\uD800-\uDFFF]/.test(text)) {
    // no surrogate: code points are UTF-16 units
    for (let i = 0; i < n; i++) out[i] = text.slice(bounds[2 * i], bounds[2 * i + 1]);
    return out;
  }
  const map = new OffsetMap(text);
  for (let i = 0; i < n; i++) out[i] = map.slice(bounds[2 * i]!, bounds[2 * i + 1]!);
  return out;
}

/** `B-`/`I-` strings of each name, by tag code (index 0 is `O`). */
export function tagStrings(names: readonly string[], clean: (s: string) => string = (s) => s): string[] {
  const out = ['O'];
  for (const name of names) out.push(clean(`B-${name}`), clean(`I-${name}`));
  return out;
}

/** Tag names by first appearance, as indexes for `tagCodes`. */
export function nameIndex(): { names: string[]; of: (name: string) => number } {
  const names: string[] = [];
  const index = new Map<string, number>();
  return {
    names,
    of: (name) => {
      let k = index.get(name);
      if (k === undefined) index.set(name, (k = names.push(name) - 1));
      return k;
    },
  };
}
