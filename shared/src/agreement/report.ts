/**
 * The project agreement report (issue 4, part 2), built from plain data with
 * the metric functions of this folder. Pure: no I/O; the server and the
 * command line pass in the articles with the spans they want counted
 * (submitted work, or drafts too on request).
 *
 * Definitions:
 * - An article's annotators are the ones listed in `annotators` (assigned or
 *   submitted) plus anyone with a span on it. An annotator with no span on an
 *   article has marked nothing there: every token is "out" for them. An
 *   annotator not listed for an article is missing there (not "out").
 * - Tokens come from `tokenize()` (the one segmentation of the workbench).
 *   A token is "in" a label for an annotator if any span of that label by
 *   that annotator overlaps it by at least one code point.
 * - Token alpha: Krippendorff's alpha, nominal, with a token as the unit and
 *   in/out as its value, per label; "overall" pools all labels, the unit being
 *   a (token, label) pair (DESIGN.md: "token × label"). Tokens that one
 *   annotator marked and another did not are disagreements and are never
 *   dropped. Units with fewer than two annotators are not pairable and add
 *   nothing (Krippendorff's treatment of missing data).
 * - Cohen's kappa for every pair of annotators over the tokens (or token ×
 *   label units) of the articles both annotated.
 * - Fleiss' kappa only when every token has the same annotators (the same set
 *   of at least two on every article), else `null` with a reason.
 * - Unitizing alpha on code points, per label, two definitions (see
 *   unitizing.ts): `unitizing` is Krippendorff's (2004) αU (the figure DKPro
 *   and INCEpTION report) on the articles laid end to end as one continuum; it
 *   needs the same annotators on every article, else `null` with a reason.
 *   `unitizing2016` is the uα of Krippendorff, Mathet, Bouvry & Widlöcher
 *   (2016) for the label against everything else, pooled over articles by its
 *   coincidences, so articles may have different annotators. "Overall" is
 *   1 − Σ D_o / Σ D_e over the labels for both.
 * - Span F1 for every pair (a, b): a's spans as "predicted", b's as
 *   "reference", exact and overlap (SemEval-2020 Task 11) credit, over the
 *   articles both annotated, all their spans pooled (micro average). Overall
 *   matches labels too. Precision of (a, b) is recall of (b, a).
 * - Bootstrap: 95% percentile interval of the token alpha (per label and
 *   overall), resampling articles, seeded (see bootstrap.ts).
 * - Counts on every figure: `articles` and `annotators` it rests on, `units`
 *   (pairable tokens or token × label units; code points of the continuum for
 *   unitizing; spans compared for F1) and `spans` (spans of the figure's
 *   labels by those annotators on those articles).
 * - An undefined value (`NaN` from a metric) is `null` in the report, with a
 *   `reason`, so that the report is plain JSON.
 *
 * - Attribute alpha per label and attribute, and link F1, on spans matched
 *   across annotators (exact and overlap matching): see matching.ts,
 *   attributes.ts and links.ts. They use each span's optional `id` and
 *   `attributes` and each article's optional `relations`.
 *
 * Input hygiene: spans are clipped to the text; empty spans, spans whose label
 * is not among the label keys and spans outside the filters are left out
 * (`ignoredSpans` counts the first three kinds).
 */
import { codePointLength } from '../text.js';
import { tokenBounds } from '../tokenBounds.js';
import { bootstrapAlphaFromCoincidences } from './bootstrap.js';
import { attributeAgreement, type AttributeAgreement } from './attributes.js';
import { alphaFromCoincidences, type Coincidences } from './krippendorff.js';
import { linkAgreement, type LinkAgreement, type LinkInput } from './links.js';
import { matchArticle, type MatchedArticle, type MatchSpan } from './matching.js';
import { articlePairCredits, meanPairF1, spanPairFigures } from './spanCredits.js';
import type { LabelledSpan } from './spanF1.js';
import { addCoincidences, articleLabelCoincidences, cohenFigures, fleissFigure, markTokens, num, spansOf, type Prepared } from './tokenFigures.js';
import { articleUnitizing, unitizing2004ByLabel, unitizing2004Figure, unitizing2016ByLabel, unitizing2016Figure } from './unitizingFigures.js';

