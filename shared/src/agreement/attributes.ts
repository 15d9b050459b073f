/**
 * Agreement on the attributes of spans — the study variables (sourceType,
 * polarity, checkable in the default scheme; every attribute of every label,
 * since schemes are data). Pure.
 *
 * For each label and attribute, and for each matching mode of matching.ts
 * (`exact`: same label and boundaries; `overlap`: same label, overlapping
 * boundaries), Krippendorff's alpha, nominal (Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability", section E: any number of coders, missing
 * data), computed with `coincidences()` and `alphaFromCoincidences()` of
 * krippendorff.ts:
 * - a *unit* is a group of matched spans (one per annotator at most) of that
 *   label; the *coders* are the annotators; a coder's value in a unit is the
 *   attribute's value on their span;
 * - a span with no value for the attribute (absent, null, or the empty
 *   string) is **missing data**, not a category of its own: it drops out of
 *   its unit, as Krippendorff's alpha treats missing values; its count is
 *   reported as `missing`;
 * - an annotator who has no span in the unit is missing too: whether the span
 *   exists at all is what span agreement (token alpha, unitizing alpha, span
 *   F1) measures, not attribute agreement;
 * - only units with values from at least two annotators are *pairable* and
 *   count (`counts.units`); `counts.spans` is the number of values in them;
 * - alpha is `null` with a reason when no unit is pairable, and when a single
 *   value occurs throughout (no variation: D_e = 0, agreement cannot be told
 *   from chance). An attribute on which annotators always agree and that
 *   takes at least two distinct values has alpha exactly 1.
 * Values are compared as strings (numbers and booleans are turned into their
 * string form; anything else is missing).
 */
import { alphaFromCoincidences, type Coincidences } from './krippendorff.js';
import type { MatchedArticle, MatchMode, MatchSpan } from './matching.js';
import type { AgreementCounts } from './report.js';

export interface AttributeValueCount {
  value: string;
  /** Values in pairable units (the marginal n_c of the coincidence matrix). */
  count: number;
}

export interface AttributeArticle {
  id: string;
  /** Pairable units of the article. */
  units: number;
  /** Pairable units whose values are not all the same. */
  differing: number;
}

export interface AttributeAlpha {
  value: number | null;
  /** Why `value` is null. */
  reason?: string;
  counts: AgreementCounts;
  /** Units of two or more spans, whatever their values. */
  matched: number;
  /** Spans in those units with no value for the attribute (missing data). */
  missing: number;
  /** The distribution of the values alpha rests on, most frequent first. */
  values: AttributeValueCount[];
  /** The articles with a pairable unit, most differing units first. */
  byArticle: AttributeArticle[];
}

export interface AttributeAgreement {
  label: string;
  attribute: string;
  exact: AttributeAlpha;
  overlap: AttributeAlpha;
}

