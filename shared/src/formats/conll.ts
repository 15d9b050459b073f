/**
 * CoNLL BIO export: one token a line, the token then one tag column per
 * layer (by default one per label, in the order given), tab separated.
 *
 *   -DOCSTART-<TAB><article id>
 *   <blank line>
 *   „<TAB>O<TAB>O<TAB>O
 *   Die<TAB>B-attribution<TAB>O<TAB>O
 *   ...
 *   <blank line between sentences and after each document>
 *
 * Tokens come from `tokenize()` (the one word segmentation, so token and
 * character views agree); sentences from `sentenceRanges()`. Spans overlap
 * freely across labels (each has its own column); within one column the
 * LONGEST-WINS rule of `bio.ts` applies (longest span first, then earliest;
 * a span overlapping a kept one is dropped whole). A span running over a
 * sentence break starts again with `B-` in the next sentence, so every
 * sentence is valid BIO on its own. Tokens never contain white space.
 */
import { tokenize } from '../tokens.js';
import { bioLayers, restartAt } from './bio.js';
import type { ExportDoc, ExportSpan } from './model.js';
import { sentenceRanges } from './sentences.js';

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
}

const clean = (s: string) => s.replace(/[\t\n\r]/g, ' ');

/** One document as CoNLL text, ending with a blank line. */
export function conllDoc(doc: ExportDoc, options: ConllOptions): ConllDocResult {
  const tokens = tokenize(doc.text);
  const layers = bioLayers(tokens, doc.spans, options.layers, options.layerOf);
  const sents = sentenceRanges(doc.text, tokens);
  const starts = sents.map((s) => s.firstToken);
  const columns = options.layers.map((l) => restartAt(layers.get(l)!.tags, starts));
  const lines: string[] = [`-DOCSTART-\t${clean(doc.id)}`, ''];
  for (const s of sents) {
    for (let i = s.firstToken; i < s.endToken; i++) {
      lines.push([tokens[i]!.text, ...columns.map((c) => c[i]!)].join('\t'));
    }
    lines.push('');
  }
  return { chunk: lines.join('\n') + '\n', dropped: [...layers.values()].flatMap((l) => l.dropped) };
}

/** The export as chunks, one per document, for streaming. */
export function* conllChunks(docs: Iterable<ExportDoc>, options: ConllOptions): Generator<string> {
  for (const doc of docs) yield conllDoc(doc, options).chunk;
}

export interface ConllSentence {
  tokens: string[];
  /** `tags[column][token]`. */
  tags: string[][];
}

export interface ConllParsedDoc {
  id: string;
  sentences: ConllSentence[];
}

/**
 * Reads CoNLL BIO back to tokens and tag columns (for tests and for tools
 * that bring predictions in). Documents start at `-DOCSTART-` lines;
 * sentences are separated by blank lines. Lines before any `-DOCSTART-`
 * form a document with the id `""`.
 */
export function parseConll(text: string): ConllParsedDoc[] {
  const docs: ConllParsedDoc[] = [];
  let doc: ConllParsedDoc | null = null;
  let sentence: ConllSentence | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('-DOCSTART-')) {
      doc = { id: line.slice('-DOCSTART-'.length).replace(/^[\t ]/, ''), sentences: [] };
      docs.push(doc);
      sentence = null;
      continue;
    }
    if (!line.trim()) {
      sentence = null;
      continue;
    }
    if (!doc) docs.push((doc = { id: '', sentences: [] }));
    const [token, ...tags] = line.split('\t');
    if (!sentence) {
      doc.sentences.push((sentence = { tokens: [], tags: tags.map(() => []) }));
    }
    sentence.tokens.push(token!);
    tags.forEach((t, c) => (sentence!.tags[c] ??= []).push(t));
  }
  return docs;
}
