/**
 * The unitizing figures of the agreement report (report.ts). Each label's
 * category is computed once, and the "all labels" figure adds up those
 * results, instead of computing every category again over all labels: both
 * alphas take each category on its own (unitizing.ts), so a category's
 * disagreements are the same numbers whichever other categories are present,
 * and the sums are taken in the order `unitizingAlpha()` and the report took
 * them before (the categories in order of first appearance).
 */
import type { AgreementCounts, UnitizingFigure } from './report.js';
import { num, spansOf, type Prepared } from './tokenFigures.js';
import { mergeIntervals } from './segments.js';
import { addCategoryContinuum, categoryAlpha2004, CoincidenceSum, type CategoryDisagreement } from './unitizing.js';

export interface Unitizing2004 {
  /** Per label: its category over the articles end to end (undefined: no span of it). */
  byLabel: Map<string, CategoryDisagreement | undefined>;
  /** Index of the first article with a span of each label (order of the categories). */
  first: Map<string, number>;
  length: number;
}

/**
 * The units of label `l` by each of `who` on an article, shifted by `offset`,
 * clipped to [0, `total`) and merged, as `unitizingAlpha()` prepares the
 * units { rater, begin: offset + start, length: end − start } (the same expressions), appended to `lists`.
 */
function appendUnits(p: Prepared, l: string, who: string[], offset: number, total: number, lists: number[][]): void {
  who.forEach((a, r) => {
    const list = lists[r]!;
    for (const s of p.spans.get(l)!.get(a)!) {
      const begin = offset + s.start;
      const b = Math.max(0, begin);
      const e = Math.min(total, begin + (s.end - s.start));
      if (e > b) list.push(b, e);
    }
  });
}

/** Each of the article's annotators' merged units of label `l` on [0, length), computed once for the 2016 and the per-article figures. */
function articleIntervals(p: Prepared, l: string): Float64Array[] {
  p.intervals ??= new Map();
  let out = p.intervals.get(l);
  if (!out) {
    const lists: number[][] = p.annotators.map(() => []);
    appendUnits(p, l, p.annotators, 0, p.length, lists);
    p.intervals.set(l, (out = lists.map(mergeIntervals)));
  }
  return out;
}

/**
 * One article's αU (2004) over `labels` and per label, as
 * `unitizingAlpha()` gives it on the article's units of all labels
 * (label by label, each annotator's spans in order): a label with a span is a category (NaN when
 * the article has fewer than two annotators or no text), the categories
 * summed in label order.
 */
export function articleUnitizing(p: Prepared, labels: string[]): { alpha: number; byLabel: Map<string, number> } {
  const m = p.annotators.length;
  const L = p.length;
  const computable = m >= 2 && L > 0;
  const byLabel = new Map<string, number>();
  let sumObserved = 0;
  let sumExpected = 0;
  for (const l of labels) {
    if (spansOf(p, [l]) === 0) continue;
    if (!computable) {
      byLabel.set(l, NaN);
      continue;
    }
    const c = categoryAlpha2004(0, L, m, articleIntervals(p, l));
    byLabel.set(l, c.alpha);
    sumObserved += c.observed;
    sumExpected += c.expected;
  }
  return { alpha: computable && byLabel.size > 0 && sumExpected > 0 ? 1 - sumObserved / sumExpected : NaN, byLabel };
}

/** Each rater's merged units of label `l` on the articles laid end to end (as `unitizingAlpha()` prepares them). */
function continuumIntervals(prepared: Prepared[], l: string, common: string[], length: number): Float64Array[] {
  const lists: number[][] = common.map(() => []);
  let offset = 0;
  for (const p of prepared) {
    appendUnits(p, l, common, offset, length, lists);
    offset += p.length;
  }
  return lists.map(mergeIntervals);
}

/**
 * `continuumIntervals()` from each article's merged units shifted by its
 * offset, for integer positions: the sums are then exact, every unit of an
 * article stays within it (spans are clipped to the text), and units of two
 * articles can only touch, which never merges, so the lists are the same.
 */
function shiftedIntervals(prepared: Prepared[], l: string, m: number): Float64Array[] {
  const parts = prepared.map((p) => articleIntervals(p, l));
  return Array.from({ length: m }, (_, r) => {
    let n = 0;
    for (const part of parts) n += part[r]!.length;
    const out = new Float64Array(n);
    let at = 0;
    let offset = 0;
    prepared.forEach((p, i) => {
      const iv = parts[i]![r]!;
      for (let k = 0; k < iv.length; k++) out[at++] = offset + iv[k]!;
      offset += p.length;
    });
    return out;
  });
}

