/**
 * How each annotator's spans on one article compare with the other lanes:
 * the differences the side-by-side view marks. Pure.
 */

export interface CompareSpan {
  id: string;
  annotator: string;
  label: string;
  start: number;
  end: number;
}

/**
 * - `agreed`: every other lane has a span of the same label with the same boundaries;
 * - `boundary`: every other lane marked it (a same-label span overlaps), but not all with these boundaries;
 * - `missing`: some other lane has no same-label span overlapping it.
 */
export type SpanAgreement = 'agreed' | 'boundary' | 'missing';

export interface SpanComparison {
  status: SpanAgreement;
  /** Per other lane: `same` boundaries, `other` boundaries (overlapping), or `none`. */
  others: Array<{ annotator: string; match: 'same' | 'other' | 'none' }>;
}

export function compareLanes(spans: CompareSpan[], lanes: string[]): Map<string, SpanComparison> {
  const byLane = new Map(lanes.map((l) => [l, spans.filter((s) => s.annotator === l)]));
  const out = new Map<string, SpanComparison>();
  for (const s of spans) {
    if (!byLane.has(s.annotator)) continue;
    const others = lanes
      .filter((l) => l !== s.annotator)
      .map((annotator) => {
        const theirs = byLane.get(annotator)!.filter((t) => t.label === s.label);
        const match: 'same' | 'other' | 'none' = theirs.some((t) => t.start === s.start && t.end === s.end)
          ? 'same'
          : theirs.some((t) => t.start < s.end && s.start < t.end)
            ? 'other'
            : 'none';
        return { annotator, match };
      });
    const status: SpanAgreement = others.some((o) => o.match === 'none')
      ? 'missing'
      : others.some((o) => o.match === 'other')
        ? 'boundary'
        : 'agreed';
    out.set(s.id, { status, others });
  }
  return out;
}

export interface Segment {
  /** UTF-16 offsets inside the paragraph. */
  from: number;
  to: number;
  /** Ids of the spans covering it, shortest first. */
  ids: string[];
}

/**
 * Cuts a paragraph into segments at every span boundary, each with the spans
 * covering it (shortest first), so overlapping and nested spans both show.
 * `spans` are in the paragraph's UTF-16 offsets, already clipped to it.
 */
export function segments(length: number, spans: Array<{ id: string; from: number; to: number }>): Segment[] {
  const cuts = new Set([0, length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(length, s.from)));
    cuts.add(Math.max(0, Math.min(length, s.to)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    if (to <= from) continue;
    const ids = spans
      .filter((s) => s.from <= from && to <= s.to)
      .sort((a, b) => a.to - a.from - (b.to - b.from))
      .map((s) => s.id);
    out.push({ from, to, ids });
  }
  return out;
}
