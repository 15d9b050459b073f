/**
 * Suggestion quality per suggester and label (issue 14): precision, recall
 * and F1 of the suggestions against gold with overlap credit, as the
 * existing span F1 (agreement/spanF1.ts, SemEval-2020 Task 11), pooled over
 * articles: each article's precision weighs by its number of suggestions and
 * its recall by its number of gold spans (so the pooled figure is the sum of
 * credits over the sum of spans). `null` where there is nothing to judge.
 */
import { spanF1, type LabelledSpan } from '../agreement/spanF1.js';

export interface QualityArticle {
  predicted: LabelledSpan[];
  gold: LabelledSpan[];
}

export interface QualityFigure {
  p: number | null;
  r: number | null;
  f1: number | null;
  suggested: number;
  gold: number;
  articles: number;
}

/** Pooled overlap-credit precision, recall and F1 of one label's suggestions against gold. */
export function suggestionQuality(articles: readonly QualityArticle[], label: string): QualityFigure {
  let pc = 0;
  let pn = 0;
  let rc = 0;
  let rn = 0;
  for (const a of articles) {
    const predicted = a.predicted.filter((s) => s.label === label);
    const gold = a.gold.filter((s) => s.label === label);
    const r = spanF1(predicted, gold, { mode: 'overlap' });
    if (predicted.length) {
      pc += (Number.isNaN(r.precision) ? 0 : r.precision) * predicted.length;
      pn += predicted.length;
    }
    if (gold.length) {
      rc += (Number.isNaN(r.recall) ? 0 : r.recall) * gold.length;
      rn += gold.length;
    }
  }
  const p = pn ? pc / pn : null;
  const r = rn ? rc / rn : null;
  const f1 = p === null || r === null ? null : p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f1, suggested: pn, gold: rn, articles: articles.length };
}
