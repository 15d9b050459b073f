import { describe, expect, it } from 'vitest';
import { articleCounts, biasProfile, quoteRanges, textCounts, type ProfileArticle, type ProfileSpan } from '@mbw/shared';

/** A span over the first occurrence of `quote` in `text` (code points = UTF-16 here: no astral characters). */
function span(text: string, quote: string, label: string, attributes: Record<string, string> = {}): ProfileSpan {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" not in "${text}"`);
  return { label, start, end: start + quote.length, attributes, quote };
}

const A1 = 'Der Minister sagte, alles sei gut. Diplomaten zufolge gibt es Streit.';
const A2 = 'Das ist ein Skandal. „Ein Desaster“, sagte sie.';
const B1 = 'Beamte sagten, der Plan sei »eine gute Idee«. Quellen berichten Ähnliches.';
const C1 = 'Die Regierung torpediert den Frieden. Das ist sicher.';

// Three outlets: A (two articles), B and C (one each); A and B one story.
const fixture: ProfileArticle[] = [
  {
    id: 'a1', source: 'A', story: 'S', text: A1,
    spans: [span(A1, 'Der Minister sagte', 'attribution', { sourceType: 'named_person' }), span(A1, 'Diplomaten zufolge', 'attribution', { sourceType: 'anonymous' })],
    annotators: ['x', 'y'],
    annotations: ['x', 'y'].map((annotator) => ({ ...span(A1, 'Der Minister sagte', 'attribution'), annotator })),
  },
  {
    id: 'a2', source: 'A', story: 'S', text: A2,
    spans: [
      span(A2, 'Skandal', 'evaluative', { polarity: 'negative' }),
      span(A2, 'Desaster', 'evaluative', { polarity: 'negative' }),
      span(A2, 'sagte sie', 'attribution', { sourceType: 'named_person' }),
      span(A2, 'Das ist ein Skandal', 'unsupported_claim', { checkable: 'no' }),
    ],
  },
  {
    id: 'b1', source: 'B', story: 'S', text: B1,
    spans: [
      span(B1, 'Beamte sagten', 'attribution', { sourceType: 'anonymous' }),
      span(B1, 'Quellen berichten', 'attribution', { sourceType: 'anonymous' }),
      span(B1, 'gute Idee', 'evaluative', { polarity: 'positive' }),
    ],
  },
  {
    id: 'c1', source: 'C', text: C1,
    spans: [
      span(C1, 'torpediert', 'evaluative', { polarity: 'mixed' }),
      span(C1, 'Die Regierung torpediert den Frieden', 'unsupported_claim'),
      span(C1, 'Das ist sicher', 'unsupported_claim'),
    ],
  },
];

describe('bias profile: counts', () => {
  it('counts word tokens (not punctuation) and sentences as counted by hand', () => {
    expect([A1, A2, B1, C1].map((t) => textCounts(t).words)).toEqual([11, 8, 11, 8]);
    expect([A1, A2, B1, C1].map((t) => textCounts(t).sentences.length)).toEqual([2, 2, 2, 2]);
  });

  it('finds quotation regions of „…“ "…" »…«, and a stray mark opens none', () => {
    const t = 'a „b“ c "d" e »f« g';
    expect(quoteRanges(t).map((r) => t.slice(r.start, r.end))).toEqual(['b', 'd', 'f']);
    expect(quoteRanges('ein „offenes\n\nEnde')).toEqual([]);
  });

  it('counts one article: anonymous, own voice vs quotes, sentences with a claim', () => {
    expect(articleCounts(A2, fixture[1]!.spans)).toMatchObject({ words: 8, attributions: 1, typed: 1, anonymous: 0, evaluative: 2, negative: 2, inQuotes: 1, unsupported: 1, unsupportedSentences: 1 });
    expect(articleCounts(B1, fixture[2]!.spans)).toMatchObject({ hasAnonymous: 1, onlyAnonymous: 1, inQuotes: 1, positive: 1 });
  });
});

