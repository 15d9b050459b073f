/**
 * CoNLL-2003 shape (www.clips.uantwerpen.be/conll2003/ner, as spaCy's
 * `spacy convert` reads it): four space-separated columns, `token POS chunk
 * NER`, here `token _ _ TAG` (no POS or chunks), one block per (article,
 * annotator) opened by `-DOCSTART- -X- O O` and a blank line, sentences
 * separated by blank lines. One NER column holds every label (IOB2 `B-`/`I-`
 * tags): where spans of one annotator overlap, the LONGEST-WINS rule of
 * `bio.ts` keeps one and the others are reported lost. Article ids and
 * annotators have no place in the shape (blocks come in article order, then
 * annotator order), so no id can break a line. The multi-column variant
 * with ids and annotators is `conll.ts`.
 */
import { docBounds } from '../tokenBounds.js';
import type { Loss, LossSink } from './manifest.js';
import type { ExportDoc, ExportSpan } from './model.js';
import { sentenceStarts } from './sentences.js';
import { annotatorSequences, relationLosses } from './sequences.js';
import { boundsLosses, nameIndex, restartCodes, tagCodes, tagStrings, tokenTexts } from './tokenTags.js';

export const CONLL2003_DOCSTART = '-DOCSTART- -X- O O';

/**
 * One document as CoNLL-2003 blocks, one per annotator, each ending with a
 * blank line. On typed arrays (tokenTags.ts): a tag code per token, the
 * text built by concatenation.
 */
export function conll2003Doc(doc: ExportDoc): { chunk: string; lost: Loss[] } {
  const bounds = docBounds(doc);
  // each token's line up to its tag, built once for every annotator's block
  const lines = tokenTexts(doc.text, bounds).map((t) => `${t} _ _ `);
  const starts = sentenceStarts(doc.text, bounds);
  const names = nameIndex();
  const label = (s: ExportSpan) => names.of(s.label);
  const lost: Loss[] = [];
  let chunk = '';
  for (const { spans } of annotatorSequences(doc)) {
    const { codes, dropped } = tagCodes(bounds, spans, label);
    restartCodes(codes, starts);
    const tags = tagStrings(names.names, (t) => t.replace(/\s/g, '_')).map((t) => `${t}\n`);
    chunk += `${CONLL2003_DOCSTART}\n\n`;
    for (let s = 0; s < starts.length; s++) {
      const end = s + 1 < starts.length ? starts[s + 1]! : lines.length;
      for (let i = starts[s]!; i < end; i++) chunk += lines[i]! + tags[codes[i]!]!;
      chunk += '\n';
    }
    for (const l of boundsLosses(bounds, spans, new Set(dropped))) lost.push(l);
  }
  lost.push(...relationLosses(doc));
  return { chunk, lost };
}

/** The export as chunks, one per document, for streaming; `sink` hears what each document lost. */
export function* conll2003Chunks(docs: Iterable<ExportDoc>, sink?: LossSink): Generator<string> {
  for (const doc of docs) {
    const { chunk, lost } = conll2003Doc(doc);
    sink?.(doc, lost);
    if (chunk) yield chunk;
  }
}