/** A span's value of an attribute as compared (see the module comment), or null when missing. */
export function attributeValue(span: MatchSpan, key: string): string | null {
  const v = span.attributes && Object.hasOwn(span.attributes, key) ? span.attributes[key] : undefined;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/**
 * The (label, attribute) pairs to report: for each label, the scheme's
 * attribute keys in their order, then any other key found on its spans
 * (sorted), so that data from a file without a scheme is measured too.
 */
export function attributeKeys(labels: readonly string[], declared: Readonly<Record<string, readonly string[]>> | undefined, articles: readonly MatchedArticle[]): Array<[string, string]> {
  const found = new Map<string, Set<string>>(labels.map((l) => [l, new Set()]));
  for (const a of articles)
    for (const s of a.spans) if (s.attributes) for (const k of Object.keys(s.attributes)) found.get(s.label)?.add(k);
  return labels.flatMap((l) => {
    const own = declared && Object.hasOwn(declared, l) ? (declared[l] ?? []) : [];
    const rest = [...found.get(l)!].filter((k) => !own.includes(k)).sort();
    return [...new Set([...own, ...rest])].map((k): [string, string] => [l, k]);
  });
}

/** Per article, its units of two or more spans of each label (in the order of `a.units[mode]`). */
type UnitsByLabel = Array<Map<string, number[][]>>;

function unitsByLabel(articles: readonly MatchedArticle[], mode: MatchMode): UnitsByLabel {
  return articles.map((a) => {
    const out = new Map<string, number[][]>();
    for (const unit of a.units[mode]) {
      if (unit.length < 2) continue;
      const label = a.spans[unit[0]!]!.label;
      const list = out.get(label);
      if (list) list.push(unit);
      else out.set(label, [unit]);
    }
    return out;
  });
}

/**
 * The coincidences of pairable units given one at a time, as `coincidences()`
 * builds them from rows `data[coder][unit]` (a unit's values taken in coder
 * order, the values numbered in order of first appearance, each unit adding
 * pairs / (m − 1) to its cells in unit order): the same values and the same
 * bits, without the coder × unit rows of nulls.
 */
class UnitCoincidences {
  private readonly index = new Map<string, number>();
  readonly values: string[] = [];
  private cap = 8;
  private cells = new Float64Array(64);
  private readonly counts: number[] = [];
  private readonly present: number[] = [];
  pairableUnits = 0;

  /** A unit of `vals.length` ≥ 2 values, `vals[order[0]]` of the first coder and so on. */
  add(vals: readonly string[], order: readonly number[]): void {
    const { present, counts, index } = this;
    present.length = 0;
    for (const o of order) {
      const v = vals[o]!;
      let i = index.get(v);
      if (i === undefined) {
        i = this.values.length;
        index.set(v, i);
        this.values.push(v);
        counts.push(0);
        if (i >= this.cap) this.grow();
      }
      if (counts[i] === 0) present.push(i);
      counts[i]!++;
    }
    const m = order.length;
    this.pairableUnits++;
    for (const c of present)
      for (const k of present) {
        const pairs = c === k ? counts[c]! * (counts[c]! - 1) : counts[c]! * counts[k]!;
        if (pairs !== 0) this.cells[c * this.cap + k]! += pairs / (m - 1);
      }
    for (const c of present) counts[c] = 0;
  }

  private grow(): void {
    const cap = this.cap;
    const grown = new Float64Array(4 * cap * cap);
    for (let c = 0; c < cap; c++) grown.set(this.cells.subarray(c * cap, (c + 1) * cap), c * 2 * cap);
    this.cap = 2 * cap;
    this.cells = grown;
  }

  result(): Coincidences {
    const { values, cells, cap } = this;
    return { values: [...values], matrix: values.map((_, c) => values.map((__, k) => cells[c * cap + k]!)), pairableUnits: this.pairableUnits };
  }
}

/** Each span's value of one attribute, looked up once for both matching modes (undefined: not looked up yet). */
type ValueCache = Array<Array<string | null | undefined>>;

function cachedValue(cache: ValueCache, ai: number, a: MatchedArticle, i: number, key: string): string | null {
  const row = (cache[ai] ??= []);
  let v = row[i];
  if (v === undefined) row[i] = v = attributeValue(a.spans[i]!, key);
  return v;
}

/** Alpha of one attribute of one label under one matching mode. */
function attributeAlpha(articles: readonly MatchedArticle[], grouped: UnitsByLabel, coders: string[], label: string, key: string, mode: MatchMode, cache: ValueCache): AttributeAlpha {
  const column = new Map(coders.map((c, i) => [c, i]));
  const sum = new UnitCoincidences();
  const seen = new Uint8Array(coders.length);
  const byArticle: AttributeArticle[] = [];
  const cols: number[] = [];
  const vals: string[] = [];
  const order: number[] = [];
  let matched = 0;
  let missing = 0;
  for (let ai = 0; ai < articles.length; ai++) {
    const a = articles[ai]!;
    let units = 0;
    let differing = 0;
    for (const unit of grouped[ai]!.get(label) ?? []) {
      matched++;
      cols.length = 0;
      vals.length = 0;
      for (const i of unit) {
        const v = cachedValue(cache, ai, a, i, key);
        if (v === null) continue;
        cols.push(column.get(a.spans[i]!.annotator)!);
        vals.push(v);
      }
      missing += unit.length - vals.length;
      if (vals.length < 2) continue;
      units++;
      let differs = false;
      for (const v of vals) differs ||= v !== vals[0];
      if (differs) differing++;
      // the values in coder order (a unit has at most one span per annotator)
      order.length = 0;
      for (let k = 0; k < cols.length; k++) {
        let at = order.length;
        while (at > 0 && cols[order[at - 1]!]! > cols[k]!) at--;
        order.splice(at, 0, k);
        seen[cols[k]!] = 1;
      }
      sum.add(vals, order);
    }
    if (units) byArticle.push({ id: a.id, units, differing });
  }
  const c = sum.result();
  let who = 0;
  for (const x of seen) who += x;
  const alpha = alphaFromCoincidences(c, 'nominal');
  const marg = c.matrix.map((row) => row.reduce((s, x) => s + x, 0));
  const values = c.values
    .map((v, i) => ({ value: String(v), count: Math.round(marg[i]!) }))
    .sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  byArticle.sort((x, y) => y.differing - x.differing || y.units - x.units);
  const figure: AttributeAlpha = {
    value: Number.isFinite(alpha) ? alpha : null,
    counts: { articles: byArticle.length, annotators: who, units: c.pairableUnits, spans: values.reduce((s, v) => s + v.count, 0) },
    matched,
    missing,
    values,
    byArticle,
  };
  if (figure.value === null)
    figure.reason = !c.pairableUnits
      ? matched
        ? 'no matched span has a value from two annotators'
        : `no ${label} span is matched across annotators (${mode} matching)`
      : `no variation: every value is "${values[0]?.value}"`;
  return figure;
}

/** Alpha for every attribute of every label, exact and overlap matching. */
export function attributeAgreement(
  articles: readonly MatchedArticle[],
  labels: readonly string[],
  declared?: Readonly<Record<string, readonly string[]>>,
): AttributeAgreement[] {
  const coders = [...new Set(articles.flatMap((a) => a.annotators))].sort();
  const exact = unitsByLabel(articles, 'exact');
  const overlap = unitsByLabel(articles, 'overlap');
  return attributeKeys(labels, declared, articles).map(([label, attribute]) => {
    const cache: ValueCache = [];
    return {
      label,
      attribute,
      exact: attributeAlpha(articles, exact, coders, label, attribute, 'exact', cache),
      overlap: attributeAlpha(articles, overlap, coders, label, attribute, 'overlap', cache),
    };
  });
}
