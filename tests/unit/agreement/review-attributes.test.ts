import { describe, expect, it } from 'vitest';
import { agreementReport, type ArticleSummary } from '../../../shared/src/index.js';
import { attributeDiffs, compareLanes, differsText } from '../../../client/src/features/review/compare.js';
import { countNotes } from '../../../client/src/features/review/counts.js';

const span = (id: string, annotator: string, start: number, end: number, attributes: Record<string, string> = {}) => ({ id, annotator, label: 'unsupported_claim', start, end, attributes });
const CHECKABLE = { attributes: [{ key: 'checkable', name: 'Checkable', values: [{ value: 'yes', name: 'Yes' }, { value: 'no', name: 'No' }] }] };

describe('the side-by-side view shows attribute differences field by field (client/src/features/review/compare.ts)', () => {
  it('marks a span matched exactly but with another attribute value as "attributes", not "agreed"', () => {
    const cmp = compareLanes(
      [span('a', 'anna', 0, 10, { checkable: 'yes' }), span('b', 'ben', 0, 10, { checkable: 'no' }), span('c', 'carla', 0, 10, { checkable: 'yes' })],
      ['anna', 'ben', 'carla'],
    );
    expect(cmp.get('a')).toEqual({
      status: 'attributes',
      others: [
        { annotator: 'ben', match: 'same', differs: [{ key: 'checkable', mine: 'yes', theirs: 'no' }] },
        { annotator: 'carla', match: 'same' },
      ],
    });
    expect(differsText(cmp.get('a')!.others[0]!.differs!, CHECKABLE)).toBe('differs: Checkable (Yes / No)');
    expect(differsText([{ key: 'checkable', mine: 'yes', theirs: 'no' }])).toBe('differs: checkable (yes / no)');
  });

  it('compares attributes with the matched span when boundaries differ, and a missing value differs from a value', () => {
    // ben has two spans overlapping anna's: the report's overlap matching pairs anna's with the larger overlap.
    const cmp = compareLanes([span('a', 'anna', 0, 10, { checkable: 'yes' }), span('b1', 'ben', 0, 3, { checkable: 'yes' }), span('b2', 'ben', 2, 10)], ['anna', 'ben']);
    expect(cmp.get('a')).toEqual({ status: 'boundary', others: [{ annotator: 'ben', match: 'other', differs: [{ key: 'checkable', mine: 'yes', theirs: null }] }] });
    expect(differsText(cmp.get('a')!.others[0]!.differs!, CHECKABLE)).toBe('differs: Checkable (Yes / no value)');
    expect(attributeDiffs({ a: '1', b: '2' }, { b: '2', a: '1' })).toEqual([]);
  });
});

describe('headline counts and table counts agree, or the page says why (client/src/features/review/counts.ts)', () => {
  const text = 'Ein Satz. Noch ein Satz.';
  const base = { text, spans: [{ start: 0, end: 3, label: 'l', annotator: 'anna' }] };

  it('says nothing when every article has two annotators, one label and the progress counts the same spans', () => {
    const r = agreementReport({ labels: ['l'], articles: [{ id: 1, annotators: ['anna', 'ben'], ...base }] }, { bootstrap: { iterations: 0 } });
    const progress = [{ progress: [{ spans: 1 }, { spans: 0 }] }] as unknown as ArticleSummary[];
    expect(countNotes(r, progress)).toEqual([]);
  });

  it('explains an article with one annotator, a lone annotator, several labels and other progress counts', () => {
    const r = agreementReport(
      {
        labels: ['l', 'm'],
        articles: [
          { id: 1, annotators: ['anna', 'ben'], ...base },
          { id: 2, annotators: ['carla'], text, spans: [{ start: 4, end: 8, label: 'm', annotator: 'carla' }] },
        ],
      },
      { bootstrap: { iterations: 0 } },
    );
    // Headline: 2 articles, 3 annotators, 2 spans; tables: 1 article, 2 annotators, 1 span.
    expect(r.counts).toMatchObject({ articles: 2, annotators: 3, spans: 2 });
    expect(r.overall.alpha.counts).toMatchObject({ articles: 1, annotators: 2, spans: 1 });
    const notes = countNotes(r, [{ progress: [{ spans: 5 }] }] as unknown as ArticleSummary[]);
    expect(notes[0]).toBe('The tables compare 1 of the 2 articles: 1 article has fewer than two counted annotators, so nothing there can be compared; only the headline counts the 1 span there.');
    expect(notes[1]).toBe('1 annotator never shares an article with another, so the tables rest on 2 of 3.');
    expect(notes[2]).toMatch(/^Units differ by design/);
    expect(notes[3]).toBe('The progress table counts 5 spans: every span of every assignment, whatever its status, label or annotator; the figures count 2 spans of the work and filters chosen here.');
  });
});
