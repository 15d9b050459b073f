import { describe, expect, it } from 'vitest';
import {
  agreementReport,
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  spanF1,
  tokenize,
  unitizingAlpha,
  unitizingAlphaCoincidence,
  type AgreementArticleInput,
  type AgreementInput,
  type LabelledSpan,
  type ReliabilityValue,
  type UnitizingUnit,
} from '../../../shared/src/index.js';

const articles: AgreementArticleInput[] = [
  {
    id: 'a1',
    title: 'Regierung',
    text: 'Die Regierung lügt schon wieder.', // Die 0–3, Regierung 4–13, lügt 14–18, schon 19–24, wieder 25–31, . 31–32
    annotators: ['ann', 'ben', 'cem'], // cem submitted without a single span
    spans: [
      { start: 14, end: 18, label: 'loaded', annotator: 'ann' },
      { start: 0, end: 13, label: 'frame', annotator: 'ann' },
      { start: 14, end: 24, label: 'loaded', annotator: 'ben' },
    ],
  },
  {
    id: 'a2',
    text: 'Ein ganz normaler Satz.',
    annotators: ['ann', 'ben'], // cem was not assigned: missing here, not "nothing marked"
    spans: [],
  },
  {
    id: 'a3',
    text: 'Sie „retten“ uns 👍🏽 angeblich.', // Sie 0–3, „ 4–5, retten 5–11, “ 11–12, uns 13–16, 👍🏽 17–19, angeblich 20–29, . 29–30
    annotators: ['ann', 'ben'], // cem only appears through a span, and so counts too
    spans: [
      { start: 5, end: 11, label: 'loaded', annotator: 'ann' },
      { start: 4, end: 12, label: 'loaded', annotator: 'ben' },
      { start: 20, end: 29, label: 'frame', annotator: 'ben' },
      { start: 5, end: 11, label: 'loaded', annotator: 'cem' },
      { start: 17, end: 100, label: 'frame', annotator: 'cem' }, // clipped to 17–30
      { start: 0, end: 3, label: 'bogus', annotator: 'ann' }, // not a label of the scheme: ignored
    ],
  },
];
const input: AgreementInput = { labels: ['loaded', 'frame'], articles };
const fast = { bootstrap: { iterations: 200, seed: 5 } };

// --- an independent construction of the reliability data, to check the report against the metric functions

function annotatorsOf(a: AgreementArticleInput): string[] {
  return [...new Set([...a.annotators, ...a.spans.map((s) => s.annotator)])];
}

/** data[annotator][unit], units = (article, label, token), null where the annotator did not annotate the article. */
function reliabilityData(arts: AgreementArticleInput[], labels: string[], who: string[]): ReliabilityValue[][] {
  return who.map((annotator) =>
    arts.flatMap((a) =>
      labels.flatMap((label) =>
        tokenize(a.text).map((t) => {
          if (!annotatorsOf(a).includes(annotator)) return null;
          return a.spans.some((s) => s.annotator === annotator && s.label === label && s.start < t.end && s.end > t.start) ? 1 : 0;
        }),
      ),
    ),
  );
}

function spansOf(arts: AgreementArticleInput[], labels: string[], annotator: string): LabelledSpan[] {
  let offset = 0;
  const out: LabelledSpan[] = [];
  for (const a of arts) {
    const length = [...a.text].length;
    for (const s of a.spans)
      if (s.annotator === annotator && labels.includes(s.label)) out.push({ start: offset + s.start, end: offset + Math.min(s.end, length), label: s.label });
    offset += length;
  }
  return out;
}

describe('agreementReport: token alpha', () => {
  it('computes the hand-checked alpha of one article and label, counting an annotator without spans as "nothing marked"', () => {
    // loaded on a1: ann marks lügt, ben lügt + schon, cem nothing. Coincidences (m = 3):
    // lügt (1,1,0): o11 += 1, o01 = o10 += 1; schon (0,1,0): o00 += 1, o01 = o10 += 1; four tokens (0,0,0): o00 += 3 each.
    // o00 = 13, o01 = o10 = 2, o11 = 1; n0 = 15, n1 = 3, n = 18: α = 1 − 17·(2 + 2)/(2·15·3) = 11/45.
    const r = agreementReport(input, { ...fast, articles: ['a1'] });
    const loaded = r.byLabel.find((l) => l.label === 'loaded')!;
    expect(loaded.alpha.value).toBeCloseTo(11 / 45, 12);
    expect(loaded.alpha.counts).toEqual({ articles: 1, annotators: 3, units: 6, spans: 2 });
  });

  it('equals krippendorffAlpha on the token × annotator data, per label and over all labels', () => {
    const r = agreementReport(input, fast);
    const who = ['ann', 'ben', 'cem'];
    expect(r.annotators).toEqual(who);
    for (const label of ['loaded', 'frame']) {
      const fig = r.byLabel.find((l) => l.label === label)!;
      expect(fig.alpha.value).toBeCloseTo(krippendorffAlpha(reliabilityData(articles, [label], who)), 12);
      expect(fig.alpha.counts.units).toBe(6 + 5 + 8);
    }
    expect(r.overall.label).toBeNull();
    expect(r.overall.alpha.value).toBeCloseTo(krippendorffAlpha(reliabilityData(articles, ['loaded', 'frame'], who)), 12);
    expect(r.overall.alpha.counts).toEqual({ articles: 3, annotators: 3, units: 2 * 19, spans: 8 });
  });

  it('gives a seeded bootstrap interval: same seed, same interval', () => {
    const a = agreementReport(input, fast).overall.alpha.ci;
    const b = agreementReport(input, fast).overall.alpha.ci;
    expect(a).toEqual(b);
    expect(a).toMatchObject({ confidence: 0.95, iterations: 200, seed: 5 });
    expect(a.low!).toBeLessThanOrEqual(a.high!);
    expect(a.valid).toBeGreaterThan(0);
  });
});

