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
import { docTokens } from '../tokenBounds.js';
import { bioLayers, restartAt } from './bio.js';
import type { Loss, LossSink } from './manifest.js';
import type { ExportDoc } from './model.js';
import { sentenceRanges } from './sentences.js';
import { annotatorSequences, relationLosses, tokenLosses } from './sequences.js';

export const CONLL2003_DOCSTART = '-DOCSTART- -X- O O';

/** One document as CoNLL-2003 blocks, one per annotator, each ending with a blank line. */
export function conll2003Doc(doc: ExportDoc): { chunk: string; lost: Loss[] } {
  const tokens = docTokens(doc);
  const sents = sentenceRanges(doc.text, tokens);
  const starts = sents.map((s) => s.firstToken);
  const lines: string[] = [];
  const lost: Loss[] = [];
  for (const { spans } of annotatorSequences(doc)) {
    const layers = bioLayers(tokens, spans, ['ner'], () => 'ner');
    const tags = restartAt(layers.get('ner')!.tags, starts);
    lines.push(CONLL2003_DOCSTART, '');
    for (const s of sents) {
      for (let i = s.firstToken; i < s.endToken; i++) lines.push(`${tokens[i]!.text} _ _ ${tags[i]!.replace(/\s/g, '_')}`);
      lines.push('');
    }
    lost.push(...tokenLosses(tokens, spans, layers.values()));
  }
  lost.push(...relationLosses(doc));
  return { chunk: lines.length ? lines.join('\n') + '\n' : '', lost };
}

/** The export as chunks, one per document, for streaming; `sink` hears what each document lost. */
export function* conll2003Chunks(docs: Iterable<ExportDoc>, sink?: LossSink): Generator<string> {
  for (const doc of docs) {
    const { chunk, lost } = conll2003Doc(doc);
    sink?.(doc, lost);
    if (chunk) yield chunk;
  }
}