export interface AgreementSpanInput {
  start: number;
  end: number;
  label: string;
  annotator: string;
  /** Needed for links (`relations` name spans by id). */
  id?: string | number;
  /** Attribute key → value; a key without a value is missing data. */
  attributes?: Readonly<Record<string, unknown>>;
}

export interface AgreementArticleInput {
  id: string | number;
  title?: string;
  text: string;
  /** Who was assigned or submitted: they count as having marked nothing where they have no span. */
  annotators: string[];
  spans: AgreementSpanInput[];
  /** Links between the spans' ids (one annotator's spans). */
  relations?: LinkInput[];
  /** The text's token boundaries as `tokenBounds(text)` gives them (stored with the article): used for locale `de` instead of tokenizing. */
  tokens?: Int32Array;
}

export interface AgreementInput {
  /** The label keys of the scheme. */
  labels: string[];
  /** The scheme's attribute keys of each label (keys found on spans are measured too). */
  attributeKeys?: Record<string, string[]>;
  articles: AgreementArticleInput[];
}

export interface AgreementOptions {
  /** Only these labels (default: all). */
  labels?: string[];
  /** Only these annotators (default: all). */
  annotators?: string[];
  /** Only these article ids (compared as strings; default: all). */
  articles?: Array<string | number>;
  bootstrap?: { seed?: number; iterations?: number; confidence?: number };
  /** Locale of `tokenize()`, default `'de'`. */
  locale?: string;
}

export interface AgreementCounts {
  articles: number;
  annotators: number;
  units: number;
  spans: number;
}

export interface AgreementFigure {
  value: number | null;
  counts: AgreementCounts;
  /** Why `value` is null. */
  reason?: string;
}

export interface AlphaInterval {
  low: number | null;
  high: number | null;
  confidence: number;
  iterations: number;
  /** Replicates with a defined alpha. */
  valid: number;
  seed: number;
}

export interface AlphaFigure extends AgreementFigure {
  ci: AlphaInterval;
}

export interface UnitizingFigure extends AgreementFigure {
  observed: number | null;
  expected: number | null;
}

export interface PairFigure extends AgreementFigure {
  a: string;
  b: string;
}

