/**
 * How each annotator's spans on one article compare with the other lanes:
 * the differences the side-by-side view marks, boundaries and attributes
 * field by field. Pure.
 */
import { matchSpans } from '@mbw/shared';

export interface CompareSpan {
  id: string;
  annotator: string;
  label: string;
  start: number;
  end: number;
  attributes?: Record<string, string>;
}

/** One attribute on which a span and its counterpart in another lane differ (null: no value). */
export interface AttributeDiff {
  key: string;
  mine: string | null;
  theirs: string | null;
}

/**
 * - `agreed`: every other lane has a span of the same label with the same boundaries and attributes;
 * - `attributes`: every other lane has it with the same boundaries, but some attribute differs;
 * - `boundary`: every other lane marked it (a same-label span overlaps), but not all with these boundaries;
 * - `missing`: some other lane has no same-label span overlapping it.
 */
export type SpanAgreement = 'agreed' | 'attributes' | 'boundary' | 'missing';

export interface SpanComparison {
  status: SpanAgreement;
  /**
   * Per other lane: `same` boundaries, `other` boundaries (overlapping), or
   * `none`; `differs`: the attributes on which its counterpart there differs.
   */
  others: Array<{ annotator: string; match: 'same' | 'other' | 'none'; differs?: AttributeDiff[] }>;
}

/** The attributes on which two spans differ, in key order; a value against no value differs. */
export function attributeDiffs(mine: Record<string, string> = {}, theirs: Record<string, string> = {}): AttributeDiff[] {
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].sort();
  const value = (r: Record<string, string>, k: string) => (Object.hasOwn(r, k) && r[k] !== '' ? r[k]! : null);
  return keys.filter((k) => value(mine, k) !== value(theirs, k)).map((k) => ({ key: k, mine: value(mine, k), theirs: value(theirs, k) }));
}

/**
 * Each span's counterpart in every other lane: the span the agreement report
 * matches it with (overlap matching of @mbw/shared, one span per lane), a
 * span with the same boundaries when there is one, else the most overlapping.
 */
function counterpart(s: CompareSpan, theirs: CompareSpan[], mate: CompareSpan | undefined): CompareSpan | undefined {
  const same = theirs.filter((t) => t.start === s.start && t.end === s.end);
  if (same.length) return mate && same.includes(mate) ? mate : same[0];
  if (mate) return mate;
  const overlap = (t: CompareSpan) => Math.min(s.end, t.end) - Math.max(s.start, t.start);
  return theirs.filter((t) => overlap(t) > 0).sort((x, y) => overlap(y) - overlap(x))[0];
}

export function compareLanes(spans: CompareSpan[], lanes: string[]): Map<string, SpanComparison> {
  const byLane = new Map(lanes.map((l) => [l, spans.filter((s) => s.annotator === l)]));
  const shown = spans.filter((s) => byLane.has(s.annotator));
  const mates = new Map<CompareSpan, CompareSpan[]>();
  for (const unit of matchSpans(shown, 'overlap')) for (const i of unit) mates.set(shown[i]!, unit.map((j) => shown[j]!));
  const out = new Map<string, SpanComparison>();
  for (const s of shown) {
    const others = lanes
      .filter((l) => l !== s.annotator)
      .map((annotator) => {
        const theirs = byLane.get(annotator)!.filter((t) => t.label === s.label);
        const match: 'same' | 'other' | 'none' = theirs.some((t) => t.start === s.start && t.end === s.end)
          ? 'same'
          : theirs.some((t) => t.start < s.end && s.start < t.end)
            ? 'other'
            : 'none';
        const cp = match === 'none' ? undefined : counterpart(s, theirs, mates.get(s)?.find((t) => t.annotator === annotator));
        const differs = cp ? attributeDiffs(s.attributes, cp.attributes) : [];
        return { annotator, match, ...(differs.length ? { differs } : {}) };
      });
    const status: SpanAgreement = others.some((o) => o.match === 'none')
      ? 'missing'
      : others.some((o) => o.match === 'other')
        ? 'boundary'
        : others.some((o) => o.differs)
          ? 'attributes'
          : 'agreed';
    out.set(s.id, { status, others });
  }
  return out;
}

/** What the scheme calls a label's attributes and their values (for naming them). */
export interface AttributeNames {
  attributes: Array<{ key: string; name: string; values: Array<{ value: string; name: string }> }>;
}

/** "differs: Checkable (Yes / No)": the attribute differences of a span (mine / theirs), by their scheme names. */
export function differsText(diffs: AttributeDiff[], label?: AttributeNames): string {
  const parts = diffs.map((d) => {
    const def = label?.attributes.find((a) => a.key === d.key);
    const v = (x: string | null) => (x === null ? 'no value' : (def?.values.find((y) => y.value === x)?.name ?? x));
    return `${def?.name ?? d.key} (${v(d.mine)} / ${v(d.theirs)})`;
  });
  return `differs: ${parts.join(', ')}`;
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
