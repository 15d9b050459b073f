import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvChunks, csvField } from '@mbw/shared';
import { hardDoc, plainDoc } from './fixtures.js';

/** A small RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '"' || c === '\r' || c === '\n') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length) throw new Error('last record without CRLF');
  return rows;
}

describe('CSV of spans', () => {
  it('quotes fields as RFC 4180 requires', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('writes a header and one row a span, and reads back to the same values', () => {
    const docs = [hardDoc(), plainDoc()];
    const chunks = [...csvChunks(docs)];
    expect(chunks).toHaveLength(3); // header + one chunk per document
    const rows = parseCsv(chunks.join(''));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const expected = docs.flatMap((d) =>
      d.spans.map((s) => [d.id, s.id, s.annotator, s.label, String(s.start), String(s.end), s.quote, JSON.stringify(s.attributes), s.note ?? '', s.status ?? '']),
    );
    expect(rows.slice(1)).toEqual(expected);
    expect(JSON.parse(rows[1]![7]!)).toEqual({ sourceType: 'anonymous' });
    expect(rows.find((r) => r[1] === 's6')![6]).toBe('Quellen 👍🏽.\n\nDer Café'); // a line break inside a quoted field
  });

  it('can start with a byte order mark for spreadsheets', () => {
    expect([...csvChunks([], { bom: true })]).toEqual(['\uFEFFarticle_id,span_id,annotator,label,start,end,quote,attributes,note,status\r\n']);
  });

  it('writes each span’s status, and reports the links it has no place for', () => {
    const doc = hardDoc();
    doc.spans[0]!.status = 'draft';
    doc.spans[1]!.status = 'submitted';
    const lost: string[] = [];
    const rows = parseCsv([...csvChunks([doc], {}, (_, l) => lost.push(...l.map((x) => x.kind)))].join(''));
    expect(rows.slice(1, 3).map((r) => r[9])).toEqual(['draft', 'submitted']);
    expect(lost).toEqual(['relations', 'relations', 'relations']);
  });
});