describe('agreementReport: pairwise and multi-rater figures', () => {
  it("equals cohenKappa for every pair, over the articles both annotated, as a symmetric matrix", () => {
    const r = agreementReport(input, fast);
    const who = r.annotators;
    const data = reliabilityData(articles, ['loaded', 'frame'], who);
    for (const p of r.overall.cohen.pairs) {
      const [x, y] = [data[who.indexOf(p.a)]!, data[who.indexOf(p.b)]!];
      expect(p.value).toBeCloseTo(cohenKappa(x, y), 12);
      const i = who.indexOf(p.a);
      const j = who.indexOf(p.b);
      expect(r.overall.cohen.matrix[i]![j]).toBe(p.value);
      expect(r.overall.cohen.matrix[j]![i]).toBe(p.value);
    }
    const annCem = r.overall.cohen.pairs.find((p) => p.a === 'ann' && p.b === 'cem')!;
    expect(annCem.counts).toMatchObject({ articles: 2, units: 2 * (6 + 8) });
    expect(r.overall.cohen.matrix[0]![0]).toBeNull();
  });

  it("gives Fleiss' kappa and the 2004 unitizing alpha only when every article has the same annotators", () => {
    const r = agreementReport(input, fast);
    expect(r.overall.fleiss).toMatchObject({ value: null, reason: 'the annotators differ between articles' });
    expect(r.overall.unitizing).toMatchObject({ value: null, reason: 'the annotators differ between articles' });

    const same = agreementReport(input, { ...fast, articles: ['a1', 'a3'] });
    const chosen = articles.filter((a) => a.id !== 'a2');
    const data = reliabilityData(chosen, ['loaded'], ['ann', 'ben', 'cem']);
    const table = data[0]!.map((_, u) => {
      const k = data.reduce((s, row) => s + (row[u] as number), 0);
      return [3 - k, k];
    });
    const loaded = same.byLabel.find((l) => l.label === 'loaded')!;
    expect(loaded.fleiss.value).toBeCloseTo(fleissKappa(table), 12);
    expect(loaded.fleiss.counts).toEqual({ articles: 2, annotators: 3, units: 14, spans: 5 });

    // 2004 αU: the two articles end to end (32 + 30 code points)
    const units: UnitizingUnit[] = ['ann', 'ben', 'cem'].flatMap((who, rater) =>
      spansOf(chosen, ['loaded', 'frame'], who).map((s) => ({ rater, begin: s.start, length: s.end - s.start, category: s.label })),
    );
    const u = unitizingAlpha({ length: 62, raters: 3, units });
    expect(loaded.unitizing.value).toBeCloseTo(u.byCategory.loaded!.alpha, 12);
    expect(loaded.unitizing.observed).toBeCloseTo(u.byCategory.loaded!.observed, 12);
    expect(same.overall.unitizing.value).toBeCloseTo(u.alpha, 12);
    expect(same.overall.unitizing.counts).toEqual({ articles: 2, annotators: 3, units: 62, spans: 8 });
  });

  it('pools the 2016 unitizing alpha over articles with different annotators', () => {
    const r = agreementReport(input, fast);
    const continua = articles.map((a) => {
      const who = annotatorsOf(a).sort();
      return {
        length: [...a.text].length,
        raters: who.length,
        units: who.flatMap((w, rater) => spansOf([a], ['loaded', 'frame'], w).map((s) => ({ rater, begin: s.start, length: s.end - s.start, category: s.label }))),
      };
    });
    const u = unitizingAlphaCoincidence(continua);
    const frame = r.byLabel.find((l) => l.label === 'frame')!;
    expect(frame.unitizing2016.value).toBeCloseTo(u.byCategory.frame!.alpha, 12);
    const sumO = u.byCategory.frame!.observed + u.byCategory.loaded!.observed;
    const sumE = u.byCategory.frame!.expected + u.byCategory.loaded!.expected;
    expect(r.overall.unitizing2016.value).toBeCloseTo(1 - sumO / sumE, 12);
    expect(r.overall.unitizing2016.counts).toEqual({ articles: 3, annotators: 3, units: 32 + 23 + 30, spans: 8 });
  });

  it('gives pairwise span F1, exact and overlap, pooled over the shared articles', () => {
    const r = agreementReport(input, fast);
    const annBen = r.overall.spanF1.find((p) => p.a === 'ann' && p.b === 'ben')!;
    // ann: lügt (covered by ben's "lügt schon"), "Die Regierung" (frame; ben has none there), retten (inside ben's „retten“)
    // ben: "lügt schon" (4 of 10 covered), „retten“ (6 of 8), angeblich (frame; ann has none)
    const precision = (1 + 0 + 1) / 3;
    const recall = (0.4 + 0.75 + 0) / 3;
    expect(annBen.overlap.precision).toBeCloseTo(precision, 12);
    expect(annBen.overlap.recall).toBeCloseTo(recall, 12);
    expect(annBen.overlap.f1).toBeCloseTo((2 * precision * recall) / (precision + recall), 12);
    expect(annBen.exact).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(annBen.counts).toMatchObject({ articles: 3, spans: 6 });
    for (const p of r.overall.spanF1) {
      const shared = articles.filter((a) => annotatorsOf(a).includes(p.a) && annotatorsOf(a).includes(p.b));
      const f = spanF1(spansOf(shared, input.labels, p.a), spansOf(shared, input.labels, p.b), { mode: 'overlap' });
      expect(p.overlap.f1).toBeCloseTo(f.f1, 12);
    }
  });
});

