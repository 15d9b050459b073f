import { OffsetMap, type Token } from '@mbw/shared';

/** A paragraph of the article: one line of the text, offsets in both units. */
export interface Paragraph {
  cpStart: number;
  cpEnd: number;
  u16Start: number;
  text: string;
}

/** Non-blank lines of the text, each a paragraph on the page. */
export function buildParagraphs(text: string, map: OffsetMap): Paragraph[] {
  const out: Paragraph[] = [];
  let u16 = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) {
      const cpStart = map.toCodePoint(u16);
      out.push({ cpStart, cpEnd: map.toCodePoint(u16 + line.length), u16Start: u16, text: line });
    }
    u16 += line.length + 1;
  }
  return out;
}

/**
 * Gives each span a lane (0, 1, 2, …) so that spans that overlap never share
 * one: stacked underlines stay legible. Greedy over spans by start, which
 * uses the fewest lanes possible for intervals.
 */
export function assignLanes(spans: ReadonlyArray<{ id: string; start: number; end: number }>): Map<string, number> {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
  const laneEnds: number[] = [];
  const lanes = new Map<string, number>();
  for (const s of sorted) {
    let lane = laneEnds.findIndex((end) => end <= s.start);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = s.end;
    lanes.set(s.id, lane);
  }
  return lanes;
}

/**
 * Widens a selection to whole tokens (words and punctuation): a boundary
 * inside a token moves to its edge. Returns null when nothing but white
 * space is selected.
 */
export function snapToTokens(start: number, end: number, tokens: Token[]): { start: number; end: number } | null {
  const touched = tokens.filter((t) => t.start < end && start < t.end);
  if (!touched.length) return null;
  return { start: Math.min(start, touched[0]!.start), end: Math.max(end, touched[touched.length - 1]!.end) };
}

/** Trims white space at both ends of a selection (when snapping is off). */
export function trimSelection(text: OffsetMap, start: number, end: number): { start: number; end: number } | null {
  const chars = Array.from(text.slice(start, end));
  let s = 0;
  let e = chars.length;
  while (s < e && /\s/.test(chars[s]!)) s++;
  while (e > s && /\s/.test(chars[e - 1]!)) e--;
  return s < e ? { start: start + s, end: start + e } : null;
}

/**
 * The next position for a span boundary moved by the keyboard: with tokens,
 * a start moves over token starts and an end over token ends (a word at a
 * time, never onto white space); without, one code point.
 */
export function stepBoundary(pos: number, dir: 1 | -1, edge: 'start' | 'end', tokens: Token[] | null, length: number): number {
  if (!tokens) return Math.min(length, Math.max(0, pos + dir));
  const edges = tokens.map((t) => (edge === 'start' ? t.start : t.end));
  if (dir > 0) return edges.find((e) => e > pos) ?? pos;
  for (let i = edges.length - 1; i >= 0; i--) if (edges[i]! < pos) return edges[i]!;
  return pos;
}
