import { describe, expect, it } from 'vitest';
import { readForeign, tagSpans } from '@mbw/shared';
import { covered, fixture, folder } from './load.js';

describe('doccano', () => {
  it('reads `label` triples (doccano’s own export example) with the text each covers', () => {
    const r = readForeign('doccano', [fixture('doccano/sequence_labeling.jsonl')]);
    expect(r.errors).toEqual([]);
    expect(covered(r)).toEqual([['ORG "EU"', 'MISC "German"'], ['PERSON "Peter Blackburn"'], ['PERSON "Obama"']]);
    expect(r.docs[0]!.spans[0]!.annotator).toBe('doccano');
  });

  it('reads `entities` and `relations`', () => {
    const r = readForeign('doccano', [fixture('doccano/relation_extraction.jsonl')]);
    expect(covered(r)).toEqual([['ORG "Google"', 'DATE "September 4, 1998"', 'PERSON "Larry Page"', 'PERSON "Sergey Brin"']]);
    expect(r.docs[0]!.id).toBe('7');
    expect(r.docs[0]!.relations).toEqual([
      { from: 'e0', to: 'e1', type: 'foundedAt' },
      { from: 'e0', to: 'e2', type: 'foundedBy' },
      { from: 'e0', to: 'e3', type: 'foundedBy' },
    ]);
  });

  it('refuses a span outside the text by line, and skips document labels', () => {
    const r = readForeign('doccano', [{ name: 'x.jsonl', text: '{"text": "abc", "label": ["POSITIVE"]}\n{"text": "abc", "label": [[1, 9, "X"]]}' }]);
    expect(r.skipped).toEqual([{ line: 1, where: 'x.jsonl', reason: 'label.0: a document label ("POSITIVE"), not a span' }]);
    expect(r.errors).toEqual([{ line: 2, message: 'label.0: offsets 1–9 are past the end of the text (3 characters)' }]);
  });
});

describe('Prodigy / spaCy', () => {
  it('reads character offsets and token offsets (token_end inclusive), skips rejected answers', () => {
    const r = readForeign('spacy', [fixture('spacy/prodigy.jsonl')]);
    expect(r.errors).toEqual([]);
    expect(covered(r)).toEqual([['ORG "Apple"'], ['PERSON "Sundar Pichai"', 'ORG "Google"']]);
    expect(r.docs.map((d) => d.spans[0]!.annotator)).toEqual(['news-alex', 'news-maya']);
    expect(r.skipped).toEqual([{ line: 3, where: 'prodigy.jsonl', reason: 'answer "reject": not accepted' }]);
  });

  it('reads spaCy `spans` without an annotator', () => {
    const r = readForeign('spacy', [fixture('spacy/spans.jsonl')]);
    expect(covered(r)).toEqual([['LOC "Berlin"', 'LOC "München"']]);
  });
});

describe('Label Studio', () => {
  it('reads JSON exports: each annotation one annotator, relations, UTF-16 offsets placed by their text', () => {
    const r = readForeign('labelstudio', [fixture('labelstudio/export.json')]);
    expect(r.errors).toEqual([]);
    expect(covered(r)).toEqual([['Person "Angela Merkel"', 'Person "Emmanuel Macron"', 'Location "Paris"', 'Person "Both"']]);
    const doc = r.docs[0]!;
    expect(doc.spans.map((s) => s.annotator)).toEqual(['labelstudio-1', 'labelstudio-1', 'bea@example.org', 'bea@example.org']);
    expect(doc.relations).toEqual([{ from: 'a0-a1', to: 'a0-a2', type: 'met' }]);
    expect(r.skipped.map((s) => s.reason)).toEqual(['annotations.0.result.3: not a labels result', 'annotations.2: cancelled (skipped) by its annotator']);
  });

  it('reads JSON-MIN rows of one task as one document with several annotators', () => {
    const r = readForeign('labelstudio', [fixture('labelstudio/export-min.json')]);
    expect(r.errors).toEqual([]);
    expect(covered(r)).toEqual([['Organisation "Bundesregierung"', 'Ort "Berlin"', 'Ort "Berlin"']]);
    expect(r.docs[0]!.annotators).toEqual(['labelstudio-1', 'labelstudio-2']);
  });

  it('refuses a span whose text is not what the offsets cover', () => {
    const r = readForeign('labelstudio', [{ name: 'x.json', text: '[{"id": 1, "text": "abc", "label": [{"start": 0, "end": 2, "text": "bc", "labels": ["X"]}], "annotator": 1}]' }]);
    expect(r.errors[0]!.message).toContain('the text at 0–2 is "ab", not "bc"');
  });
});

