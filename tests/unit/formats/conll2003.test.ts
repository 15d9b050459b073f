import { describe, expect, it } from 'vitest';
import { conll2003Doc, readForeign, type ExportDoc } from '@mbw/shared';

const TEXT = 'Die Regierung in Berlin sagt: „Nein.“ Anna Schmidt schweigt.';
const span = (id: string, start: number, end: number, label: string, annotator = 'anna'): ExportDoc['spans'][number] => ({ id, start, end, label, annotator, attributes: {}, quote: [...TEXT].slice(start, end).join('') });

describe('CoNLL-2003 shape', () => {
  const doc: ExportDoc = {
    id: 'id with spaces\tand a tab',
    text: TEXT,
    meta: {},
    spans: [span('s1', 4, 13, 'attribution'), span('s2', 17, 23, 'evaluative'), span('s3', 38, 50, 'attribution', 'ben'), span('s4', 38, 42, 'evaluative', 'ben')],
    relations: [],
  };

  it('opens each block with -DOCSTART- -X- O O and writes four space-separated columns; no id reaches the file', () => {
    const { chunk, lost } = conll2003Doc(doc);
    const lines = chunk.split('\n');
    expect(lines[0]).toBe('-DOCSTART- -X- O O');
    expect(lines.filter((l) => l.startsWith('-DOCSTART-'))).toEqual(['-DOCSTART- -X- O O', '-DOCSTART- -X- O O']);
    for (const l of lines.filter((x) => x && !x.startsWith('-DOCSTART-'))) expect(l.split(' ')).toHaveLength(4);
    expect(chunk).not.toContain('spaces');
    expect(lines).toContain('Regierung _ _ B-attribution');
    expect(lost.map((l) => l.kind)).toEqual(['dropped']); // ben's shorter overlapping span: one NER column
  });

  it('reads back through the CoNLL importer with the spans each annotator’s block holds', () => {
    const read = readForeign('conll', [{ name: 'x.conll', text: conll2003Doc(doc).chunk }]);
    const covered = read.docs.map((d) => d.spans.map((s) => `${s.label} ${[...d.text].slice(s.start, s.end).join('')}`));
    expect(covered).toEqual([['attribution Regierung', 'evaluative Berlin'], ['attribution Anna Schmidt']]);
  });
});