export interface PrecisionRecallF1 {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface PairSpanF1 {
  a: string;
  b: string;
  exact: PrecisionRecallF1;
  overlap: PrecisionRecallF1;
  counts: AgreementCounts;
}

export interface LabelAgreement {
  /** The label key, or null for all labels together. */
  label: string | null;
  alpha: AlphaFigure;
  cohen: {
    /** Rows and columns: the report's `annotators`; the diagonal and pairs without shared data are null. */
    matrix: Array<Array<number | null>>;
    pairs: PairFigure[];
  };
  fleiss: AgreementFigure;
  unitizing: UnitizingFigure;
  unitizing2016: UnitizingFigure;
  spanF1: PairSpanF1[];
}

export interface ArticleAgreement {
  id: string;
  title: string | null;
  tokens: number;
  codePoints: number;
  annotators: string[];
  spans: number;
  /** Token alpha over all labels (token × label units). */
  alpha: number | null;
  alphaByLabel: Record<string, number | null>;
  /** Krippendorff (2004) αU over all labels, and per label. */
  unitizing: number | null;
  unitizingByLabel: Record<string, number | null>;
  /** Mean over annotator pairs of the overlap-credit span F1 (all labels). */
  meanPairF1: number | null;
}

export interface AgreementReport {
  labels: string[];
  annotators: string[];
  counts: AgreementCounts;
  overall: LabelAgreement;
  byLabel: LabelAgreement[];
  /** Worst first: by `alpha` ascending, articles without one last. */
  articles: ArticleAgreement[];
  settings: { locale: string; bootstrap: { seed: number; iterations: number; confidence: number } };
  /** Spans left out: unknown label, or empty after clipping to the text. */
  ignoredSpans: number;
  /** Alpha of every attribute of every (chosen) label, on matched spans. */
  attributes: AttributeAgreement[];
  /** F1 of the links between matched spans. */
  links: LinkAgreement;
}

// ---------------------------------------------------------------------------

/**
 * Builds the agreement report of a project from its articles and spans.
 * See the module comment for every definition.
 *
 * `onProgress` (optional) hears `done` of `total` steps as the report advances
 * (each article read, each label's figures, each article's own figures); it
 * may throw to stop the report (a cancelled job).
 */
export function agreementReport(input: AgreementInput, options: AgreementOptions = {}, onProgress?: (done: number, total: number) => void): AgreementReport {
  const locale = options.locale ?? 'de';
  const seed = options.bootstrap?.seed ?? 1;
  const iterations = options.bootstrap?.iterations ?? 1000;
  const confidence = options.bootstrap?.confidence ?? 0.95;
  const labelFilter = options.labels ? new Set(options.labels) : null;
  const labels = [...new Set(input.labels)].filter((l) => !labelFilter || labelFilter.has(l));
  const labelSet = new Set(input.labels);
  const annotatorFilter = options.annotators ? new Set(options.annotators) : null;
  const articleFilter = options.articles ? new Set(options.articles.map(String)) : null;
  let ignoredSpans = 0;

  // --- prepare articles -----------------------------------------------------
  const prepared: Prepared[] = [];
  const matched: MatchedArticle[] = [];
  const links: LinkInput[][] = [];
  let step = 0;
  for (const article of input.articles) {
    onProgress?.(step++, 2 * input.articles.length + labels.length + 1);
    if (articleFilter && !articleFilter.has(String(article.id))) continue;
    const length = codePointLength(article.text);
    const people = new Set(article.annotators);
    for (const s of article.spans) people.add(s.annotator);
    const annotators = [...people].filter((a) => !annotatorFilter || annotatorFilter.has(a)).sort();
    const bounds = article.tokens && locale === 'de' ? article.tokens : tokenBounds(article.text, locale);
    const spans = new Map<string, Map<string, LabelledSpan[]>>();
    for (const l of labels) spans.set(l, new Map(annotators.map((a) => [a, []])));
    let spanCount = 0;
    const kept: MatchSpan[] = [];
    for (const s of article.spans) {
      const start = Math.max(0, s.start);
      const end = Math.min(length, s.end);
      if (!labelSet.has(s.label) || !(end > start) || !Number.isFinite(start) || !Number.isFinite(end)) {
        ignoredSpans++;
        continue;
      }
      const list = spans.get(s.label)?.get(s.annotator);
      if (!list) continue; // filtered out
      // one object for both lists (read only): a labelled span and a span to match; the input's own when it has
      // these values already (inside the text, id a string or absent), as the figures read only these fields
      const span: MatchSpan =
        Object.is(start, s.start) && end === s.end && (s.id === undefined || typeof s.id === 'string')
          ? (s as MatchSpan)
          : { start, end, label: s.label, annotator: s.annotator, id: s.id === undefined ? undefined : String(s.id), attributes: s.attributes };
      list.push(span);
      kept.push(span);
      spanCount++;
    }
    const marks = new Map<string, Map<string, Uint8Array>>();
    for (const l of labels)
      marks.set(l, new Map(annotators.map((a) => [a, markTokens(bounds, spans.get(l)!.get(a)!)])));
    matched.push(matchArticle(String(article.id), annotators, kept));
    links.push(article.relations ?? []);
    prepared.push({
      id: String(article.id),
      title: article.title ?? null,
      bounds,
      tokenCount: bounds.length >> 1,
      length,
      annotators,
      spans,
      marks,
      spanCount,
    });
  }
  const annotators = [...new Set(prepared.flatMap((p) => p.annotators))].sort();
  const pairable = prepared.filter((p) => p.annotators.length >= 2 && p.tokenCount > 0);

  // Same annotators everywhere? (Fleiss' kappa, 2004 unitizing alpha.)
  const signature = (p: Prepared) => p.annotators.join('\u0000');
  let commonReason: string | null = null;
  if (!prepared.length) commonReason = 'no articles';
  else if (prepared.some((p) => p.annotators.length < 2)) commonReason = 'some articles have fewer than two annotators';
  else if (new Set(prepared.map(signature)).size > 1) commonReason = 'the annotators differ between articles';
  const common = commonReason ? null : prepared[0]!.annotators;

  // --- per article, per label coincidences -----------------------------------
  const perArticle = new Map<Prepared, Map<string, Coincidences>>();
  for (const p of prepared) perArticle.set(p, new Map(labels.map((l) => [l, articleLabelCoincidences(p, l)])));

  // --- computed once per label or pair, summed up for each figure ------------
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const credits = new Map(prepared.map((p) => [p, articlePairCredits(p, labels)]));
  const u2004 = common ? unitizing2004ByLabel(prepared, labels, common) : null;
  const u2016 = unitizing2016ByLabel(pairable, labels);

  // --- one label (or all) -----------------------------------------------------
  const figureFor = (ls: string[], label: string | null): LabelAgreement => {
    // token alpha
    const clusters = prepared.map((p) => addCoincidences(ls.map((l) => perArticle.get(p)!.get(l)!)));
    const pooled = addCoincidences(clusters);
    const alphaValue = alphaFromCoincidences(pooled, 'nominal');
    const boot = bootstrapAlphaFromCoincidences(clusters, { iterations, seed, confidence });
    const alphaCounts: AgreementCounts = {
      articles: pairable.length,
      annotators: new Set(pairable.flatMap((p) => p.annotators)).size,
      units: pooled.pairableUnits,
      spans: pairable.reduce((s, p) => s + spansOf(p, ls), 0),
    };
    const alpha: AlphaFigure = {
      value: num(alphaValue),
      counts: alphaCounts,
      ci: { low: num(boot.low), high: num(boot.high), confidence, iterations, valid: boot.valid, seed },
    };
    if (alpha.value === null)
      alpha.reason = pooled.pairableUnits === 0 ? 'no token has two annotators' : 'no variation: every token has the same value for every annotator';

    const { matrix, pairs } = cohenFigures(prepared, ls, annotators);
    const fleiss = fleissFigure(prepared, ls, common, commonReason);

    const unitizing: UnitizingFigure = u2004
      ? unitizing2004Figure(u2004, prepared, ls, label, common!)
      : { value: null, observed: null, expected: null, counts: { articles: 0, annotators: 0, units: 0, spans: 0 }, reason: commonReason! };
    const unitizing2016 = unitizing2016Figure(u2016, pairable, ls, alphaCounts);
    const spanPairs = spanPairFigures(prepared, credits, ls, ls.map((l) => labelIndex.get(l)!), annotators);

    return { label, alpha, cohen: { matrix, pairs }, fleiss, unitizing, unitizing2016, spanF1: spanPairs };
  };

  const steps = input.articles.length + labels.length + 1 + prepared.length;
  const byLabel = labels.map((l) => {
    onProgress?.(step++, steps);
    return figureFor([l], l);
  });
  onProgress?.(step++, steps);
  const overall = figureFor(labels, null);

  // --- per article ------------------------------------------------------------
  const articles: ArticleAgreement[] = prepared.map((p) => {
    onProgress?.(step++, steps);
    const alphaByLabel: Record<string, number | null> = {};
    for (const l of labels) alphaByLabel[l] = num(alphaFromCoincidences(perArticle.get(p)!.get(l)!, 'nominal'));
    const all = addCoincidences(labels.map((l) => perArticle.get(p)!.get(l)!));
    const u = articleUnitizing(p, labels);
    const unitizingByLabel: Record<string, number | null> = {};
    for (const l of labels) unitizingByLabel[l] = num(u.byLabel.get(l) ?? NaN);
    return {
      id: p.id,
      title: p.title,
      tokens: p.tokenCount,
      codePoints: p.length,
      annotators: p.annotators,
      spans: p.spanCount,
      alpha: num(alphaFromCoincidences(all, 'nominal')),
      alphaByLabel,
      unitizing: num(u.alpha),
      unitizingByLabel,
      meanPairF1: meanPairF1(credits.get(p)!),
    };
  });
  onProgress?.(step, steps);
  articles.sort((x, y) => {
    if (x.alpha === null && y.alpha !== null) return 1;
    if (y.alpha === null && x.alpha !== null) return -1;
    if (x.alpha !== null && y.alpha !== null && x.alpha !== y.alpha) return x.alpha - y.alpha;
    return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  });

  return {
    labels,
    annotators,
    counts: {
      articles: prepared.length,
      annotators: annotators.length,
      units: prepared.reduce((s, p) => s + p.tokenCount, 0),
      spans: prepared.reduce((s, p) => s + p.spanCount, 0),
    },
    overall,
    byLabel,
    articles,
    settings: { locale, bootstrap: { seed, iterations, confidence } },
    ignoredSpans,
    attributes: attributeAgreement(matched, labels, input.attributeKeys),
    links: linkAgreement(matched, links),
  };
}
