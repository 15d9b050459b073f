import { describe, expect, it } from 'vitest';
import { bratAnnotationConf, bratDoc, bratFiles, parseBratAnn, type ExportDoc } from '@mbw/shared';
import { comparable, HARD_TEXT, hardDoc, plainDoc } from './fixtures.js';

describe('brat standoff', () => {
  it('writes the text unchanged and T lines with code-point offsets and the covered text', () => {
    const { txt, ann } = bratDoc(hardDoc());
    expect(txt).toBe(HARD_TEXT);
    const lines = ann.trimEnd().split('\n');
    expect(lines).toContain('T5\tevaluative 71 73\t👍🏽'); // two code points
    expect(lines).toContain('T12\tevaluative 83 84\té');
    expect(lines).toContain('A2\tsourceType T1 anonymous');
    expect(lines).toContain('A13\tsourceType T7 named person');
    expect(lines).toContain('#1\tAnnotatorNotes T1\tQuelle unklar, "vage"\\nzweite Zeile; a|b [x] _*_ \\\\ ->');
    expect(lines).toContain('R1\tattributes Arg1:T1 Arg2:T4');
    // a span over a line break is written as fragments, texts joined by a space, as brat does
    expect(lines).toContain('T6\tunsupported_claim 63 74;76 84\tQuellen 👍🏽. Der Café');
    expect(lines.every((l) => /^[TAR#]\d+\t/.test(l))).toBe(true);
  });

  it('parses back to the same spans and relations (span ids become T ids)', () => {
    for (const doc of [hardDoc(), plainDoc()]) {
      const { txt, ann } = bratDoc(doc);
      const parsed = parseBratAnn(ann, txt);
      expect(comparable(parsed.spans)).toEqual(comparable(doc.spans));
      const tid = new Map(doc.spans.map((s, i) => [s.id, `T${i + 1}`]));
      expect(parsed.relations).toEqual(doc.relations.map((r) => ({ from: tid.get(r.from), to: tid.get(r.to), type: r.type })));
    }
  });

  it('keeps the extent of spans that start or end with a line break', () => {
    const text = 'eins\nzwei\n\ndrei';
    const doc: ExportDoc = {
      id: 'n',
      text,
      meta: {},
      spans: [
        { id: 'a', start: 4, end: 9, label: 'x', annotator: 'a', attributes: {}, quote: '\nzwei' },
        { id: 'b', start: 5, end: 11, label: 'x', annotator: 'a', attributes: {}, quote: 'zwei\n\n' },
        { id: 'c', start: 4, end: 5, label: 'x', annotator: 'a', attributes: {}, quote: '\n' },
      ],
      relations: [{ from: 'a', to: 'a', type: 'self' }],
    };
    const { ann } = bratDoc(doc);
    expect(ann).toBe(
      ['T1\tx 4 4;5 9\t zwei', 'A1\tannotator T1 a', 'T2\tx 5 9;11 11\tzwei ', 'A2\tannotator T2 a', 'T3\tx 4 4;5 5\t ', 'A3\tannotator T3 a', ''].join('\n'),
    );
    expect(comparable(parseBratAnn(ann, text).spans)).toEqual(comparable(doc.spans));
  });

  it('refuses an .ann whose text does not match, naming the line', () => {
    expect(() => parseBratAnn('T1\tx 0 4\tEins\nT2\tx 0 4\tZwei\n', 'Eins')).toThrow(/line 2: text "Zwei" is not the covered text "Eins"/);
    expect(() => parseBratAnn('T1\tx 0 9\tEins\n', 'Eins')).toThrow(/line 1: offsets 0 9 outside the text/);
  });

  it('reserves the attribute name "annotator"', () => {
    const doc = plainDoc();
    doc.spans[0]!.attributes.annotator = 'x';
    expect(() => bratDoc(doc)).toThrow(/reserved/);
  });

  it('streams .txt and .ann per article and writes an annotation.conf for a scheme', () => {
    expect([...bratFiles([hardDoc(), plainDoc()])].map((f) => f.name)).toEqual(['a1.txt', 'a1.ann', 'doc%2F2%2C%20%22quoted%22.txt', 'doc%2F2%2C%20%22quoted%22.ann']);
    const conf = bratAnnotationConf(
      [
        { key: 'attribution', attributes: [{ key: 'sourceType', values: [{ value: 'named_person' }, { value: 'anonymous' }] }] },
        { key: 'evaluative', attributes: [{ key: 'polarity', values: [{ value: 'negative' }, { value: 'positive' }] }] },
      ],
      { relationTypes: ['attributes'], annotators: ['anna', 'ben'] },
    );
    expect(conf).toContain('[entities]\nattribution\nevaluative\n');
    expect(conf).toContain('attributes\tArg1:attribution|evaluative, Arg2:attribution|evaluative');
    expect(conf).toContain('sourceType\tArg:attribution, Value:named_person|anonymous');
    expect(conf).toContain('annotator\tArg:<ENTITY>, Value:anna|ben');
  });
});
