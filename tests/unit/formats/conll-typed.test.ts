/**
 * Issue 13: the CoNLL writers run on typed arrays (tokenTags.ts). Against the
 * token-object reference built from bio.ts and sequences.ts (what they were
 * before), on random overlapping spans over texts with sentence breaks,
 * astral characters, spans inside words, in white space and past the end:
 * the same text, the same dropped ids and the same losses in the same order.
 */
import { describe, expect, it } from 'vitest';
import {
  annotatorSequences,
  bioLayers,
  conll2003Doc,
  conllDoc,
  relationLosses,
  restartAt,
  sentenceRanges,
  tokenize,
  tokenLosses,
  type ExportDoc,
  type ExportSpan,
  type Loss,
} from '@mbw/shared';
import { mulberry32 } from '../../../shared/src/random.js';

const TEXTS = [
  'Die Regierung in Berlin sagt: „Nein.“ Anna Schmidt schweigt. Dann kam 2024 die Wende!\n\nNeuer Absatz, alte Sorgen.',
  'Ein 😀 Emoji, dann 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 und Text. Zweiter Satz mit l’été und U.S.-Politik.',
  '   ',
];
const LABELS = ['attribution', 'evaluative', 'has space'];

function randomDoc(rand: () => number, text: string, n: number): ExportDoc {
  const length = [...text].length;
  const spans: ExportSpan[] = [];
  for (let i = 0; i < n; i++) {
    const start = Math.floor(rand() * (length + 2));
    const end = start + 1 + Math.floor(rand() * 30);
    spans.push({ id: `s${i}`, start, end, label: LABELS[Math.floor(rand() * LABELS.length)]!, annotator: ['anna', 'ben', 'carl'][Math.floor(rand() * 3)]!, attributes: rand() < 0.2 ? { k: 'v' } : {}, note: rand() < 0.1 ? 'n' : null, quote: '' });
  }
  return { id: 'd\t1', text, meta: {}, spans, relations: [{ from: 's0', to: 's1', type: 'supports' }], annotators: rand() < 0.5 ? [{ annotator: 'dora', status: 'submitted' }] : [] };
}

/** The CoNLL-2003 writer as it was, on token objects. */
function reference2003(doc: ExportDoc): { chunk: string; lost: Loss[] } {
  const tokens = tokenize(doc.text);
  const sents = sentenceRanges(doc.text, tokens);
  const lines: string[] = [];
  const lost: Loss[] = [];
  for (const { spans } of annotatorSequences(doc)) {
    const layers = bioLayers(tokens, spans, ['ner'], () => 'ner');
    const tags = restartAt(layers.get('ner')!.tags, sents.map((s) => s.firstToken));
    lines.push('-DOCSTART- -X- O O', '');
    for (const s of sents) {
      for (let i = s.firstToken; i < s.endToken; i++) lines.push(`${tokens[i]!.text} _ _ ${tags[i]!.replace(/\s/g, '_')}`);
      lines.push('');
    }
    lost.push(...tokenLosses(tokens, spans, layers.values()));
  }
  lost.push(...relationLosses(doc));
  return { chunk: lines.length ? lines.join('\n') + '\n' : '', lost };
}

/** The multi-column writer as it was. */
function referenceColumns(doc: ExportDoc, layers: string[]) {
  const tokens = tokenize(doc.text);
  const sents = sentenceRanges(doc.text, tokens);
  const lines: string[] = [];
  const dropped: string[] = [];
  const lost: Loss[] = [];
  for (const { annotator, spans } of annotatorSequences(doc)) {
    const byLayer = bioLayers(tokens, spans, layers);
    const columns = layers.map((l) => restartAt(byLayer.get(l)!.tags, sents.map((s) => s.firstToken)));
    lines.push(`-DOCSTART-\t${doc.id.replace(/[\t\n\r]/g, ' ')}\t${annotator}`, '');
    for (const s of sents) {
      for (let i = s.firstToken; i < s.endToken; i++) lines.push([tokens[i]!.text, annotator, ...columns.map((c) => c[i]!)].join('\t'));
      lines.push('');
    }
    dropped.push(...[...byLayer.values()].flatMap((l) => l.dropped));
    lost.push(...tokenLosses(tokens, spans, byLayer.values()));
  }
  lost.push(...relationLosses(doc));
  return { chunk: lines.length ? lines.join('\n') + '\n' : '', dropped, lost };
}

describe('CoNLL writers on typed arrays', () => {
  it('write what the token-object writers wrote, with the same losses, on random overlapping spans', () => {
    const rand = mulberry32(7);
    let checked = 0;
    for (let round = 0; round < 60; round++) {
      const doc = randomDoc(rand, TEXTS[round % TEXTS.length]!, Math.floor(rand() * 25));
      expect(conll2003Doc(doc)).toEqual(reference2003(doc));
      expect(conllDoc(doc, { layers: LABELS })).toEqual(referenceColumns(doc, LABELS));
      if (doc.spans.length > 10) checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('refuse a span of no listed layer, naming it, as before', () => {
    const doc = randomDoc(mulberry32(1), TEXTS[0]!, 5);
    expect(() => conllDoc(doc, { layers: ['attribution'] })).toThrow(/belongs to layer ".+", which is not among the export's layers \(attribution\)/);
  });
});
