/**
 * CoNLL BIO export: one block per (article, annotator), one token a line:
 * the token, the annotator, then one tag column per layer (by default one
 * per label, in the order given), tab separated.
 *
 *   -DOCSTART-<TAB><article id><TAB><annotator>
 *   <blank line>
 *   „<TAB>anna<TAB>O<TAB>O<TAB>O
 *   Die<TAB>anna<TAB>B-attribution<TAB>O<TAB>O
 *   ...
 *   <blank line between sentences and after each block>
 *
 * Annotators are never merged: each one's spans make their own block (see
 * `sequences.ts`; an annotator with no span gets an all-`O` block, an article
 * with no counted work none). Tokens come from `tokenize()` (the one word
 * segmentation, so token and character views agree); sentences from
 * `sentenceRanges()`. Spans overlap freely across labels (each has its own
 * column); within one column the LONGEST-WINS rule of `bio.ts` applies
 * (longest span first, then earliest; a span overlapping a kept one is
 * dropped whole). A span running over a sentence break starts again with
 * `B-` in the next sentence, so every sentence is valid BIO on its own.
 * Tokens never contain white space. What the columns cannot hold (moved
 * boundaries, dropped spans, attributes, notes, links) is reported as `lost`.
 */
import { docBounds } from '../tokenBounds.js';
import type { Loss, LossSink } from './manifest.js';
import type { ExportDoc, ExportSpan } from './model.js';
import { sentenceStarts } from './sentences.js';
import { annotatorSequences, relationLosses } from './sequences.js';
import { boundsLosses, nameIndex, restartCodes, tagCodes, tagStrings, tokenTexts } from './tokenTags.js';

export interface ConllOptions {
  /** Column order: one tag column per layer (default layers are labels). */
  layers: readonly string[];
  /** Which layer a span belongs to (default: its label). */
  layerOf?: (span: ExportSpan) => string;
}

export interface ConllDocResult {
  chunk: string;
  /** Span ids left out by the within-layer overlap rule (or covering no token). */
  dropped: string[];
  /** Everything the blocks could not represent. */
  lost: Loss[];
}

const clean = (s: string) => s.replace(/[\t\n\r]/g, ' ');

/** One annotator's spans by layer, in column order (`bioLayers` of bio.ts: a span of no listed layer is an error). */
function spansByLayer(spans: ExportSpan[], layers: readonly string[], layerOf: (s: ExportSpan) => string): ExportSpan[][] {
  const byLayer = new Map<string, ExportSpan[]>(layers.map((l) => [l, []]));
  for (const s of spans) {
    const layer = layerOf(s);
    const list = byLayer.get(layer);
    if (!list) throw new Error(`span ${s.id} belongs to layer "${layer}", which is not among the export's layers (${layers.join(', ')})`);
    list.push(s);
  }
  return layers.map((l) => byLayer.get(l)!);
}

/** One document as CoNLL text: one block per annotator, each ending with a blank line (typed arrays: see tokenTags.ts). */
export function conllDoc(doc: ExportDoc, options: ConllOptions): ConllDocResult {
  const bounds = docBounds(doc);
  const texts = tokenTexts(doc.text, bounds);
  const starts = sentenceStarts(doc.text, bounds);
  const names = nameIndex();
  const label = (s: ExportSpan) => names.of(s.label);
  let chunk = '';
  const dropped: string[] = [];
  const lost: Loss[] = [];
  for (const { annotator, spans } of annotatorSequences(doc)) {
    const columns = spansByLayer(spans, options.layers, options.layerOf ?? ((s) => s.label)).map((layer) => tagCodes(bounds, layer, label));
    for (const c of columns) restartCodes(c.codes, starts);
    const tags = tagStrings(names.names);
    const who = `\t${clean(annotator)}`;
    chunk += `-DOCSTART-\t${clean(doc.id)}${who}\n\n`;
    for (let s = 0; s < starts.length; s++) {
      const end = s + 1 < starts.length ? starts[s + 1]! : texts.length;
      for (let i = starts[s]!; i < end; i++) {
        let line = texts[i]! + who;
        for (const c of columns) line += `\t${tags[c.codes[i]!]!}`;
        chunk += `${line}\n`;
      }
      chunk += '\n';
    }
    const left = columns.filter((_, k) => options.layers.indexOf(options.layers[k]!) === k).flatMap((c) => c.dropped); // a layer named twice reports once
    dropped.push(...left);
    for (const l of boundsLosses(bounds, spans, new Set(left))) lost.push(l);
  }
  lost.push(...relationLosses(doc));
  return { chunk, dropped, lost };
}

/** The export as chunks, one per document, for streaming; `sink` hears what each document lost. */
export function* conllChunks(docs: Iterable<ExportDoc>, options: ConllOptions, sink?: LossSink): Generator<string> {
  for (const doc of docs) {
    const { chunk, lost } = conllDoc(doc, options);
    sink?.(doc, lost);
    if (chunk) yield chunk;
  }
}

export interface ConllSentence {
  tokens: string[];
  /** `tags[column][token]`. */
  tags: string[][];
}

export interface ConllParsedDoc {
  id: string;
  /** The block's annotator (from the `-DOCSTART-` line), when the file names one. */
  annotator?: string;
  sentences: ConllSentence[];
}

/**
 * Reads CoNLL BIO back to tokens and tag columns (for tests and for tools
 * that bring predictions in). Documents (blocks) start at `-DOCSTART-`
 * lines; sentences are separated by blank lines. A `-DOCSTART-` line naming
 * an annotator after the id means its rows carry the annotator column after
 * the token (left out of `tags`). Lines before any `-DOCSTART-` form a
 * document with the id `""`.
 */
export function parseConll(text: string): ConllParsedDoc[] {
  const docs: ConllParsedDoc[] = [];
  let doc: ConllParsedDoc | null = null;
  let sentence: ConllSentence | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('-DOCSTART-')) {
      const [id, annotator] = line.slice('-DOCSTART-'.length).replace(/^[\t ]/, '').split('\t');
      doc = { id: id!, ...(annotator === undefined ? {} : { annotator }), sentences: [] };
      docs.push(doc);
      sentence = null;
      continue;
    }
    if (!line.trim()) {
      sentence = null;
      continue;
    }
    if (!doc) docs.push((doc = { id: '', sentences: [] }));
    const [token, ...rest] = line.split('\t');
    const tags = doc.annotator === undefined ? rest : rest.slice(1);
    if (!sentence) {
      doc.sentences.push((sentence = { tokens: [], tags: tags.map(() => []) }));
    }
    sentence.tokens.push(token!);
    tags.forEach((t, c) => (sentence!.tags[c] ??= []).push(t));
  }
  return docs;
}
