/**
 * The importers on real files from the other tools' own repositories
 * (tests/fixtures/SOURCES.md names repository, path and commit of each):
 * no crash, every span covers what the file says, the counts are what the
 * file holds, and what is left out is named with its reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, readForeign } from '@mbw/shared';
import { covered, fixture, FIXTURES } from './load.js';

const NE = 'de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity';
const reasons = (r: ReturnType<typeof readForeign>) => r.skipped.map((s) => s.reason);

describe('WebAnno TSV 3.3 files of INCEpTION’s test suite', () => {
  it('reads every span layer (POS and named entities) and the dependency relations between POS spans', () => {
    const r = readForeign('webanno', [fixture('webanno/example2.tsv')]);
    expect(r.errors).toEqual([]);
    const doc = r.docs[0]!;
    expect(doc.spans).toHaveLength(86 + 9); // 86 tokens with a POS tag, 9 named entities
    expect(covered(r)[0]!.slice(0, 4)).toEqual(['NNP "Ms."', 'NNP "Haag"', 'VBD "plays"', 'NNP "Elianti"']);
    expect(covered(r)[0]).toContain('PER "Ms. Haag"'); // a two-token entity (PER[2]) is one span
    expect(doc.relations).toHaveLength(86);
    expect(doc.relations[0]).toEqual({ from: 'L0-t3', to: 'L0-t1', type: 'SUBJ' });
    const ne = readForeign('webanno', [fixture('webanno/example2.tsv')], { layer: NE });
    expect(covered(ne)[0]).toEqual(['PER "Ms. Haag"', 'OTH "Elianti"', 'ORG "Rolls-Royce Motor"', 'LOC "U.S."', 'LOC "U.S."', 'ORG "BELL INDUSTRIES Inc."', 'PER "BELL"', 'ORG "Bell"', 'LOC "Los Angeles"']);
  });

  it('reads four stacked layers on one token, the label from `value` where a layer has one, the other features as attributes', () => {
    const r = readForeign('webanno', [fixture('webanno/testTokenAttachedAnnotationsWithValues.tsv')]);
    expect(covered(r)).toEqual([['morph "This"', 'pos1 "This"', 'lemma1 "This"', 'stem1 "This"']]);
    expect(r.docs[0]!.spans[0]!.attributes).toEqual({ tense: 'tense1' });
  });

  it('reads an emoji’s UTF-16 offsets as one code point; skips chains and zero-width annotations, saying why', () => {
    expect(covered(readForeign('webanno', [fixture('webanno/testSentenceWithEmoji.tsv')]))).toEqual([['Span "😊"']]);
    const chain = readForeign('webanno', [fixture('webanno/testSimpleChain.tsv')]);
    expect([chain.errors, covered(chain), reasons(chain)]).toEqual([[], [[]], ['chain layer webanno.custom.SimpleLink (chains are not imported)']]);
    const zero = readForeign('webanno', [fixture('webanno/testZeroLengthSpansWithFeatureValues.tsv')]);
    expect(reasons(zero)).toEqual(['zero-width Span annotation at offset 0 (a span covers at least one character)', 'zero-width Span annotation at offset 16 (a span covers at least one character)']);
    const sub = readForeign('webanno', [fixture('webanno/testSubMultiTokenSpanWithFeatureValue.tsv')]);
    expect(covered(sub)[0]).toEqual(['2 "aaaaaa bbbbbb"', '7 "aaaaaa bbb"', '1 "aaaaaa"', '9 "aaa bbbbbb ccc"', '6 "aaa bbbbbb"', '8 "aaa bbb"', '4 "bbbb"', '5 "bbbb"', '3 "bb"']);
    expect(sub.skipped).toHaveLength(3);
  });

  it('reads a project export zip: each user’s file of a document is that user’s work on one article', () => {
    const files = ['user1', 'user2'].map((u) => ({ name: `annotation/relationLabelTest.txt/${u}.tsv`, text: readFileSync(join(FIXTURES, `webanno/relationLabelTest/${u}.tsv`), 'utf8') }));
    const r = readForeign('webanno', files);
    expect(r.errors).toEqual([]);
    const doc = r.docs[0]!;
    expect([r.docs.length, doc.id, doc.annotators]).toEqual([1, 'relationLabelTest.txt', ['user1', 'user2']]);
    for (const user of ['user1', 'user2']) expect(doc.spans.filter((s) => s.annotator === user)).toHaveLength(26 + 26); // POS and lemma of 26 tokens
    expect(doc.relations).toHaveLength(52);
    const sich = (user: string) => doc.relations.find((r) => r.from === `${user}:L0-t2` && r.to === `${user}:L0-t3`)?.type;
    expect([sich('user1'), sich('user2')]).toEqual(['OBJA', 'XXX']); // where the two users differ
  });
});

describe('brat’s own example data', () => {
  it('the tutorial’s introduction: entities and relations; the event, its attribute and the normalisation skipped with reasons', () => {
    const r = readForeign('brat', [fixture('brat/000-introduction.txt'), fixture('brat/000-introduction.ann')]);
    expect(r.errors).toEqual([]);
    expect(covered(r)[0]).toEqual(['Organization "Citibank"', 'Money "$100 million"', 'Transfer-money "moving"', 'Person "Raul Salinas de Gortari"', 'Person "former Mexican president"', 'Organization "banks"', 'GPE "Switzerland"']);
    const doc = r.docs[0]!;
    expect(doc.relations).toEqual([{ from: 'T6', to: 'T7', type: 'Origin' }, { from: 'T4', to: 'T5', type: 'Family' }]);
    expect(doc.spans.find((s) => s.id === 'T2')!.note).toBe('100000000 USD');
    expect(doc.spans.find((s) => s.id === 'T4')!.attributes).toEqual({ Mention: 'Name', Individual: 'true' });
    expect(reasons(r)).toEqual(['event E1 (Transfer-money:T3): events are not imported (their trigger is)', 'normalisation N1 (Reference T5 Wikipedia:64488)', 'attribute Confidence of E1 (not a text-bound annotation)']);
  });

  it('a TDT document: 74 tokens with attributes, 72 dependencies, its 74 Lemma notes skipped (only AnnotatorNotes are notes)', () => {
    const r = readForeign('brat', [fixture('brat/wn071.txt'), fixture('brat/wn071.ann')]);
    expect(r.errors).toEqual([]);
    expect([r.docs[0]!.spans.length, r.docs[0]!.relations.length, r.skipped.length]).toEqual([74, 72, 74]);
    expect(covered(r)[0]!.slice(0, 3)).toEqual(['N "Halonen"', 'Null "*null*"', 'N "Irlantiin"']);
    expect(r.skipped[0]!.reason).toBe("note #1 (Lemma) on T1: only AnnotatorNotes become a span's note");
  });
});

describe('a discontinuous span of DKPro Core’s brat reader tests', () => {
  const files = [fixture('brat/document0d.txt'), fixture('brat/document0d.ann')];

  it('becomes one span per fragment, linked in order; the trigger-only events are skipped', () => {
    const r = readForeign('brat', files);
    expect(r.errors).toEqual([]);
    expect(covered(r)[0]).toEqual(['Token "This"', 'Token "is"', 'Token "n"', 'Token "other test"', 'Token "."']);
    expect(r.docs[0]!.relations).toEqual([{ from: 'T2.1', to: 'T2.2', type: 'fragment' }]);
    expect(reasons(r)).toEqual(['E1', 'E2', 'E3', 'E4'].map((e, i) => `event ${e} (Token:T${i + 1}): events are not imported (their trigger is)`));
  });

  it('or refuses the file, by the user’s choice', () => {
    expect(readForeign('brat', files, { discontinuous: 'refuse' }).errors).toEqual([{ line: 1, message: 'document0d.ann: line 2: T2 is discontinuous (5 7;9 10) and discontinuous spans are refused' }]);
  });
});

describe('Label Studio’s own named-entity example', () => {
  it('reads an exported task (one object, an annotation without completed_by)', () => {
    expect(detectFormat([fixture('labelstudio/named_entity-annotations-1.json')])).toBe('labelstudio');
    const r = readForeign('labelstudio', [fixture('labelstudio/named_entity-annotations-1.json')]);
    expect([r.errors, covered(r)]).toEqual([[], [['Date "February 22"']]]);
  });

  it('reads a task list with predictions as articles without spans, the predictions skipped', () => {
    expect(detectFormat([fixture('labelstudio/named_entity-tasks.json')])).toBe('labelstudio');
    const r = readForeign('labelstudio', [fixture('labelstudio/named_entity-tasks.json')]);
    expect([r.errors, covered(r), reasons(r)]).toEqual([[], [[]], ["1 predictions (a model's suggestions, not annotations)"]]);
  });
});

describe('Prodigy’s example datasets (prodigy-recipes)', () => {
  it('ner_manual annotations of news headlines: token-based spans, accepted answers', () => {
    expect(detectFormat([fixture('spacy/news_headlines-ner.jsonl')])).toBe('spacy');
    const r = readForeign('spacy', [fixture('spacy/news_headlines-ner.jsonl')]);
    expect(r.errors).toEqual([]);
    expect(covered(r)).toEqual([['ORG "Uber"', 'LOCATION "Silicon Valley"'], ['ORG "Pearl Automation"', 'ORG "Apple"'], ['LOCATION "Silicon Valley"'], [], ['LOCATION "Silicon Valley"', 'ORG "Uber"'], ['ORG "Uber"']]);
  });

  it('spaCy-style `spans` with character offsets and no tokens or annotator (bio events)', () => {
    expect(detectFormat([fixture('spacy/bio_events.jsonl')])).toBe('spacy');
    const r = readForeign('spacy', [fixture('spacy/bio_events.jsonl')]);
    expect(r.errors).toEqual([]);
    expect(covered(r)[0]).toEqual(['GGP "bcr"', 'GGP "abl"', 'GGP "interferon regulatory factor 4"', 'GGP "IRF-4"']);
    expect(r.docs.map((d) => d.spans.length)).toEqual([4, 3, 2, 2]);
  });
});

describe('spaCy’s NER example data', () => {
  it('token-per-line IOB (what `spacy convert` reads): one document, its entities by their IOB tags', () => {
    expect(detectFormat([fixture('conll/ner-token-per-line.iob')])).toBe('conll');
    const r = readForeign('conll', [fixture('conll/ner-token-per-line.iob')]);
    expect(r.errors).toEqual([]);
    expect(covered(r)).toEqual([['PERSON "Sebastian Thrun"', 'ORG "Google"', 'DATE "2007"', 'NORP "American"', 'PERSON "Thrun"', 'ORG "Recode"', 'DATE "earlier this week"']]);
  });
});

describe('the W3C Web Annotation model’s examples (web-annotation-tests)', () => {
  const texts = ['page1.txt', 'ebook1.txt', 'document1.txt'].map((t) => fixture(`w3c-examples/${t}`));
  const ebook = texts[1]!.text;

  it('the whole collection of 41 examples: the 3 text selections become spans, the other 38 are skipped with a reason, none crashes', () => {
    expect(detectFormat([fixture('w3c-examples/collection1.json')])).toBe('w3c');
    const r = readForeign('w3c', [...texts, fixture('w3c-examples/collection1.json')]);
    expect(r.errors).toEqual([]);
    expect(covered(r)).toEqual([['comment1 "anotation"', 'comment1 "Selected Text"'], [`review1 ${JSON.stringify([...ebook].slice(412, 795).join(''))}`]]);
    expect(r.skipped).toHaveLength(38);
    expect(r.skipped.find((s) => s.where.includes('anno41'))!.reason).toBe("its TextPositionSelector counts from a FragmentSelector's part of the document, which a plain text does not mark");
    expect(r.skipped.find((s) => s.where.includes('anno24'))!.reason).toBe('its target is CssSelector: no TextPositionSelector or TextQuoteSelector to place in a text');
  });

  it('single annotations: quote with prefix and suffix, a quote refining a fragment, a position; one on no text is refused with its reason', () => {
    const one = (name: string) => readForeign('w3c', [...texts, fixture(`w3c-examples/${name}.json`)]);
    expect(covered(one('anno26'))).toEqual([['comment1 "anotation"']]);
    expect(covered(one('anno32'))).toEqual([['comment1 "Selected Text"']]);
    expect(one('anno27').docs[0]!.spans[0]).toMatchObject({ start: 412, end: 795, label: 'review1' });
    expect(one('anno1').errors[0]!.message).toBe('no annotation could be placed in a text: its target is a whole resource: no TextPositionSelector or TextQuoteSelector to place in a text');
    expect(readForeign('w3c', [fixture('w3c-examples/anno26.json')]).errors[0]!.message).toContain('no text came for "http://example.org/page1" (add page1.txt');
    expect(readForeign('w3c', [fixture('w3c-examples/example41.json')]).errors[0]!.message).toBe("the collection's pages are not in the upload (http://example.org/page1): add each AnnotationPage as a file of the zip");
  });
});
