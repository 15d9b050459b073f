/**
 * Hugging Face token classification JSONL: one row per (document,
 * annotator), or per sentence of it, loaded with
 * `datasets.load_dataset("json", data_files=...)`. Annotators are never
 * merged (see `sequences.ts`): every row names its `annotator` and holds that
 * annotator's spans only.
 *
 *   {"id": "a1@anna", "article_id": "a1", "annotator": "anna",
 *    "tokens": ["„", "Die", ...], "offsets": [[0, 1], [1, 4], ...],
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
 * Row ids are `<article id>@<annotator>`; with `unit: 'sentence'` each
 * sentence is a row (`<article id>@<annotator>#<n>`, n from 1); a span
 * crossing a sentence break restarts with B- in the next row. Within one
 * layer the LONGEST-WINS rule applies. What the rows cannot hold is reported
 * as `lost` (see `manifest.ts`).
 */
import { docTokens } from '../tokenBounds.js';
import type { Token } from '../tokens.js';
import { bioLayers, bioTags, restartAt } from './bio.js';
import { jsonLine } from './jsonl.js';
import type { Loss, LossSink } from './manifest.js';
import type { ExportDoc, ExportSpan } from './model.js';
import { sentenceRanges } from './sentences.js';
import { annotatorSequences, relationLosses, tokenLosses } from './sequences.js';

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
  article_id: string;
  annotator: string;
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
  /** Everything the rows could not represent. */
  lost: Loss[];
}

/** The rows of one document: one per annotator (or per annotator and sentence). */
export function hfRows(doc: ExportDoc, options: HfOptions): HfDocResult {
  for (const s of doc.spans)
    if (!options.labels.includes(s.label)) throw new Error(`span ${s.id} has label "${s.label}", which is not among the export's labels (${options.labels.join(', ')})`);
  const tokens = docTokens(doc);
  const sents = options.unit === 'sentence' ? sentenceRanges(doc.text, tokens) : [{ firstToken: 0, endToken: tokens.length }];
  const out: HfDocResult = { rows: [], dropped: [], lost: [] };
  for (const { annotator, spans } of annotatorSequences(doc)) {
    const r = annotatorRows(doc, annotator, spans, tokens, sents, options);
    out.rows.push(...r.rows);
    out.dropped.push(...r.dropped);
    out.lost.push(...r.lost);
  }
  out.lost.push(...relationLosses(doc));
  return out;
}

function annotatorRows(doc: ExportDoc, annotator: string, spans: ExportSpan[], tokens: Token[], sents: Array<{ firstToken: number; endToken: number }>, options: HfOptions) {
  const names = hfLabelNames(options);
  const index = new Map(Object.entries(names).map(([col, list]) => [col, new Map(list.map((n, i) => [n, i]))]));
  const layerNames = options.layers ?? options.labels;
  const layers = bioLayers(tokens, spans, layerNames, options.layerOf);
  const flat = bioTags(tokens, spans);
  const starts = sents.map((s) => s.firstToken);
  const encode = (col: string, tags: string[]) => {
    const map = index.get(col)!;
    return restartAt(tags, starts).map((t) => map.get(t)!);
  };
  const columns: Array<[string, number[]]> = [
    ['ner_tags', encode('ner_tags', flat.tags)],
    ...layerNames.map((l): [string, number[]] => [hfColumn(l), encode(hfColumn(l), layers.get(l)!.tags)]),
  ];
  const base = `${doc.id}@${annotator}`;
  const rows = sents.map((s, n) => {
    const row: Record<string, unknown> = { id: options.unit === 'sentence' ? `${base}#${n + 1}` : base, article_id: doc.id, annotator };
    const slice = tokens.slice(s.firstToken, s.endToken);
    row.tokens = slice.map((t) => t.text);
    row.offsets = slice.map((t) => [t.start, t.end]);
    for (const [col, values] of columns) row[col] = values.slice(s.firstToken, s.endToken);
    return row as unknown as HfRow;
  });
  return { rows, dropped: [...layers.values()].flatMap((l) => l.dropped), lost: tokenLosses(tokens, spans, layers.values(), flat) };
}

/** The export as chunks of JSONL (one row a line), one chunk per document, for streaming; `sink` hears what each document lost. */
export function* hfChunks(docs: Iterable<ExportDoc>, options: HfOptions, sink?: LossSink): Generator<string> {
  for (const doc of docs) {
    const { rows, lost } = hfRows(doc, options);
    sink?.(doc, lost);
    if (rows.length) yield rows.map((r) => jsonLine(r)).join('\n') + '\n';
  }
}
