/**
 * Span precision, recall and F1 between two sets of labelled spans
 * `[start, end)` on the same text, one taken as predicted and one as
 * reference (for two annotators: either way round; F1 is symmetric, and
 * swapping the arguments swaps precision and recall).
 *
 * - `mode: 'exact'`: a predicted span counts when the reference has a span
 *   with the same start, end and label. precision = matched predicted /
 *   predicted, recall = matched reference / reference.
 * - `mode: 'overlap'`: partial credit as in the SemEval-2020 Task 11 span
 *   scorer (Da San Martino et al. 2020; the "FLC" measure of Da San Martino
 *   et al., EMNLP 2019): precision = mean over predicted spans s of
 *   |s ∩ reference spans with s's label| / |s|, recall = mean over reference
 *   spans t of |t ∩ predicted spans with t's label| / |t|.
 *
 * Conventions and edge cases:
 * - spans with `end ≤ start` are ignored; spans identical in start, end and
 *   label are counted once per side;
 * - in overlap mode the share of a span is taken against the *union* of the
 *   other side's same-label spans, so it never exceeds 1 (the SemEval scorer
 *   sums over pairs, which is the same when a side's spans of one label do
 *   not overlap each other, and can exceed 1 when they do);
 * - precision is `NaN` when there is no predicted span, recall is `NaN` when
 *   there is no reference span (0/0: nothing to judge);
 * - f1 = 2PR / (P + R); f1 = 0 when P + R = 0 (spans on both sides, none
 *   matching); f1 = 0 when exactly one side has spans (what one side marked
 *   the other missed entirely); f1 = `NaN` when neither side has spans.
 */

export interface LabelledSpan {
  start: number;
  end: number;
  label: string;
}

export type SpanMatchMode = 'exact' | 'overlap';

export interface SpanF1Options {
  mode?: SpanMatchMode;
}

export interface SpanF1Result {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * The identity of a span for dedupe and exact matching: start and end in one
 * number when both are small integers (no string per span), else a string.
 */
export function spanKey(s: LabelledSpan): number | string {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end < 2 ** 26 ? s.start * 2 ** 26 + s.end : `${s.start}\u0000${s.end}`;
}

/** Span keys, one set per label. */
class KeySet {
  private readonly byLabel = new Map<string, Set<number | string>>();
  has(s: LabelledSpan): boolean {
    return this.byLabel.get(s.label)?.has(spanKey(s)) ?? false;
  }
  add(s: LabelledSpan): void {
    let set = this.byLabel.get(s.label);
    if (!set) this.byLabel.set(s.label, (set = new Set()));
    set.add(spanKey(s));
  }
}

function dedupe(spans: ReadonlyArray<LabelledSpan>): LabelledSpan[] {
  const seen = new KeySet();
  const out: LabelledSpan[] = [];
  for (const s of spans) {
    if (!(s.end > s.start)) continue;
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(s);
  }
  return out;
}

/** Sorted, merged intervals of each label. */
function unionByLabel(spans: ReadonlyArray<LabelledSpan>): Map<string, Array<[number, number]>> {
  const byLabel = new Map<string, Array<[number, number]>>();
  for (const s of spans) {
    let list = byLabel.get(s.label);
    if (!list) byLabel.set(s.label, (list = []));
    list.push([s.start, s.end]);
  }
  for (const [label, list] of byLabel) {
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged: Array<[number, number]> = [];
    for (const iv of list) {
      const last = merged[merged.length - 1];
      if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
      else merged.push([iv[0], iv[1]]);
    }
    byLabel.set(label, merged);
  }
  return byLabel;
}

/** Length of [start, end) covered by the sorted, disjoint intervals. */
function covered(start: number, end: number, intervals: ReadonlyArray<[number, number]> | undefined): number {
  if (!intervals) return 0;
  let lo = 0;
  let hi = intervals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (intervals[mid]![1] <= start) lo = mid + 1;
    else hi = mid;
  }
  let sum = 0;
  for (let i = lo; i < intervals.length && intervals[i]![0] < end; i++) {
    sum += Math.min(end, intervals[i]![1]) - Math.max(start, intervals[i]![0]);
  }
  return sum;
}

/** Sum of the credit of each span of `spans` against `other`, see the module comment. */
function credit(spans: ReadonlyArray<LabelledSpan>, other: ReadonlyArray<LabelledSpan>, mode: SpanMatchMode): number {
  if (mode === 'exact') {
    const keys = new KeySet();
    for (const s of other) keys.add(s);
    let n = 0;
    for (const s of spans) if (keys.has(s)) n++;
    return n;
  }
  const union = unionByLabel(other);
  let sum = 0;
  for (const s of spans) sum += covered(s.start, s.end, union.get(s.label)) / (s.end - s.start);
  return sum;
}

/**
 * Precision, recall and F1 of `predicted` against `reference` (default mode
 * `'exact'`). See the module comment for the definitions and edge cases.
 */
export function spanF1(
  predicted: ReadonlyArray<LabelledSpan>,
  reference: ReadonlyArray<LabelledSpan>,
  options: SpanF1Options = {},
): SpanF1Result {
  const mode = options.mode ?? 'exact';
  const p = dedupe(predicted);
  const r = dedupe(reference);
  return f1FromCredit(p.length ? credit(p, r, mode) : 0, p.length, r.length ? credit(r, p, mode) : 0, r.length);
}

/**
 * Precision, recall and F1 from the summed credit of the predicted spans
 * (`pCredit` over `pCount` spans) and of the reference spans; the edge cases
 * of the module comment. spanCredits.ts sums the credits per article.
 */
export function f1FromCredit(pCredit: number, pCount: number, rCredit: number, rCount: number): SpanF1Result {
  const precision = pCount ? pCredit / pCount : NaN;
  const recall = rCount ? rCredit / rCount : NaN;
  let f1: number;
  if (!pCount && !rCount) f1 = NaN;
  else if (!pCount || !rCount) f1 = 0;
  else f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
