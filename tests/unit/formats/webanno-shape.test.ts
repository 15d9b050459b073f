import { describe, expect, it } from 'vitest';
import { parseWebAnnoTsv, webAnnoTsv, type ExportDoc } from '@mbw/shared';

const doc = (text: string, spans: ExportDoc['spans'] = []): ExportDoc => ({ id: 'a', text, meta: {}, spans, relations: [] });
const span = (text: string, start: number, end: number): ExportDoc['spans'][number] => ({ id: 's1', start, end, label: 'evaluative', annotator: 'anna', attributes: {}, quote: [...text].slice(start, end).join('') });

describe('WebAnno TSV as INCEpTION writes it', () => {
  const texts = ['\n\nHello world.\n\nSecond one.', 'A b.\n\n\nC d.', '  Lead spaces.', 'Erster Satz. Zweiter Satz.\nDritter „Satz“ 👍🏽.', '\n \nNach Leerzeilen.'];

  it('writes no empty #Text= line (an article ending in line breaks keeps them in its last one)', () => {
    for (const text of texts) expect(webAnnoTsv(doc(text)).content.split('\n').filter((l) => l === '#Text=')).toEqual([]);
  });

  it('reads back every article exactly, leading blank lines and white space included, with its spans', () => {
    for (const text of texts) {
      const start = text.indexOf('Satz') >= 0 ? [...text].indexOf('S') : [...text].findIndex((c) => /\p{L}/u.test(c));
      const spans = [span(text, start, start + 4)];
      const back = parseWebAnnoTsv(webAnnoTsv(doc(text, spans)).content);
      expect(back.text).toBe(text);
      expect(back.spans.map((s) => [s.start, s.end, s.quote])).toEqual([[spans[0]!.start, spans[0]!.end, spans[0]!.quote]]);
    }
  });
});