describe('bias profile: by outlet, hand-computed', () => {
  const groups = biasProfile(fixture, 'outlet', { bootstrap: { seed: 7 } });
  const [a, b, c] = groups;

  it('pools outlet A as ratios of sums over its two articles (19 words)', () => {
    expect(groups.map((g) => [g.key, g.articles, g.words])).toEqual([['A', 2, 19], ['B', 1, 11], ['C', 1, 8]]);
    const f = a!.figures;
    expect(f.attributionsPer1000).toBeCloseTo(3000 / 19, 12);
    expect(f.anonymousShare).toBeCloseTo(1 / 3, 12);
    expect(f.articlesWithAnonymous).toBe(0.5);
    expect(f.articlesOnlyAnonymous).toBe(0);
    expect(f.evaluativePer1000).toBeCloseTo(2000 / 19, 12);
    expect(f.negativePer1000).toBeCloseTo(2000 / 19, 12);
    expect(f.positivePer1000).toBe(0);
    expect(f.evaluativeInQuotesShare).toBe(0.5);
    expect(f.unsupportedPer1000).toBeCloseTo(1000 / 19, 12);
    expect(f.unsupportedSentenceShare).toBe(0.25);
  });

  it('gives outlets B and C their own figures, null where a denominator is 0', () => {
    expect(b!.figures).toMatchObject({ anonymousShare: 1, articlesWithAnonymous: 1, articlesOnlyAnonymous: 1, evaluativeInQuotesShare: 1, unsupportedPer1000: 0, unsupportedSentenceShare: 0 });
    expect(b!.figures.attributionsPer1000).toBeCloseTo(2000 / 11, 12);
    expect(b!.figures.positivePer1000).toBeCloseTo(1000 / 11, 12);
    expect(c!.figures).toMatchObject({ attributionsPer1000: 0, anonymousShare: null, evaluativePer1000: 125, mixedPer1000: 125, evaluativeInQuotesShare: 0, unsupportedPer1000: 250, unsupportedSentenceShare: 1 });
  });

  it('bootstraps over articles: outlet A lies between its all-A2 (125) and all-A1 (2000/11) replicates; one article has none', () => {
    expect(a!.ci.attributionsPer1000.low).toBe(125);
    expect(a!.ci.attributionsPer1000.high).toBeCloseTo(2000 / 11, 12);
    expect(b!.ci.attributionsPer1000).toEqual({ low: null, high: null });
    expect(biasProfile(fixture, 'outlet', { bootstrap: { seed: 7 } })[0]!.ci).toEqual(a!.ci);
  });

  it('reports the source mix, top evaluative terms and the alpha of the spans behind it', () => {
    expect(a!.sourceMix).toEqual({ named_person: 2, anonymous: 1 });
    expect(a!.topEvaluative).toEqual([{ term: 'desaster', count: 1 }, { term: 'skandal', count: 1 }]);
    expect(a!.alpha).toBe(1);
    expect(b!.alpha).toBeNull();
  });
});

describe('bias profile: by story and article', () => {
  it('groups A and B as one story, C without one', () => {
    const groups = biasProfile(fixture, 'story');
    expect(groups.map((g) => [g.key, g.articles, g.words])).toEqual([['(no story)', 1, 8], ['S', 3, 30]]);
    expect(groups[1]!.figures.attributionsPer1000).toBeCloseTo(5000 / 30, 12);
    expect(groups[1]!.figures.anonymousShare).toBeCloseTo(3 / 5, 12);
    expect(groups[1]!.figures.articlesWithAnonymous).toBeCloseTo(2 / 3, 12);
  });

  it('keeps articles in input order, one group each', () => {
    expect(biasProfile(fixture, 'article').map((g) => g.key)).toEqual(['a1', 'a2', 'b1', 'c1']);
  });
});
