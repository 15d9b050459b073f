/**
 * Annotator against gold (issue 9): precision, recall and F1 per annotator
 * and label, pooled over curated articles (micro average).
 * - exact: tp = the annotator's spans with a gold span of the same label and
 *   boundaries; fp = their other spans; fn = gold spans they have no exact
 *   match for.
 * - overlap: the SemEval-2020 Task 11 partial credit of spanF1.ts, pooled:
 *   p = Σ precision credit / Σ the annotator's spans, r = Σ recall credit /
 *   Σ gold spans. tp is the precision credit (fractional), fp the spans
 *   minus it, fn the gold spans minus the recall credit.
 * p, r and f1 are null where undefined (0/0). Spans identical in label and
 * boundaries count once per side, as in spanF1.
 */
import { spanF1, type LabelledSpan } from '../agreement/spanF1.js';

export interface Prf {
  p: number | null;
  r: number | null;
  f1: number | null;
  tp: number;
  fp: number;
  fn: number;
}

export interface GoldScore {
  username: string;
  label: string;
  exact: Prf;
  overlap: Prf;
  /** The article with the most exact errors (fp + fn) for this annotator and label: where to look first. */
  worst: { article: string | number; errors: number } | null;
}

export interface GoldScoreArticle {
  id: string | number;
  gold: LabelledSpan[];
  /** Every annotator who submitted the article, with their spans (none is a valid answer). */
  annotators: Record<string, LabelledSpan[]>;
}

const unique = (spans: LabelledSpan[]) => [...new Map(spans.filter((s) => s.end > s.start).map((s) => [`${s.label}:${s.start}:${s.end}`, s])).values()];

function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp > 0 ? tp / (tp + fp) : null;
  const r = tp + fn > 0 ? tp / (tp + fn) : null;
  // 2tp / (2tp + fp + fn): 0 when only one side has spans, null when neither has.
  const f1 = tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null;
  return { p, r, f1, tp, fp, fn };
}

export function goldScores(articles: GoldScoreArticle[], labels: string[]): GoldScore[] {
  const acc = new Map<string, { e: [number, number, number]; o: [number, number, number, number]; worst: GoldScore['worst'] }>();
  for (const a of articles) {
    for (const [username, spansIn] of Object.entries(a.annotators)) {
      for (const label of labels) {
        const mine = unique(spansIn.filter((s) => s.label === label));
        const gold = unique(a.gold.filter((s) => s.label === label));
        if (!mine.length && !gold.length) continue;
        const key = `${username}\n${label}`;
        const cur = acc.get(key) ?? { e: [0, 0, 0], o: [0, 0, 0, 0], worst: null };
        const goldKeys = new Set(gold.map((s) => `${s.start}:${s.end}`));
        const tp = mine.filter((s) => goldKeys.has(`${s.start}:${s.end}`)).length;
        cur.e[0] += tp;
        cur.e[1] += mine.length - tp;
        cur.e[2] += gold.length - tp;
        const errors = mine.length + gold.length - 2 * tp;
        if (errors > 0 && (!cur.worst || errors > cur.worst.errors)) cur.worst = { article: a.id, errors };
        const o = spanF1(mine, gold, { mode: 'overlap' });
        const pCredit = mine.length ? o.precision * mine.length : 0;
        const rCredit = gold.length ? o.recall * gold.length : 0;
        cur.o[0] += pCredit;
        cur.o[1] += mine.length;
        cur.o[2] += rCredit;
        cur.o[3] += gold.length;
        acc.set(key, cur);
      }
    }
  }
  return [...acc.entries()]
    .map(([key, v]) => {
      const [username, label] = key.split('\n') as [string, string];
      const [pc, n, rc, g] = v.o;
      const p = n ? pc / n : null;
      const r = g ? rc / g : null;
      const f1 = p === null && r === null ? null : !p || !r ? 0 : (2 * p * r) / (p + r);
      return { username, label, exact: prf(...v.e), overlap: { p, r, f1, tp: pc, fp: n - pc, fn: g - rc }, worst: v.worst };
    })
    .sort((a, b) => a.username.localeCompare(b.username) || a.label.localeCompare(b.label));
}
