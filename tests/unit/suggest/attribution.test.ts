import { describe, expect, it } from 'vitest';
import { groupUnits, spanF1, suggestAttributions, suggestionQuality, textCounts, guessSourceType, type LabelledSpan } from '@mbw/shared';
import { DEMO_ANNOTATORS, DEMO_ARTICLES } from '../../../seeds/demo/annotations.js';
import { resolveDemoArticle } from '../../../seeds/demo/resolve.js';
import { sampleArticles } from '../../../seeds/sample.js';
import { HELD_OUT, SAMPLE_REFERENCE } from './attributionReference.js';

const sample = sampleArticles();

/** Per article: the text, each demo annotator's attributions, and the majority reference (units two of three marked, overlap grouping). */
const corpus = DEMO_ARTICLES.map((demo) => {
  const text = sample.find((a) => a.externalId === demo.externalId)!.text;
  const spans = resolveDemoArticle(text, demo).spans.filter((s) => s.label === 'attribution');
  const units = groupUnits(spans.map((s, i) => ({ id: String(i), annotator: s.annotator, label: s.label, start: s.start, end: s.end, attributes: s.attributes })), 'overlap');
  const majority = units.filter((u) => new Set(u.spans.map((s) => s.annotator)).size >= 2).map((u) => ({ label: 'attribution', start: u.start, end: u.end }));
  return { text, spans, majority, hand: (SAMPLE_REFERENCE[demo.externalId] ?? []).map((q) => handSpan(text, q)) };
});

/** A hand-marked quote (and which appearance) as a span with code-point offsets; throws when the text lacks it. */
function handSpan(text: string, mark: string | [string, number]): LabelledSpan {
  const [quote, nth] = typeof mark === 'string' ? [mark, 0] : mark;
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  if (at === -1) throw new Error(`hand-marked quote not in the text: ${quote}`);
  const start = Array.from(text.slice(0, at)).length;
  return { label: 'attribution', start, end: start + Array.from(quote).length };
}

const heldOut = HELD_OUT.map(([text, quotes]) => ({ text, hand: quotes.map((q) => handSpan(text, q)) }));

/** Pooled overlap-credit precision and recall over the corpus (credits summed, as spanF1 per article times counts). */
function pooled<C extends { text: string }>(reference: (c: C) => LabelledSpan[], texts: readonly C[]) {
  let pc = 0, pn = 0, rc = 0, rn = 0;
  for (const c of texts) {
    const predicted = suggestAttributions(c.text).map((s) => ({ label: s.label, start: s.start, end: s.end }));
    const ref = reference(c);
    const r = spanF1(predicted, ref, { mode: 'overlap' });
    if (predicted.length) {
      pc += (Number.isNaN(r.precision) ? 0 : r.precision) * predicted.length;
      pn += predicted.length;
    }
    if (ref.length) {
      rc += (Number.isNaN(r.recall) ? 0 : r.recall) * ref.length;
      rn += ref.length;
    }
  }
  return { precision: pc / pn, recall: rc / rn, predicted: pn, reference: rn };
}

