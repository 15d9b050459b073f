/**
 * Hugging Face token classification JSONL: one row per document (or per
 * sentence), loaded with `datasets.load_dataset("json", data_files=...)`.
 *
 *   {"id": "a1", "tokens": ["„", "Die", ...], "offsets": [[0, 1], [1, 4], ...],
 *    "ner_tags": [0, 1, 2, ...],
 *    "ner_tags_attribution": [0, 1, 2, ...], "ner_tags_evaluative": [...], ...}
 *
 * - `ner_tags_<layer>`: one BIO column per layer (by default per label), so
 *   spans overlapping across labels all survive; integers index that
 *   column's names `["O", "B-<label>", "I-<label>"]`.
 * - `ner_tags`: one flat BIO column over all labels for the standard
 *   token-classification scripts; where spans of different labels overlap
 *   the LONGEST-WINS rule of `bio.ts` keeps one. Integers index
 *   `["O", "B-<l1>", "I-<l1>", "B-<l2>", ...]` in label order.
 * - `offsets`: `[start, end)` of each token in code points of the article
 *   text (Python `text[start:end]`), to map predictions back.
 *
 * The names of every column come separately from `hfLabelNames()` (a small
 * JSON: `{"ner_tags": [...], "ner_tags_attribution": [...], ...}`), e.g.
 *
 *   names = json.load(open("labels.json"))
 *   ds = ds.cast_column("ner_tags", Sequence(ClassLabel(names=names["ner_tags"])))
 *
 * With `unit: 'sentence'` each sentence is a row (`id` = `<article id>#<n>`,
 * n from 1, plus `article_id`); a span crossing a sentence break restarts
 * with B- in the next row. Within one layer the LONGEST-WINS rule applies.
 */
import { tokenize } from '../tokens.js';
import { bioLayers, bioTags, restartAt } from './bio.js';
import { jsonLine } from './jsonl.js';
import type { ExportDoc, ExportSpan } from './model.js';
import { sentenceRanges } from './sentences.js';

export interface HfOptions {
  /** The labels, in order: they fix the integer of every tag. */
  labels: readonly string[];
  /** Extra per-layer columns: default one per label. */
  layers?: readonly string[];
  /** Which layer a span belongs to (default: its label). */
  layerOf?: (span: ExportSpan) => string;
  /** One row per document (default) or per sentence. */
  unit?: 'document' | 'sentence';
}

export interface HfRow {
  id: string;
  article_id?: string;
  tokens: string[];
  offsets: Array<[number, number]>;
  ner_tags: number[];
  [column: `ner_tags_${string}`]: number[];
}

/** Column name of a layer's tags. */
export const hfColumn = (layer: string) => `ner_tags_${layer}`;

/** The tag names of every column, by column name: the small JSON that goes with the rows. */
export function hfLabelNames(options: Pick<HfOptions, 'labels' | 'layers' | 'layerOf'>): Record<string, string[]> {
  const out: Record<string, string[]> = { ner_tags: ['O', ...options.labels.flatMap((l) => [`B-${l}`, `I-${l}`])] };
  for (const layer of options.layers ?? options.labels) {
    // a layer's spans carry one label when layers are labels; with a custom
    // layerOf a layer may mix labels, so it gets the whole list
    out[hfColumn(layer)] = options.layers && options.layerOf ? out.ner_tags! : ['O', `B-${layer}`, `I-${layer}`];
  }
  return out;
}

export interface HfDocResult {
  rows: HfRow[];
  /** Span ids the per-layer columns left out (overlap within a layer, or no token). */
  dropped: string[];
}

/** The rows of one document. */
export function hfRows(doc: ExportDoc, options: HfOptions): HfDocResult {
  const names = hfLabelNames(options);
  const index = new Map(Object.entries(names).map(([col, list]) => [col, new Map(list.map((n, i) => [n, i]))]));
  const tokens = tokenize(doc.text);
  const layerNames = options.layers ?? options.labels;
  for (const s of doc.spans)
    if (!options.labels.includes(s.label)) throw new Error(`span ${s.id} has label "${s.label}", which is not among the export's labels (${options.labels.join(', ')})`);
  const layers = bioLayers(tokens, doc.spans, layerNames, options.layerOf);
  const flat = bioTags(tokens, doc.spans).tags;
  const sents = options.unit === 'sentence' ? sentenceRanges(doc.text, tokens) : [{ firstToken: 0, endToken: tokens.length }];
  const starts = sents.map((s) => s.firstToken);
  const encode = (col: string, tags: string[]) => {
    const map = index.get(col)!;
    return restartAt(tags, starts).map((t) => map.get(t)!);
  };
  const columns: Array<[string, number[]]> = [
    ['ner_tags', encode('ner_tags', flat)],
    ...layerNames.map((l): [string, number[]] => [hfColumn(l), encode(hfColumn(l), layers.get(l)!.tags)]),
  ];
  const rows = sents.map((s, n) => {
    const row: Record<string, unknown> = options.unit === 'sentence' ? { id: `${doc.id}#${n + 1}`, article_id: doc.id } : { id: doc.id };
    const slice = tokens.slice(s.firstToken, s.endToken);
    row.tokens = slice.map((t) => t.text);
    row.offsets = slice.map((t) => [t.start, t.end]);
    for (const [col, values] of columns) row[col] = values.slice(s.firstToken, s.endToken);
    return row as unknown as HfRow;
  });
  return { rows, dropped: [...layers.values()].flatMap((l) => l.dropped) };
}

/** The export as chunks of JSONL (one row a line), one chunk per document, for streaming. */
export function* hfChunks(docs: Iterable<ExportDoc>, options: HfOptions): Generator<string> {
  for (const doc of docs) {
    const { rows } = hfRows(doc, options);
    if (rows.length) yield rows.map((r) => jsonLine(r)).join('\n') + '\n';
  }
}
