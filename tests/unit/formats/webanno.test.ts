import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  escapeTsvText,
  escapeTsvValue,
  normalizeText,
  parseWebAnnoTsv,
  sliceCodePoints,
  tokenize,
  unescapeTsvText,
  unescapeTsvValue,
  webAnnoFiles,
  webAnnoTsv,
  type ExportDoc,
  type ExportSpan,
} from '@mbw/shared';
import { HARD_TEXT, hardDoc, plainDoc, span, THUMB } from './fixtures.js';

const byId = (spans: ExportSpan[]) => Object.fromEntries(spans.map(({ note, ...s }) => [s.id, { ...s, note: note ?? null }]));
const sortRel = <T extends { from: string; to: string; type: string }>(r: T[]) => [...r].sort((a, b) => (a.from + a.to + a.type < b.from + b.to + b.type ? -1 : 1));

describe('WebAnno TSV 3.3', () => {
  it('writes the header INCEpTION expects, then sentences with UTF-16 offsets', () => {
    const text = `Er mag es ${THUMB} sehr.`;
    const doc: ExportDoc = { id: 'x', text, meta: {}, spans: [span(text, 's1', 'evaluative', 'sehr', { attributes: { polarity: 'positive' } })], relations: [] };
    const lines = webAnnoTsv(doc).content.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '#FORMAT=WebAnno TSV 3.3',
      '#T_SP=webanno.custom.BiasSpan|label|polarity|annotator|status|note|spanId',
      '#T_RL=webanno.custom.BiasRelation|label|BT_webanno.custom.BiasSpan',
      '',
      '',
      `#Text=Er mag es ${THUMB} sehr.`,
    ]);
    // 👍🏽 is two code points but four UTF-16 units: Java offsets, as WebAnno uses
    expect(lines[6]).toBe('1-1\t0-2\tEr\t_\t_\t_\t_\t_\t_\t_\t_\t');
    expect(lines[9]).toBe(`1-4\t10-14\t${THUMB}\t_\t_\t_\t_\t_\t_\t_\t_\t`);
    expect(lines[10]).toBe('1-5\t15-19\tsehr\tevaluative\tpositive\tanna\t*\t*\ts1\t_\t_\t');
    expect(lines[11]).toBe('1-6\t19-20\t.\t_\t_\t_\t_\t_\t_\t_\t_\t');
    // a span's status is a feature, and reads back
    const drafted = webAnnoTsv({ ...doc, spans: [{ ...doc.spans[0]!, status: 'draft' }] }).content;
    expect(drafted.split('\n')[10]).toBe('1-5\t15-19\tsehr\tevaluative\tpositive\tanna\tdraft\t*\ts1\t_\t_\t');
    expect(parseWebAnnoTsv(drafted).spans[0]!.status).toBe('draft');
    expect(lines[12]).toBe('');
    expect(lines).toHaveLength(13);
  });

  it('parses back to the same text, spans (ids included) and relations, emoji, combining marks and quotes included', () => {
    const doc = hardDoc();
    const { content, trimmed, dropped } = webAnnoTsv(doc);
    expect(trimmed).toEqual([]);
    expect(dropped).toEqual([]);
    const parsed = parseWebAnnoTsv(content);
    expect(parsed.text).toBe(HARD_TEXT);
    expect(byId(parsed.spans)).toEqual(byId(doc.spans));
    expect(sortRel(parsed.relations)).toEqual(sortRel(doc.relations));
  });

  it('uses sub-token rows for spans that start or end inside a token, and [n] for stacked and multi-token spans', () => {
    const content = webAnnoTsv(hardDoc()).content;
    // "é" inside "Café" (UTF-16 82–86): a sub-token row after the token row
    expect(content).toMatch(/\n2-2\t82-86\tCafé\t[^\n]*\n2-2\.1\t85-86\té\tevaluative\t/);
    // "🏽." starts between 👍 and 🏽 (UTF-16 73) and ends after "."
    expect(content).toMatch(/\n1-14\.1\t73-75\t\u{1F3FD}\tevaluative\[8\]\t/u);
    expect(content).toMatch(/\n1-15\t75-76\t\.\tunsupported\\_claim\[6\]\|evaluative\[8\]\t/);
  });

  it('reads files in INCEpTION’s style: stacked values, placeholders, a relation with disambiguation ids', () => {
    const tsv = [
      '#FORMAT=WebAnno TSV 3.3',
      '#T_SP=webanno.custom.Span|value',
      '#T_RL=webanno.custom.Relation|value|BT_webanno.custom.Span',
      '',
      '',
      '#Text=Das ist ein Test 😊 .',
      '1-1\t0-3\tDas\tA[1]|B[2]\t_\t_\t',
      '1-2\t4-7\tist\tA[1]\t_\t_\t',
      '1-3\t8-11\tein\t*\t_\t_\t',
      '1-3.1\t8-10\tei\tC\\_\\|x\t_\t_\t',
      '1-4\t12-16\tTest\tD\tlinks\t1-1[2_0]\t',
      '1-5\t17-19\t😊\tE\t_\t_\t',
      '1-6\t20-21\t.\t_\t_\t_\t',
      '',
      '#Text=Zweiter Satz .',
      '2-1\t22-29\tZweiter\t_\t_\t_\t',
      '2-2\t30-34\tSatz\tF\t_\t_\t',
      '2-3\t35-36\t.\t_\t_\t_\t',
      '',
    ].join('\n');
    const parsed = parseWebAnnoTsv(tsv);
    expect(parsed.text).toBe('Das ist ein Test 😊 .\nZweiter Satz .');
    const spans = parsed.spans.map((s) => [s.label, s.start, s.end, s.quote]);
    expect(spans).toEqual([
      ['A', 0, 7, 'Das ist'],
      ['B', 0, 3, 'Das'],
      ['Span', 8, 11, 'ein'],
      ['C_|x', 8, 10, 'ei'],
      ['D', 12, 16, 'Test'],
      ['E', 17, 18, '😊'], // UTF-16 17–19 is one code point
      ['F', 29, 33, 'Satz'], // UTF-16 30–34 after the emoji
    ]);
    const id = (label: string) => parsed.spans.find((s) => s.label === label)!.id;
    expect(parsed.relations).toEqual([{ from: id('B'), to: id('D'), type: 'links' }]);
  });

  it('trims spans whose boundaries lie in white space (as INCEpTION does) and drops white-space-only spans', () => {
    const text = 'Er sagte  es  laut.';
    const doc: ExportDoc = {
      id: 't',
      text,
      meta: {},
      spans: [
        { id: 'a', start: 2, end: 8, label: 'x', annotator: 'a', attributes: {}, quote: ' sagte' },
        { id: 'b', start: 8, end: 10, label: 'x', annotator: 'a', attributes: {}, quote: '  ' },
        { id: 'c', start: 10, end: 14, label: 'x', annotator: 'a', attributes: {}, quote: 'es  ' },
      ],
      relations: [{ from: 'a', to: 'b', type: 'r' }],
    };
    const { content, trimmed, dropped } = webAnnoTsv(doc);
    expect(trimmed).toEqual(['a', 'c']);
    expect(dropped).toEqual(['b']);
    const parsed = parseWebAnnoTsv(content);
    expect(parsed.text).toBe(text);
    expect(parsed.spans.map((s) => [s.id, s.quote])).toEqual([
      ['a', 'sagte'],
      ['c', 'es'],
    ]);
    expect(parsed.relations).toEqual([]);
  });

  it('escapes values and sentence text as INCEpTION does, and back', () => {
    const value = 'a\\b[1]|c_d->e;f*g\th\ni\rj';
    expect(escapeTsvValue(value)).toBe('a\\\\b\\[1\\]\\|c\\_d\\->e\\;f\\*g\\th\\ni\\rj');
    expect(unescapeTsvValue(escapeTsvValue(value))).toBe(value);
    const text = 'tab\there\\ bs\b ff\f cr\r ctl\u0001 vt\v';
    expect(escapeTsvText(text)).toBe('tab\\there\\\\ bs\\b ff\\f cr\\r ctl\\\u0001 vt\v');
    expect(unescapeTsvText(escapeTsvText(text))).toBe(text);
    const utf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 20 }).map((c) => String.fromCharCode(...c));
    fc.assert(fc.property(utf16, (s) => unescapeTsvValue(escapeTsvValue(s)) === s && unescapeTsvText(escapeTsvText(s)) === s));
  });

  it('gives one file per article with a safe name', () => {
    const files = [...webAnnoFiles([hardDoc(), plainDoc()])];
    expect(files.map((f) => f.name)).toEqual(['a1.tsv', 'doc%2F2%2C%20%22quoted%22.tsv']);
    expect(parseWebAnnoTsv(files[1]!.content).text).toBe(plainDoc().text);
  });

  it('round-trips any text and spans: text exact, spans exact unless trimmed to tokens (property)', () => {
    const unit = fc.constantFrom('a', 'ß', 'Wort', ' ', '  ', '\n', '\n\n', '\t', '.', '„', '“', '‚', '‘', 'é', 'q\u0307', THUMB, '🇩🇪', '\\', '|', '_', '[', '#', '-', '*');
    const arb = fc
      .string({ unit, minLength: 1, maxLength: 25 })
      .map(normalizeText)
      .filter((t) => tokenize(t)[0]?.start === 0)
      .chain((text) => {
        const n = codePointLength(text);
        return fc
          .array(fc.tuple(fc.nat(n), fc.nat(n), fc.constantFrom('x', 'y'), fc.option(fc.string({ maxLength: 4 }), { nil: null })).filter(([a, b]) => a !== b), { maxLength: 6 })
          .map((raw): ExportDoc => {
            const spans = raw.map(([a, b, label, note], i): ExportSpan => {
              const start = Math.min(a, b);
              const end = Math.max(a, b);
              return { id: `s${i}`, start, end, label, annotator: i % 2 ? 'anna' : 'ben', attributes: note === null ? {} : { k: note }, note, quote: sliceCodePoints(text, start, end) };
            });
            const relations = spans.length > 1 ? [{ from: spans[0]!.id, to: spans[spans.length - 1]!.id, type: 'r' }] : [];
            return { id: 'p', text, meta: {}, spans, relations };
          });
      });
    fc.assert(
      fc.property(arb, (doc) => {
        const { content, trimmed, dropped } = webAnnoTsv(doc);
        const parsed = parseWebAnnoTsv(content);
        expect(parsed.text).toBe(doc.text);
        const got = byId(parsed.spans);
        for (const s of doc.spans) {
          if (dropped.includes(s.id)) {
            expect(got[s.id]).toBeUndefined();
            expect(s.quote.trim()).toBe('');
            continue;
          }
          const g = got[s.id]!;
          if (trimmed.includes(s.id)) {
            expect(g.start).toBeGreaterThanOrEqual(s.start);
            expect(g.end).toBeLessThanOrEqual(s.end);
            expect(s.quote).toContain(g.quote);
            expect(g.quote.trim()).toBe(g.quote);
          } else expect(g).toEqual({ ...s, note: s.note ?? null });
          expect(g.quote).toBe(sliceCodePoints(doc.text, g.start, g.end));
        }
        expect(parsed.spans).toHaveLength(doc.spans.length - dropped.length);
        const kept = doc.relations.filter((r) => !dropped.includes(r.from) && !dropped.includes(r.to));
        expect(parsed.relations).toEqual(kept);
      }),
      { numRuns: 150 },
    );
  });
});