/** Krippendorff's (2004) αU of each label on the articles laid end to end (the `common` annotators on each). */
export function unitizing2004ByLabel(prepared: Prepared[], labels: string[], common: string[]): Unitizing2004 {
  const byLabel = new Map<string, CategoryDisagreement | undefined>();
  const first = new Map<string, number>();
  let length = 0;
  for (const p of prepared) length += p.length;
  const m = common.length;
  const integral = length < 2 ** 52 && prepared.every((p) => labels.every((l) => common.every((a) => p.spans.get(l)!.get(a)!.every((s) => Number.isInteger(s.start) && Number.isInteger(s.end)))));
  for (const l of labels) {
    prepared.forEach((p, i) => {
      if (!first.has(l) && spansOf(p, [l], common) > 0) first.set(l, i);
    });
    // unitizingAlpha(): a category with a unit is listed (NaN when it cannot be computed); one without is absent
    if (!first.has(l)) byLabel.set(l, undefined);
    else if (!(m >= 2 && length > 0)) byLabel.set(l, { alpha: NaN, observed: NaN, expected: NaN });
    else byLabel.set(l, categoryAlpha2004(0, length, m, integral ? shiftedIntervals(prepared, l, m) : continuumIntervals(prepared, l, common, length)));
  }
  return { byLabel, first, length };
}

/** The 2004 figure of labels `ls` (`label` null: all of them together). */
export function unitizing2004Figure(u: Unitizing2004, prepared: Prepared[], ls: string[], label: string | null, common: string[]): UnitizingFigure {
  const counts: AgreementCounts = {
    articles: prepared.length,
    annotators: common.length,
    units: u.length,
    spans: prepared.reduce((s, p) => s + spansOf(p, ls), 0),
  };
  let figure: UnitizingFigure;
  if (label === null) {
    // the categories as unitizingAlpha() would list them: by first appearance, then label order
    const order = ls.filter((l) => u.first.has(l)).sort((x, y) => u.first.get(x)! - u.first.get(y)!);
    const byCategory: Record<string, CategoryDisagreement> = {};
    let sumObserved = 0;
    let sumExpected = 0;
    for (const l of order) {
      const c = u.byLabel.get(l)!;
      byCategory[l] = c;
      sumObserved += c.observed;
      sumExpected += c.expected;
    }
    const alpha = order.length > 0 && u.length > 0 && sumExpected > 0 ? 1 - sumObserved / sumExpected : NaN;
    let observed = 0;
    let expected = 0;
    for (const c of Object.values(byCategory)) {
      observed += c.observed;
      expected += c.expected;
    }
    figure = { value: num(alpha), observed: num(observed), expected: num(expected), counts };
  } else {
    const c = u.byLabel.get(label);
    figure = { value: num(c?.alpha ?? NaN), observed: num(c?.observed ?? NaN), expected: num(c?.expected ?? NaN), counts };
  }
  if (figure.value === null) figure.reason = counts.spans ? 'no variation: expected disagreement is 0' : 'no spans';
  return figure;
}

/** The 2016 uα of each label against everything else, coincidences pooled over the articles with two annotators (`unitizingCategoryCoincidence()` on each label's units, without the unit objects). */
export function unitizing2016ByLabel(pairable: Prepared[], labels: string[]): Map<string, CategoryDisagreement | undefined> {
  const out = new Map<string, CategoryDisagreement | undefined>();
  for (const l of labels) {
    if (!pairable.some((p) => spansOf(p, [l]) > 0)) {
      out.set(l, undefined);
      continue;
    }
    const sum = new CoincidenceSum(2);
    for (const p of pairable) {
      addCategoryContinuum(sum, 0, p.length, p.annotators.length, articleIntervals(p, l));
    }
    out.set(l, sum.result());
  }
  return out;
}

/** The 2016 figure of labels `ls`: 1 − Σ D_o / Σ D_e over them. */
export function unitizing2016Figure(u16: Map<string, CategoryDisagreement | undefined>, pairable: Prepared[], ls: string[], alphaCounts: AgreementCounts): UnitizingFigure {
  let o16 = 0;
  let e16 = 0;
  for (const l of ls) {
    const c = u16.get(l);
    if (c) {
      o16 += c.observed;
      e16 += c.expected;
    }
  }
  const counts: AgreementCounts = {
    articles: pairable.length,
    annotators: alphaCounts.annotators,
    units: pairable.reduce((s, p) => s + p.length, 0),
    spans: alphaCounts.spans,
  };
  const figure: UnitizingFigure = {
    value: num(e16 > 0 ? 1 - o16 / e16 : NaN),
    observed: num(e16 > 0 ? o16 : NaN),
    expected: num(e16 > 0 ? e16 : NaN),
    counts,
  };
  if (figure.value === null) figure.reason = !pairable.length ? 'no article has two annotators' : counts.spans ? 'no variation: expected disagreement is 0' : 'no spans';
  return figure;
}