describe('German attribution suggester on the five sample articles', () => {
  it('reaches precision ≥ 0.85 and recall ≥ 0.70 (overlap credit) against the attributions marked by hand in the sample', () => {
    const hand = pooled((c) => c.hand, corpus);
    console.log('suggester vs hand-marked sample', JSON.stringify(hand));
    expect(hand.reference).toBeGreaterThanOrEqual(40);
    expect(hand.precision).toBeGreaterThanOrEqual(0.85);
    expect(hand.recall).toBeGreaterThanOrEqual(0.7);
  });

  it('measures precision and recall against the demo annotators’ majority and each annotator (invented, incomplete: reported, loosely bounded)', () => {
    const majority = pooled((c) => c.majority, corpus);
    const each = DEMO_ANNOTATORS.map((a) => ({ who: a.username, ...pooled((c) => c.spans.filter((s) => s.annotator === a.key), corpus) }));
    console.log('suggester vs demo majority', JSON.stringify(majority));
    for (const e of each) console.log('suggester vs', JSON.stringify(e));
    expect(majority.reference).toBeGreaterThanOrEqual(40);
    expect(majority.precision).toBeGreaterThanOrEqual(0.7);
    expect(majority.recall).toBeGreaterThanOrEqual(0.7);
  });

  it('holds up on hand-marked sentences outside the sample (precision ≥ 0.85, recall ≥ 0.70)', () => {
    const held = pooled((c) => c.hand, heldOut);
    console.log('suggester vs held-out sentences', JSON.stringify(held));
    expect(held.reference).toBeGreaterThanOrEqual(30);
    expect(held.precision).toBeGreaterThanOrEqual(0.85);
    expect(held.recall).toBeGreaterThanOrEqual(0.7);
  });

  it('takes at most 50 ms per 1,000 words', () => {
    const words = corpus.reduce((s, c) => s + textCounts(c.text).words, 0);
    for (const c of corpus) suggestAttributions(c.text); // warm up
    const rounds = 20;
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) for (const c of corpus) suggestAttributions(c.text);
    const msPer1000 = (performance.now() - t0) / rounds / (words / 1000);
    console.log('suggester speed', JSON.stringify({ words, msPer1000 }));
    expect(msPer1000).toBeLessThanOrEqual(50);
  });
});

describe('the rules, on sentences marked by hand', () => {
  const cases: Array<[string, string, string]> = [
    ['Der Minister sagte am Montag, alles sei gut.', 'Der Minister sagte', ''],
    ['„Das geht nicht“, sagte Macron.', 'sagte Macron', 'named_person'],
    ['Brüsseler Quellen zufolge kam es zum Streit.', 'Brüsseler Quellen zufolge', 'anonymous'],
    ['Laut Bloomberg ist das falsch.', 'Laut Bloomberg', 'named_organisation'],
    ['Die Lage sei ernst, hieß es weiter.', 'hieß es weiter', 'none'],
    ['Der Plan ist gescheitert, so westliche Beamte.', 'so westliche Beamte', 'anonymous'],
    ['Diplomaten bestätigten, dass der Plan steht.', 'Diplomaten bestätigten', 'anonymous'],
    ['Wie die Zeitung unter Berufung auf Regierungskreise berichtet, steht der Plan.', 'Wie die Zeitung unter Berufung auf Regierungskreise berichtet', 'named_organisation'],
    ['Das sei richtig, fügte sie hinzu.', 'fügte sie hinzu', 'named_person'],
    ['Nach Angaben seines Sprechers reist er ab.', 'Nach Angaben seines Sprechers', 'anonymous'],
  ];
  for (const [text, quote, type] of cases)
    it(`finds "${quote}"`, () => {
      const found = suggestAttributions(text);
      expect(found.map((s) => s.quote)).toContain(quote);
      if (type) expect(found.find((s) => s.quote === quote)!.attributes.sourceType).toBe(type);
    });

  it('never suggests from a Konjunktiv I form without a cue', () => {
    expect(suggestAttributions('Das sei ein Fehler. Er habe recht, und es werde besser.')).toEqual([]);
  });

  it('guesses vague plurals as anonymous', () => {
    for (const s of ['Diplomaten', 'westliche Beamte', 'Brüsseler Quellen', 'Regierungskreise']) expect(guessSourceType(s)).toBe('anonymous');
  });
});

describe('suggestion quality (overlap credit, pooled)', () => {
  it('gives half credit to a half-overlapping suggestion, and null with nothing to judge', () => {
    const q = suggestionQuality([{ predicted: [{ label: 'a', start: 0, end: 10 }], gold: [{ label: 'a', start: 5, end: 15 }] }, { predicted: [], gold: [] }], 'a');
    expect(q).toEqual({ p: 0.5, r: 0.5, f1: 0.5, suggested: 1, gold: 1, articles: 2 });
    expect(suggestionQuality([], 'a')).toEqual({ p: null, r: null, f1: null, suggested: 0, gold: 0, articles: 0 });
  });
});
