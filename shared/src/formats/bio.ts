/**
 * Token-level BIO tags from character spans, shared by the CoNLL and the
 * Hugging Face exports. Tokens come from the one word segmentation,
 * `tokenize()`; a span covers every token it overlaps by at least one code
 * point (a span ending inside a word tags the whole word).
 *
 * Spans overlap freely across labels, so each *layer* (by default: each
 * label) gets its own tag sequence. Within one layer tags cannot overlap,
 * and this rule decides, deterministically:
 *
 *   LONGEST WINS. Spans are taken in order of more tokens covered, then
 *   earlier start, then more code points, then span id; a span is kept only
 *   if none of its tokens is already taken by a kept span, otherwise it is
 *   dropped whole (never cut). A nested phrase therefore yields to the
 *   phrase around it; adjacent spans both stay (B- starts the second).
 *
 * Dropped span ids are reported so an export can say what it left out.
 * Spans covering no token (white space only) are dropped too.
 */
import type { Token } from '../tokens.js';
import type { ExportSpan } from './model.js';

export interface BioLayer {
  /** One tag per token: `O`, `B-<name>` or `I-<name>`. */
  tags: string[];
  /** Ids of the spans this layer's overlap rule left out. */
  dropped: string[];
}

/** The tokens a span covers: `[first, end)` indexes into `tokens` (empty when first === end). */
export function coveredTokens(tokens: Token[], start: number, end: number): [number, number] {
  // first token whose end is past start
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  let last = first;
  while (last < tokens.length && tokens[last]!.start < end) last++;
  return [first, last];
}

/**
 * The overlap rule's order: a layer takes spans covering more tokens first,
 * then the earlier, then the longer in characters, then by id; a span that
 * would share a token with one taken before is left out.
 */
export function overlapOrder(a: { span: ExportSpan; first: number; end: number }, b: { span: ExportSpan; first: number; end: number }): number {
  return (
    b.end - b.first - (a.end - a.first) ||
    a.span.start - b.span.start ||
    b.span.end - b.span.start - (a.span.end - a.span.start) ||
    (a.span.id < b.span.id ? -1 : a.span.id > b.span.id ? 1 : 0)
  );
}

/**
 * Tags one layer: `spans` are the spans of the layer, `tagName` what follows
 * `B-`/`I-` for a span (default: its label).
 */
export function bioTags(tokens: Token[], spans: ExportSpan[], tagName: (s: ExportSpan) => string = (s) => s.label): BioLayer {
  const tags: string[] = new Array<string>(tokens.length).fill('O');
  const taken = new Uint8Array(tokens.length);
  const dropped: string[] = [];
  const candidates = spans.map((span) => {
    const [first, end] = coveredTokens(tokens, span.start, span.end);
    return { span, first, end };
  });
  candidates.sort(overlapOrder);
  for (const { span, first, end } of candidates) {
    let free = end > first;
    for (let i = first; free && i < end; i++) if (taken[i]) free = false;
    if (!free) {
      dropped.push(span.id);
      continue;
    }
    const name = tagName(span);
    for (let i = first; i < end; i++) {
      taken[i] = 1;
      tags[i] = (i === first ? 'B-' : 'I-') + name;
    }
  }
  return { tags, dropped };
}

/**
 * Layers of a document: `layers` names them in column order, `layerOf`
 * puts a span in one (default: its label; e.g. `s => s.label + '@' +
 * s.annotator` keeps annotators apart). Tags name the span's label
 * (`B-attribution`) whatever the layer. Spans of no listed layer are an
 * error, since silently leaving them out would lose data.
 */
export function bioLayers(
  tokens: Token[],
  spans: ExportSpan[],
  layers: readonly string[],
  layerOf: (s: ExportSpan) => string = (s) => s.label,
): Map<string, BioLayer> {
  const byLayer = new Map<string, ExportSpan[]>(layers.map((l) => [l, []]));
  for (const s of spans) {
    const layer = layerOf(s);
    const list = byLayer.get(layer);
    if (!list) throw new Error(`span ${s.id} belongs to layer "${layer}", which is not among the export's layers (${layers.join(', ')})`);
    list.push(s);
  }
  return new Map(layers.map((l) => [l, bioTags(tokens, byLayer.get(l)!)]));
}

/**
 * Restarts tags at sentence starts: a span running into the next sentence
 * continues there with `B-`, so every sentence is valid BIO on its own.
 */
export function restartAt(tags: string[], sentenceStarts: Iterable<number>): string[] {
  const out = tags.slice();
  for (const i of sentenceStarts) {
    const t = out[i];
    if (t !== undefined && t.startsWith('I-')) out[i] = 'B-' + t.slice(2);
  }
  return out;
}

/** Whether a tag sequence is valid BIO: every `I-x` follows `B-x` or `I-x`. */
export function isValidBio(tags: readonly string[]): boolean {
  return firstInvalidBio(tags) === -1;
}

/** Index of the first tag that breaks BIO (`-1` when none does). */
export function firstInvalidBio(tags: readonly string[]): number {
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t === 'O' || t.startsWith('B-')) continue;
    if (!t.startsWith('I-')) return i;
    const prev = i > 0 ? tags[i - 1]! : 'O';
    if (prev === 'O' || prev.slice(2) !== t.slice(2)) return i;
  }
  return -1;
}

/** Spans of a BIO sequence, as token index ranges `[first, end)` with their names. */
export function bioSpans(tags: readonly string[]): Array<{ name: string; first: number; end: number }> {
  const out: Array<{ name: string; first: number; end: number }> = [];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    const continues = t.startsWith('I-') && i > 0 && tags[i - 1] !== 'O' && tags[i - 1]!.slice(2) === t.slice(2);
    if (t.startsWith('B-') || (t.startsWith('I-') && !continues)) {
      out.push({ name: t.slice(2), first: i, end: i + 1 });
    } else if (continues) {
      out[out.length - 1]!.end = i + 1;
    }
  }
  return out;
}