describe('agreementReport: articles, filters and output', () => {
  it('lists articles worst first, those without a defined alpha last', () => {
    const r = agreementReport(input, fast);
    expect(r.articles.map((a) => a.id)).toHaveLength(3);
    const defined = r.articles.filter((a) => a.alpha !== null).map((a) => a.alpha!);
    expect(defined).toEqual([...defined].sort((x, y) => x - y));
    const a2 = r.articles[r.articles.length - 1]!;
    expect(a2).toMatchObject({ id: 'a2', alpha: null, spans: 0, tokens: 5, annotators: ['ann', 'ben'], meanPairF1: null });
    const a1 = r.articles.find((a) => a.id === 'a1')!;
    expect(a1.alphaByLabel.loaded).toBeCloseTo(11 / 45, 12);
    expect(a1.title).toBe('Regierung');
  });

  it('applies label, annotator and article filters', () => {
    const r = agreementReport(input, { ...fast, labels: ['loaded'], annotators: ['ann', 'ben'] });
    expect(r.labels).toEqual(['loaded']);
    expect(r.byLabel).toHaveLength(1);
    expect(r.annotators).toEqual(['ann', 'ben']);
    expect(r.overall.alpha.value).toBeCloseTo(r.byLabel[0]!.alpha.value!, 12);
    expect(r.overall.alpha.value).toBeCloseTo(krippendorffAlpha(reliabilityData(articles, ['loaded'], ['ann', 'ben'])), 12);
    // the same two annotators on every article now
    expect(r.overall.fleiss.value).not.toBeNull();
    expect(r.counts).toEqual({ articles: 3, annotators: 2, units: 19, spans: 4 });
    expect(agreementReport(input, { ...fast, articles: ['a2'] }).counts.articles).toBe(1);
  });

  it('counts ignored spans and is plain JSON', () => {
    const r = agreementReport(input, fast);
    expect(r.ignoredSpans).toBe(1);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.settings).toEqual({ locale: 'de', bootstrap: { seed: 5, iterations: 200, confidence: 0.95 } });
  });

  it('says why a figure is missing instead of giving 0', () => {
    const r = agreementReport({ labels: ['loaded'], articles: [articles[1]!] }, fast);
    expect(r.overall.alpha).toMatchObject({ value: null, reason: 'no variation: every token has the same value for every annotator' });
    expect(r.overall.unitizing).toMatchObject({ value: null, reason: 'no spans' });
    expect(r.overall.unitizing2016).toMatchObject({ value: null, reason: 'no spans' });
    expect(r.overall.spanF1[0]!.overlap).toEqual({ precision: null, recall: null, f1: null });
    const empty = agreementReport({ labels: ['loaded'], articles: [] }, fast);
    expect(empty.overall.alpha).toMatchObject({ value: null, reason: 'no token has two annotators' });
    expect(empty.overall.fleiss.reason).toBe('no articles');
  });
});