describe('brat', () => {
  it('reads brat’s own example corpora; events, equivalences are skipped, never a crash', () => {
    const r = readForeign('brat', folder('brat'));
    expect(r.errors).toEqual([]);
    const byId = new Map(r.docs.map((d) => [d.id, d]));
    for (const d of r.docs) for (const s of d.spans) expect(s.end).toBeGreaterThan(s.start);
    expect(byId.get('PMID-9119025')!.spans.map((s) => [...byId.get('PMID-9119025')!.text].slice(s.start, s.end).join(''))).toEqual(['p50', 'p65', 'inhibitor kappaB alpha', 'activates', 'binding', 'decrease']);
    expect(byId.get('PMID-8808606')!.spans[0]!.attributes).toEqual({ Category: 'Modifier' });
    expect(r.skipped.filter((s) => s.where.startsWith('PMID-9119025')).map((s) => s.reason)).toHaveLength(5);
    expect(r.skipped.filter((s) => s.where.startsWith('PMID-10233888')).map((s) => s.reason)).toEqual(['equivalence Equiv T14 T15', 'equivalence Equiv T16 T17', 'equivalence Equiv T20 T21']);
  });

  it('splits a discontinuous span into fragments linked in order, or refuses it', () => {
    const files = [fixture('brat/discontinuous.txt'), fixture('brat/discontinuous.ann')];
    const r = readForeign('brat', files);
    expect(r.errors).toEqual([]);
    expect(covered(r)[0]).toEqual(['Person "Ashley Cole"', 'Person "Lampard"', 'Organization "the"', 'Organization "club"', 'Departure "left"']);
    const doc = r.docs[0]!;
    expect(doc.relations).toEqual([
      { from: 'T3.1', to: 'T3.2', type: 'fragment' },
      { from: 'T1', to: 'T2', type: 'Colleague' },
    ]);
    expect(doc.spans.find((s) => s.id === 'T3.2')!.note).toBe('the club is Chelsea');
    expect(doc.spans[0]!.attributes).toEqual({ Confidence: 'High' });
    expect(r.skipped.map((s) => s.reason)).toEqual([
      'event E1 (Departure:T4): events are not imported (their trigger is)',
      'equivalence Alias T1 T2',
      'normalisation N1 (Reference T2 Wikipedia:534366)',
      'attribute Negation of E1 (not a text-bound annotation)',
      'note #2 on E1 (not a text-bound annotation)',
    ]);
    const refused = readForeign('brat', files, { discontinuous: 'refuse' });
    expect(refused.errors[0]!.message).toContain('line 3: T3 is discontinuous (29 32;33 37) and discontinuous spans are refused');
  });
});

describe('W3C Web Annotation', () => {
  const files = (...names: string[]) => [fixture('w3c/page1.txt'), ...names.map((n) => fixture(`w3c/${n}`))];

  it('places a single annotation by its TextQuoteSelector (prefix and suffix disambiguate)', () => {
    const r = readForeign('w3c', files('single.jsonld'));
    expect(r.errors).toEqual([]);
    expect(covered(r)).toEqual([['Misspelling "anotation"']]);
    expect(r.docs[0]!.spans[0]).toMatchObject({ start: 11, annotator: 'pat' });
  });

  it('reads a collection’s page: position selectors, string bodies, creators as IRIs, notes and links', () => {
    const r = readForeign('w3c', files('collection.jsonld'));
    expect(r.errors).toEqual([]);
    expect(covered(r)).toEqual([['Misspelling "anotation"', 'Error "mistakes"']]);
    const doc = r.docs[0]!;
    expect(doc.spans.map((s) => [s.annotator, s.note ?? null])).toEqual([['kim', 'second one'], ['kim', null]]);
    expect(doc.relations).toEqual([{ from: 'http://example.org/anno24', to: 'http://example.org/anno25', type: 'attributes' }]);
  });

  it('finds a text named by the source’s id as written or decoded (ids with a slash)', () => {
    const anno = JSON.stringify({ type: 'Annotation', body: 'X', target: { source: 'urn:mbw:article:a%2F1', selector: { type: 'TextPositionSelector', start: 0, end: 3 } } });
    for (const name of ['a/1.txt', 'a%2F1.txt']) expect(covered(readForeign('w3c', [{ name, text: 'abc def' }, { name: 'x.json', text: anno }]))).toEqual([['X "abc"']]);
  });

  it('refuses what it cannot place: an ambiguous quote, a missing text', () => {
    const anno = (selector: object, source = 'http://example.org/page1') => ({ name: 'a.json', text: JSON.stringify({ type: 'Annotation', body: 'X', target: { source, selector } }) });
    const ambiguous = readForeign('w3c', [fixture('w3c/page1.txt'), anno({ type: 'TextQuoteSelector', exact: 'anotation' })]);
    expect(ambiguous.errors[0]!.message).toContain('matches 2 places');
    const noText = readForeign('w3c', [anno({ type: 'TextPositionSelector', start: 0, end: 1 }, 'http://example.org/other')]);
    expect(noText.errors[0]!.message).toContain('no text came for "http://example.org/other"');
  });
});

