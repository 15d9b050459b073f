/**
 * The fast path of the JSONL reader's validation (issue 13) equals the schema:
 * whenever it answers, the schema accepts the line and gives the same value
 * (same keys in the same order, same JSON bytes); on well-formed lines it
 * answers; on anything else it steps aside and the schema's error stands.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastImportDoc } from '../../../shared/src/formats/importDocFast.js';
import { importDocSchema } from '../../../shared/src/formats/model.js';
import { parseJsonl } from '@mbw/shared';

const str = (min: number, max: number) => fc.string({ minLength: min, maxLength: max, unit: 'grapheme-composite' });
const idArb = fc.oneof(str(1, 12), fc.integer({ min: -5, max: 1e6 }));
const status = fc.constantFrom('submitted', 'draft');
const record = fc.dictionary(fc.constantFrom('polarity', 'sourceType', 'x', 'a b', '1'), str(0, 5), { maxKeys: 3 });

const span = fc.record(
  {
    id: idArb,
    start: fc.nat(50),
    end: fc.nat(60),
    label: str(1, 10),
    annotator: str(1, 10),
    attributes: record,
    note: fc.option(str(0, 5), { nil: null }),
    quote: str(0, 5),
    status,
    extra: fc.anything(),
  },
  { requiredKeys: ['start', 'end', 'label', 'annotator'] },
);

/** Documents as files carry them: mostly valid, with the optional fields present or not, and unknown keys. */
const validDoc = fc.record(
  {
    id: idArb,
    text: str(0, 30),
    meta: fc.record({ title: str(0, 8), source: str(0, 8), url: str(0, 8), publishedAt: str(0, 8), other: fc.jsonValue(), zz: fc.integer() }, { requiredKeys: [] }),
    spans: fc.array(span, { maxLength: 4 }),
    relations: fc.array(fc.record({ from: idArb, to: idArb, type: str(1, 8) }), { maxLength: 2 }),
    annotators: fc.array(fc.record({ annotator: str(1, 8), status }), { maxLength: 3 }),
    labels: fc.array(str(1, 8), { maxLength: 3 }),
    attributeKeys: fc.dictionary(str(1, 5), fc.array(str(1, 5), { maxLength: 2 }), { maxKeys: 2 }),
    status,
    unknown: fc.jsonValue(),
  },
  { requiredKeys: ['text'] },
);

/** A valid document with one field replaced by anything at all (wrong types, empty strings, fractions, negatives…). */
const brokenDoc = fc
  .tuple(
    validDoc,
    fc.constantFrom('id', 'text', 'meta', 'spans', 'relations', 'annotators', 'labels', 'attributeKeys', 'status', 'span'),
    fc.oneof(fc.anything(), fc.constantFrom('', -1, 1.5, 2 ** 60, null, [], {}, 'x'.repeat(201), ['' as unknown], [{}], { provenance: {} })),
    fc.constantFrom('id', 'start', 'end', 'label', 'annotator', 'attributes', 'note', 'quote', 'status', 'provenance'),
  )
  .map(([doc, field, value, spanField]) => {
    const d = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
    if (field === 'span') {
      const spans = (d.spans as Array<Record<string, unknown>> | undefined) ?? [];
      d.spans = [...spans, { start: 0, end: 1, label: 'l', annotator: 'a', [spanField]: value }];
    } else d[field] = value;
    return JSON.parse(JSON.stringify(d)) as unknown;
  });

function agrees(value: unknown) {
  const fast = fastImportDoc(value);
  const schema = importDocSchema.safeParse(value);
  if (fast === undefined) return schema;
  expect(schema.success).toBe(true);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
  expect(fast).toStrictEqual(schema.data);
  return schema;
}

describe('fastImportDoc', () => {
  it('answers every well-formed document (as JSON gives it) exactly as the schema does', () => {
    fc.assert(
      fc.property(validDoc, (doc) => {
        const value = JSON.parse(JSON.stringify(doc)) as unknown;
        const schema = agrees(value);
        if (schema.success) expect(fastImportDoc(value)).toBeDefined();
      }),
      { numRuns: 400 },
    );
  });

  it('never accepts what the schema refuses, nor answers differently on odd documents', () => {
    fc.assert(fc.property(brokenDoc, (value) => void agrees(value)), { numRuns: 1500 });
    for (const odd of [null, 1, 'x', [], { text: 1 }, { text: 'a', spans: [{ start: 0, end: 1, label: 'l', annotator: 'a', provenance: { sources: [], annotators: [], decision: 'added', curator: null, decidedAt: 'x' } }] }, JSON.parse('{"text":"a","meta":{"__proto__":{"x":1}}}')])
      agrees(odd);
  });

  it('leaves the reader\'s error messages as they were', () => {
    const r = parseJsonl('{"id":"a","text":"abc","spans":[{"start":0,"end":2,"label":"","annotator":"x"}]}\n{"id":"b","text":"abc","spans":[{"start":-1,"end":2,"label":"l","annotator":"x"}]}\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message)).toEqual(['spans.0.label: must not be empty', 'spans.0.start: Too small: expected number to be >=0']);
  });
});
