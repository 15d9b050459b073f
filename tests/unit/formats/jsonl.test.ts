import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, jsonlChunks, normalizeText, parseJsonl, parseJsonlLine, sliceCodePoints, toJsonlLine, type ExportDoc } from '@mbw/shared';
import { hardDoc, plainDoc, THUMB } from './fixtures.js';

describe('JSONL interchange', () => {
  it('writes one line per document with keys in a fixed order', () => {
    const line = toJsonlLine(plainDoc());
    expect(line).not.toContain('\n');
    expect(Object.keys(JSON.parse(line))).toEqual(['id', 'text', 'meta', 'spans', 'relations']);
    expect(Object.keys(JSON.parse(line).spans[1])).toEqual(['id', 'start', 'end', 'label', 'annotator', 'attributes', 'note', 'quote']);
  });

  it('round-trips exactly: export → import gives the same documents and the same bytes', () => {
    const docs = [hardDoc(), plainDoc()];
    const file = [...jsonlChunks(docs)].join('');
    const parsed = parseJsonl(file);
    expect(parsed).toEqual({ ok: true, docs });
    if (!parsed.ok) return;
    expect(parsed.docs).toStrictEqual(docs);
    expect([...jsonlChunks(parsed.docs)].join('')).toBe(file);
  });

  it('fills in what other tools leave out: span ids, quotes, attributes, meta, relations', () => {
    const text = `Er sagte ${THUMB} gut.`;
    const r = parseJsonl(JSON.stringify({ id: 7, text, spans: [{ start: 9, end: 11, label: 'evaluative', annotator: 'x', id: 's1' }, { start: 12, end: 15, label: 'evaluative', annotator: 'x' }] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.docs[0]).toStrictEqual({
      id: '7',
      text,
      meta: {},
      spans: [
        { id: 's1', start: 9, end: 11, label: 'evaluative', annotator: 'x', attributes: {}, quote: THUMB },
        { id: 's2', start: 12, end: 15, label: 'evaluative', annotator: 'x', attributes: {}, quote: 'gut' },
      ],
      relations: [],
    });
  });

  it('names every bad line by its 1-based number and returns no documents', () => {
    const good = toJsonlLine(plainDoc());
    const file = [
      good, // 1
      '', // 2: blank, skipped
      '{"id": "b", "text": "abc", ', // 3: broken JSON
      JSON.stringify({ id: 'c', text: 'abc', spans: [{ start: 1, end: 9, label: 'x', annotator: 'a' }] }), // 4: past the end
      JSON.stringify({ id: 'd', text: 'abc', spans: [{ start: 0, end: 2, label: 'x', annotator: 'a', quote: 'bc' }] }), // 5: quote mismatch
      JSON.stringify({ id: 'e', text: 'abc', spans: [{ id: 's', start: 0, end: 1, label: 'x', annotator: 'a' }], relations: [{ from: 's', to: 'zz', type: 't' }] }), // 6
      JSON.stringify({ id: 'f' }), // 7: no text
      good.replace('"doc/2', '"doc/2'), // 8: duplicate id
      JSON.stringify({ id: 'g', text: 'e\u0301', spans: [{ start: 0, end: 1, label: 'x', annotator: 'a' }] }), // 9: not NFC
      '[1,2]', // 10
      JSON.stringify({ id: 'h', text: 'abc', spans: [{ start: 2, end: 2, label: 'x', annotator: 'a' }] }), // 11: empty span
    ].join('\r\n');
    const r = parseJsonl(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const msg = (line: number) => r.errors.find((e) => e.line === line)!.message;
    expect(msg(3)).toMatch(/not valid JSON/);
    expect(msg(4)).toMatch(/spans\.0\.end: 9 is past the end of the text \(3 code points\)/);
    expect(msg(5)).toMatch(/spans\.0\.quote/);
    expect(msg(6)).toMatch(/relations\.0\.to: no span with id "zz"/);
    expect(msg(7)).toMatch(/^text:/);
    expect(msg(8)).toMatch(/duplicate article id .* \(first on line 1\)/);
    expect(msg(9)).toMatch(/NFC/);
    expect(msg(11)).toMatch(/greater than start/);
  });

  it('keeps every document on one line for Python’s splitlines() too', () => {
    const doc = { ...plainDoc(), text: 'a\u2028b\u0085c\u2029d\x0be\x1cf', spans: [] };
    const line = toJsonlLine(doc);
    expect(line).toContain('a\\u2028b\\u0085c\\u2029d\\u000be\\u001cf');
    expect(/[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/.test(line)).toBe(false);
    expect(parseJsonl(line)).toEqual({ ok: true, docs: [doc] });
  });

  it('normalises the text of an article without spans', () => {
    const r = parseJsonl('\uFEFF' + JSON.stringify({ id: 'n', text: 'Cafe\u0301\r\n' }) + '\n');
    expect(r.ok && r.docs[0]!.text).toBe('Café\n');
  });

  it('round-trips random documents exactly (property)', () => {
    const tricky = fc.constantFrom('a', 'ß', ' ', '\n', 'e\u0301', 'q\u0307', '„', '“', '‚', '‘', '"', '\\', '\u2028', THUMB, '🇩🇪', '\uD83D', '\t', '€');
    const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,7}$/);
    const docArb = fc
      .tuple(fc.string({ unit: fc.oneof(tricky, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 30 }), fc.string({ minLength: 1, maxLength: 8 }))
      .map(([raw, id]) => ({ text: normalizeText(raw), id }))
      .filter(({ text }) => codePointLength(text) > 0)
      .chain(({ text, id }) => {
        const n = codePointLength(text);
        const spanArb = fc
          .record({
            a: fc.integer({ min: 0, max: n }),
            b: fc.integer({ min: 0, max: n }),
            label: fc.constantFrom('attribution', 'evaluative', 'unsupported_claim'),
            annotator: fc.string({ minLength: 1, maxLength: 6 }),
            attributes: fc.dictionary(key, fc.string({ maxLength: 6 }), { maxKeys: 3 }),
            note: fc.option(fc.string({ maxLength: 10 }), { nil: undefined, freq: 2 }).chain((v) => (v === undefined ? fc.constantFrom(undefined, null) : fc.constant(v))),
          })
          .filter((s) => s.a !== s.b);
        return fc.record({
          spans: fc.array(spanArb, { maxLength: 6 }),
          meta: fc.record(
            {
              title: fc.string(),
              source: fc.string(),
              url: fc.string(),
              publishedAt: fc.string(),
              other: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(key, fc.double({ noNaN: true, noDefaultInfinity: true }), { maxKeys: 2 })),
            },
            { requiredKeys: [] },
          ),
          pairs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('attributes', 'x')), { maxLength: 4 }),
        }).map(({ spans, meta, pairs }): ExportDoc => {
          const built = spans.map((s, i) => {
            const start = Math.min(s.a, s.b);
            const end = Math.max(s.a, s.b);
            const span = { id: `s${i}`, start, end, label: s.label, annotator: s.annotator, attributes: s.attributes, quote: sliceCodePoints(text, start, end) } as ExportDoc['spans'][number];
            if (s.note !== undefined) span.note = s.note;
            return span;
          });
          const relations = built.length ? pairs.map(([f, t, type]) => ({ from: built[f % built.length]!.id, to: built[t % built.length]!.id, type })) : [];
          return { id, text, meta, spans: built, relations };
        });
      });
    fc.assert(
      fc.property(fc.array(docArb, { maxLength: 3 }).map((docs) => docs.map((d, i) => ({ ...d, id: `${i}-${d.id}` }))), (docs) => {
        const file = [...jsonlChunks(docs)].join('');
        const r = parseJsonl(file);
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        expect(r.docs).toStrictEqual(JSON.parse(JSON.stringify(docs)));
        expect([...jsonlChunks(r.docs)].join('')).toBe(file);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseJsonlLine on files from other tools', () => {
  it('takes a flat line’s title and source into meta, and gives an id-less line the fallback id', () => {
    const r = parseJsonlLine('{"text": "Ein Text.", "title": "Titel", "source": "dpa"}', '');
    expect(r).toEqual({ doc: { id: '', text: 'Ein Text.', meta: { title: 'Titel', source: 'dpa' }, spans: [], relations: [] } });
    expect(parseJsonlLine('{"text": "Ein Text."}')).toEqual({ error: expect.stringMatching(/^id:/) });
  });
});