describe('CoNLL', () => {
  it('reads CoNLL-2003 (IOB1, the NER column after POS and chunks), documents by -DOCSTART-', () => {
    const r = readForeign('conll', [fixture('conll/conll2003.txt')]);
    expect(r.errors).toEqual([]);
    expect(r.docs.map((d) => d.text)).toEqual(['EU rejects German call to boycott British lamb .\nPeter Blackburn', 'BRUSSELS 1996-08-22']);
    expect(covered(r)).toEqual([['ORG "EU"', 'MISC "German"', 'MISC "British"', 'PER "Peter Blackburn"'], ['LOC "BRUSSELS"']]);
  });

  it('reads several IOB2 tag columns, each sentence a document without -DOCSTART-, or the columns asked for', () => {
    const r = readForeign('conll', [fixture('conll/iob2-two-columns.tsv')]);
    expect(covered(r)).toEqual([['ORG "Bundesregierung"', 'LOC "Berlin"', 'ORG "Die Bundesregierung"', 'LOC "Berlin"'], []]);
    expect(covered(readForeign('conll', [fixture('conll/iob2-two-columns.tsv')], { columns: [3] }))[0]).toEqual(['ORG "Die Bundesregierung"', 'LOC "Berlin"']);
  });

  it('reads IOB1, IOB2 and BIOES alike', () => {
    expect(tagSpans(['I-A', 'I-A', 'B-A', 'O', 'S-B', 'B-C', 'E-C'])).toEqual([
      { label: 'A', first: 0, last: 1 },
      { label: 'A', first: 2, last: 2 },
      { label: 'B', first: 4, last: 4 },
      { label: 'C', first: 5, last: 6 },
    ]);
  });
});

describe('WebAnno TSV', () => {
  it('reads every span layer, with relations on a layer read and chains skipped', () => {
    const r = readForeign('webanno', [fixture('webanno/two-layers.tsv')]);
    expect(r.errors).toEqual([]);
    expect(r.docs[0]!.text).toBe('Angela Merkel visited Paris.\nShe left.');
    const spans = covered(r)[0]!;
    expect(spans.filter((s) => !/^(PER|LOC) /.test(s))).toHaveLength(8);
    expect(spans).toContain('PER "Angela Merkel"');
    expect(spans).toContain('LOC "Paris"');
    expect(r.docs[0]!.relations).toHaveLength(1);
    expect(r.skipped.map((s) => s.reason)).toEqual(['chain layer de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink (chains are not imported)']);
  });

  it('reads only the layer asked for, the label from the feature asked for', () => {
    const r = readForeign('webanno', [fixture('webanno/two-layers.tsv')], { layer: 'de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity', feature: 'value' });
    expect(covered(r)).toEqual([['PER "Angela Merkel"', 'LOC "Paris"']]);
    const pos = readForeign('webanno', [fixture('webanno/two-layers.tsv')], { layer: 'de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS' });
    expect(covered(pos)[0]!.slice(0, 3)).toEqual(['NNP "Angela"', 'NNP "Merkel"', 'VBD "visited"']);
  });
});
