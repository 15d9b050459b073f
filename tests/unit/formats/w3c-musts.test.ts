/**
 * The W3C export against the MUST assertions of the W3C Web Annotation test
 * suite (w3c/web-annotation-tests: annotations/annotationMusts.test,
 * collections/collectionMusts.test, collections/pages/pageMusts.test), its
 * draft-04 JSON schemas kept unchanged in tests/fixtures/w3c-tests. The
 * export is one AnnotationCollection with its page and annotations
 * embedded; the embedded page and annotations inherit the collection's
 * `@context` (JSON-LD), so each is checked with that context, as the suite
 * checks a document it is given on its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { w3cCollectionChunks, type ExportDoc } from '@mbw/shared';
import { hardDoc, plainDoc } from './fixtures.js';

const SUITE = join(import.meta.dirname, '../../fixtures/w3c-tests');
const json = (path: string) => JSON.parse(readFileSync(join(SUITE, path), 'utf8')) as Record<string, unknown>;
const DEFINITIONS = ['annotations', 'bodyTarget', 'choiceSet', 'collections', 'id', 'otherProperties', 'specificResource'];

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const d of DEFINITIONS) ajv.addSchema(json(`definitions/${d}.json`));

interface Assertion {
  file: string;
  title: string;
  expectedResult: 'valid' | 'invalid';
  validate: (v: unknown) => boolean;
}

/** The assertions a `.test` file of the suite lists, each compiled. */
function assertions(testFile: string): Assertion[] {
  return (json(testFile).assertions as string[]).map((file) => {
    const schema = json(file);
    return { file, title: String(schema.title), expectedResult: schema.expectedResult as 'valid' | 'invalid', validate: ajv.compile(schema) };
  });
}

/** The assertions a document fails (a `valid` one it does not meet, an `invalid` one it meets). */
const failed = (list: Assertion[], doc: unknown) => list.filter((a) => a.validate(doc) !== (a.expectedResult === 'valid')).map((a) => a.file);

const exported = (docs: ExportDoc[]) => JSON.parse([...w3cCollectionChunks(docs)].join('')) as Record<string, unknown> & { first: { items: unknown[] } & Record<string, unknown> };

describe('W3C export against the W3C Web Annotation test suite’s MUSTs', () => {
  const annotationMusts = assertions('annotations/annotationMusts.test');
  const collectionMusts = assertions('collections/collectionMusts.test');
  const pageMusts = assertions('collections/pages/pageMusts.test');

  it('loads every MUST assertion the suite lists', () => {
    expect([annotationMusts.length, collectionMusts.length, pageMusts.length]).toEqual([54, 10, 15]);
  });

  it('the collection, its page and every annotation (spans, attributes, notes, links) meet them', () => {
    const collection = exported([hardDoc(), plainDoc()]);
    const context = collection['@context'];
    const { first } = collection;
    expect(first.items.length).toBeGreaterThan(10);
    expect(failed(collectionMusts, collection)).toEqual([]);
    expect(failed(pageMusts, { '@context': context, ...first })).toEqual([]);
    for (const item of first.items) expect({ id: (item as { id: string }).id, failed: failed(annotationMusts, { '@context': context, ...(item as object) }) }).toEqual({ id: (item as { id: string }).id, failed: [] });
  });

  it('the checks can fail: an annotation without a target, or with both body and bodyValue, is caught', () => {
    const collection = exported([plainDoc()]);
    const item: Record<string, unknown> = { '@context': collection['@context'], ...(collection.first.items[0] as Record<string, unknown>) };
    expect(failed(annotationMusts, item)).toEqual([]);
    const { target: _target, ...noTarget } = item;
    expect(failed(annotationMusts, noTarget)).toContain('annotations/3.1-targetKeyFound.json');
    expect(failed(annotationMusts, { ...item, bodyValue: 'x' })).toContain('annotations/3.2.5-notBodyBodyValue.json');
    expect(failed(annotationMusts, { ...item, '@context': 'http://example.org/other' })).toContain('annotations/3.1-annotationContextValidated.json');
    expect(failed(collectionMusts, { ...collection, type: 'Collection' })).toContain('collections/5.1-collectionTypeValidated.json');
  });
});
