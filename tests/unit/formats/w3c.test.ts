import { describe, expect, it } from 'vitest';
import { parseW3cAnnotations, sliceCodePoints, w3cAnnotations, w3cCollectionChunks, type W3cSpanAnnotation } from '@mbw/shared';
import { comparable, HARD_TEXT, hardDoc, plainDoc } from './fixtures.js';

describe('W3C Web Annotation JSON-LD', () => {
  it('describes each span with a TextPositionSelector in code points and a TextQuoteSelector', () => {
    const doc = hardDoc();
    const annotations = w3cAnnotations(doc) as W3cSpanAnnotation[];
    const thumb = annotations.find((a) => a.id === 'urn:mbw:span:a1%2Fs5')!;
    expect(thumb).toEqual({
      id: 'urn:mbw:span:a1%2Fs5',
      type: 'Annotation',
      motivation: 'classifying',
      creator: { id: 'urn:mbw:user:anna', type: 'Person', nickname: 'anna' },
      body: [
        { type: 'TextualBody', purpose: 'classifying', value: 'evaluative' },
        { type: 'TextualBody', purpose: 'classifying', value: 'positive', 'mbw:attribute': 'polarity' },
      ],
      target: {
        source: 'urn:mbw:article:a1',
        scope: 'https://example.org/a1',
        selector: [
          { type: 'TextPositionSelector', start: 71, end: 73 },
          { type: 'TextQuoteSelector', exact: '👍🏽', prefix: 'Sprecher laut Brüsseler Quellen ', suffix: '.\n\nDer Café-Besitzer ‚glaubt‘ an' }, // 32 code points each
        ],
      },
    });
    for (const a of annotations.slice(0, doc.spans.length)) {
      const [pos, quote] = a.target.selector;
      expect(sliceCodePoints(HARD_TEXT, pos.start, pos.end)).toBe(quote.exact);
      expect(HARD_TEXT).toContain(quote.prefix + quote.exact + quote.suffix);
      expect([...quote.prefix].length).toBeLessThanOrEqual(32);
    }
  });

  it('links relations from the `from` span to the `to` span', () => {
    const link = w3cAnnotations(hardDoc()).find((a) => a.motivation === 'linking')!;
    expect(link).toEqual({
      id: 'urn:mbw:relation:a1%2F1',
      type: 'Annotation',
      motivation: 'linking',
      target: 'urn:mbw:span:a1%2Fs1',
      body: [
        { type: 'SpecificResource', source: 'urn:mbw:span:a1%2Fs4', purpose: 'linking' },
        { type: 'TextualBody', purpose: 'tagging', value: 'attributes' },
      ],
    });
  });

  it('streams one JSON-LD AnnotationCollection that parses back to the same spans', () => {
    const docs = [hardDoc(), plainDoc()];
    const json = JSON.parse([...w3cCollectionChunks(docs)].join(''));
    expect(json['@context']).toEqual(['http://www.w3.org/ns/anno.jsonld', { mbw: 'urn:mbw:vocab#' }]);
    expect(json).toMatchObject({ id: 'urn:mbw:export', type: 'AnnotationCollection', first: { id: 'urn:mbw:export#page1', type: 'AnnotationPage', partOf: { id: 'urn:mbw:export', label: 'Media Bias Workbench export' } } });
    const articles = parseW3cAnnotations(json);
    expect(articles.map((a) => a.source)).toEqual(['urn:mbw:article:a1', 'urn:mbw:article:doc%2F2%2C%20%22quoted%22']);
    articles.forEach((a, i) => {
      expect(comparable(a.spans)).toEqual(comparable(docs[i]!.spans));
      const iri = (id: string) => `urn:mbw:span:${encodeURIComponent(`${docs[i]!.id}/${id}`)}`;
      expect(a.relations).toEqual(docs[i]!.relations.map((r) => ({ from: iri(r.from), to: iri(r.to), type: r.type })));
    });
    expect(JSON.parse([...w3cCollectionChunks([])].join('')).first.items).toEqual([]);
  });
});
