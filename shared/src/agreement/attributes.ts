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
import { AttributeValues, labelUnits, lookUpAll, spanColumns, spanIndex, tallyUnits, type LabelUnits } from './attributeUnits.js';
import { alphaFromCoincidences } from './krippendorff.js';
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
    for (const s of a.spans) {
      const keys = s.attributes && found.get(s.label);
      // the own enumerable keys, as Object.keys() gives them, without an array per span
      if (keys) for (const k in s.attributes) if (Object.hasOwn(s.attributes!, k)) keys.add(k);
    }
  return labels.flatMap((l) => {
    const own = declared && Object.hasOwn(declared, l) ? (declared[l] ?? []) : [];
    const rest = [...found.get(l)!].filter((k) => !own.includes(k)).sort();
    return [...new Set([...own, ...rest])].map((k): [string, string] => [l, k]);
  });
}

/** Alpha of one attribute of one label under one matching mode. */
function attributeAlpha(articles: readonly MatchedArticle[], units: LabelUnits | undefined, spanValues: AttributeValues, coders: number, label: string, mode: MatchMode): AttributeAlpha {
  const tally = tallyUnits(units, spanValues, coders);
  const { matched, missing } = tally;
  const c = tally.coincidences;
  const byArticle: AttributeArticle[] = tally.articles.map((x) => ({ id: articles[x.index]!.id, units: x.units, differing: x.differing }));
  const alpha = alphaFromCoincidences(c, 'nominal');
  const marg = c.matrix.map((row) => row.reduce((s, x) => s + x, 0));
  const values = c.values
    .map((v, i) => ({ value: String(v), count: Math.round(marg[i]!) }))
    .sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  byArticle.sort((x, y) => y.differing - x.differing || y.units - x.units);
  const figure: AttributeAlpha = {
    value: Number.isFinite(alpha) ? alpha : null,
    counts: { articles: byArticle.length, annotators: tally.coders, units: c.pairableUnits, spans: values.reduce((s, v) => s + v.count, 0) },
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
  const column = new Map(coders.map((c, i) => [c, i]));
  const index = spanIndex(articles);
  const cols = spanColumns(articles, index, column);
  const exact = labelUnits(articles, index, cols, 'exact');
  const overlap = labelUnits(articles, index, cols, 'overlap');
  const pairs = attributeKeys(labels, declared, articles).map(([label, attribute]) => ({ label, attribute, values: new AttributeValues(articles, index, attribute, attributeValue) }));
  // a label's attributes looked up together, each span visited once (the numbering of values does not reach the figures)
  const byLabel = new Map<string, AttributeValues[]>();
  for (const p of pairs) byLabel.set(p.label, [...(byLabel.get(p.label) ?? []), p.values]);
  for (const [label, list] of byLabel) if (list.length > 1) for (const u of [exact.get(label), overlap.get(label)]) if (u) lookUpAll(u, list);
  return pairs.map(({ label, attribute, values }) => {
    return {
      label,
      attribute,
      exact: attributeAlpha(articles, exact.get(label), values, coders.length, label, 'exact'),
      overlap: attributeAlpha(articles, overlap.get(label), values, coders.length, label, 'overlap'),
    };
  });
}
