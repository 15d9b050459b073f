import { describe, expect, it } from 'vitest';
import { learnGazetteer, suggestTerms, type Term } from '@mbw/shared';

const neg = { polarity: 'negative' };

describe('lexicon terms', () => {
  const terms: Term[] = [
    { term: 'sogenannte', label: 'evaluative', attributes: neg },
    { term: 'Machthaber', label: 'evaluative', attributes: neg },
    { term: 'ukrainische Machthaber', label: 'evaluative', attributes: neg },
  ];

  it('matches a single-word stem with its endings, ignoring case, never inside another word', () => {
    const text = 'Die Sogenannten und die sogenannte Koalition; Machthaberin, Machthabers.';
    expect(suggestTerms(text, terms, 'lexicon', true).map((s) => s.quote)).toEqual(['Sogenannten', 'sogenannte', 'Machthabers']);
  });

  it('keeps the longer of overlapping terms, matches only as written without inflection, and counts code points', () => {
    const text = '🙂 der ukrainische Machthaber';
    const [s] = suggestTerms(text, terms, 'gazetteer', false);
    expect(s).toMatchObject({ quote: 'ukrainische Machthaber', start: 6, end: 28, label: 'evaluative', attributes: neg, suggester: 'gazetteer', id: 'gazetteer:evaluative:6:28' });
    expect(suggestTerms('die Sogenannten', terms, 'gazetteer', false)).toEqual([]);
  });
});

describe('the gazetteer learned from spans', () => {
  it('keeps short quotes of the chosen labels, once each ignoring case, with their most frequent attributes', () => {
    const learned = learnGazetteer(
      [
        { label: 'evaluative', quote: 'Hardliner', attributes: neg },
        { label: 'evaluative', quote: 'hardliner', attributes: neg },
        { label: 'evaluative', quote: 'Hardliner', attributes: { polarity: 'mixed' } },
        { label: 'evaluative', quote: 'eine sehr lange wertende Wendung hier', attributes: neg },
        { label: 'evaluative', quote: 'so', attributes: neg },
        { label: 'attribution', quote: 'sagte Starmer', attributes: {} },
      ],
      ['evaluative'],
    );
    expect(learned).toEqual([{ term: 'Hardliner', label: 'evaluative', attributes: neg }]);
  });
});
