import { describe, expect, it } from 'vitest';
import { detectFormat, lineEndShift } from '@mbw/shared';
import { fixture, folder } from './load.js';

describe('format detection', () => {
  it('names each fixture’s format from its content (one file) or its files (a zip)', () => {
    const one = (p: string) => detectFormat([fixture(p)]);
    expect(one('doccano/sequence_labeling.jsonl')).toBe('doccano');
    expect(one('doccano/relation_extraction.jsonl')).toBe('doccano');
    expect(one('spacy/prodigy.jsonl')).toBe('spacy');
    expect(one('spacy/spans.jsonl')).toBe('spacy');
    expect(one('labelstudio/export.json')).toBe('labelstudio');
    expect(one('labelstudio/export-min.json')).toBe('labelstudio');
    expect(one('w3c/single.jsonld')).toBe('w3c');
    expect(one('conll/conll2003.txt')).toBe('conll');
    expect(one('conll/iob2-two-columns.tsv')).toBe('conll');
    expect(one('webanno/two-layers.tsv')).toBe('webanno');
    expect(detectFormat(folder('brat').map((f) => ({ ...f, name: `corpus/${f.name}` })))).toBe('brat');
    expect(detectFormat(folder('w3c').map((f) => ({ ...f, name: `x/${f.name}` })))).toBe('w3c');
    expect(detectFormat([{ name: 'a.jsonl', text: '{"id": "a", "text": "x", "spans": [{"start": 0, "end": 1, "label": "l", "annotator": "anna"}]}' }])).toBe('jsonl');
    expect(detectFormat([{ name: 'a.txt', text: 'Titel\n\nEin Absatz über die Welt.' }])).toBe('txt');
  });

  it('moves offsets over CRLF (one code point less) and keeps them over a lone CR', () => {
    const { text, at } = lineEndShift('ab\r\ncd\ref');
    expect(text).toBe('ab\ncd\nef');
    expect([0, 2, 4, 5, 6, 7, 9].map(at)).toEqual([0, 2, 3, 4, 5, 6, 8]);
  });
});
