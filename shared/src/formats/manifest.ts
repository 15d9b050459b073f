/**
 * What an export holds and what its format could not represent: the
 * manifest that goes into every zip (`manifest.json`), answers
 * `GET /api/projects/:id/export/manifest`, shows in the export panel before
 * the download and goes to the command line's stderr.
 *
 * Format writers report losses per document through a `LossSink`; the
 * manifest counts them by kind (each lost thing once per kind) and keeps the
 * first few as examples. The kinds:
 *
 * - `trimmed`: a span whose start or end is not a token boundary, written
 *   moved to the tokens (token formats: widened to the words it touches or
 *   narrowed past white space; WebAnno: narrowed past white space).
 * - `subToken`: a span that covers no whole token (part of a word), written
 *   as the whole word(s) it touches (token formats; WebAnno has sub-token
 *   rows and loses nothing).
 * - `dropped`: a span left out because a longer one of the same tag column
 *   (label) by the same annotator overlaps it (LONGEST-WINS, `bio.ts`).
 * - `droppedFlat`: a span kept in its label's column but left out of Hugging
 *   Face's single `ner_tags` column, where labels overlap.
 * - `noToken`: a span covering only white space, left out.
 * - `attributes`, `notes`: spans whose attributes or note the format has no
 *   place for (CoNLL, Hugging Face).
 * - `relations`: links not written (CoNLL, Hugging Face, CSV; brat cannot
 *   link a span to itself; WebAnno loses the links of spans it left out).
 */
import type { ExportDoc, ExportRelation, ExportSpan, SpanStatus } from './model.js';

export const LOSS_KINDS = ['trimmed', 'subToken', 'dropped', 'droppedFlat', 'noToken', 'attributes', 'notes', 'relations'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

/** One thing a format lost: a span, or a relation. */
export type Loss = { kind: LossKind; span: ExportSpan } | { kind: 'relations'; relation: ExportRelation };

/** Where writers report what they lost, once per document. */
export type LossSink = (doc: ExportDoc, lost: readonly Loss[]) => void;

export interface LossExample {
  kind: LossKind;
  article: string;
  /** The span (for a relation: its `from` span). */
  span: string;
  annotator?: string;
  label: string;
  start?: number;
  end?: number;
  quote?: string;
}

export interface ExportManifest {
  format: string;
  source: string;
  status: 'submitted' | 'all';
  /** Articles exported, and those of them with no counted work (text only; no token sequence). */
  articles: number;
  articlesWithoutWork: number;
  spans: number;
  /** Spans by status (drafts appear only with `status=all`). */
  drafts: number;
  relations: number;
  /** Annotators whose work is exported (sorted). */
  annotators: string[];
  lost: Record<LossKind, number>;
  /** The first few losses, to look at. */
  examples: LossExample[];
}

const MAX_EXAMPLES = 10;
const QUOTE_CHARS = 60;

/** Counts documents as they stream past and the losses writers report about them. */
export function manifestTally(head: Pick<ExportManifest, 'format' | 'source' | 'status'>) {
  const m: ExportManifest = {
    ...head,
    articles: 0,
    articlesWithoutWork: 0,
    spans: 0,
    drafts: 0,
    relations: 0,
    annotators: [],
    lost: Object.fromEntries(LOSS_KINDS.map((k) => [k, 0])) as Record<LossKind, number>,
    examples: [],
  };
  const people = new Set<string>();
  const observe = (doc: ExportDoc) => {
    m.articles++;
    m.spans += doc.spans.length;
    m.drafts += doc.spans.filter((s) => s.status === 'draft').length;
    m.relations += doc.relations.length;
    const who = doc.annotators?.map((a) => a.annotator) ?? doc.spans.map((s) => s.annotator);
    if (!who.length && !doc.spans.length) m.articlesWithoutWork++;
    who.forEach((a) => people.add(a));
    doc.spans.forEach((s) => people.add(s.annotator));
  };
  const sink: LossSink = (doc, lost) => {
    for (const loss of lost) {
      m.lost[loss.kind]++;
      if (m.examples.length < MAX_EXAMPLES) m.examples.push(example(doc, loss));
    }
  };
  /** Passes documents through, counting them. */
  function* count(docs: Iterable<ExportDoc>): Generator<ExportDoc> {
    for (const doc of docs) {
      observe(doc);
      yield doc;
    }
  }
  const result = (): ExportManifest => ({ ...m, annotators: [...people].sort(), lost: { ...m.lost }, examples: [...m.examples] });
  return { count, sink, result };
}

function example(doc: ExportDoc, loss: Loss): LossExample {
  if ('relation' in loss) return { kind: loss.kind, article: doc.id, span: loss.relation.from, label: loss.relation.type };
  const s = loss.span;
  const quote = [...s.quote].length > QUOTE_CHARS ? [...s.quote].slice(0, QUOTE_CHARS).join('') + '…' : s.quote;
  return { kind: loss.kind, article: doc.id, span: s.id, annotator: s.annotator, label: s.label, start: s.start, end: s.end, quote };
}

const LOSS_TEXT: Record<LossKind, (n: number) => string> = {
  trimmed: (n) => `${n} ${n === 1 ? 'span' : 'spans'} will be trimmed to token boundaries`,
  subToken: (n) => `${n} ${n === 1 ? 'span covers' : 'spans cover'} part of a word only and will be widened to the whole word`,
  dropped: (n) => `${n} ${n === 1 ? 'span' : 'spans'} dropped as overlapping a longer span of the same label and annotator`,
  droppedFlat: (n) => `${n} ${n === 1 ? 'span' : 'spans'} left out of the single ner_tags column where labels overlap (kept in the label's own column)`,
  noToken: (n) => `${n} ${n === 1 ? 'span covers' : 'spans cover'} only white space and will be dropped`,
  attributes: (n) => `${n} ${n === 1 ? 'span’s attributes' : 'spans’ attributes'} cannot be written in this format`,
  notes: (n) => `${n} ${n === 1 ? 'note' : 'notes'} cannot be written in this format`,
  relations: (n) => `${n} ${n === 1 ? 'link' : 'links'} cannot be written in this format`,
};

/** The manifest in sentences, for the page and the command line: what is exported, then each loss. */
export function describeManifest(m: ExportManifest): { summary: string; losses: string[] } {
  const statusText = m.status === 'all' ? `submitted work and drafts (${m.drafts} draft ${m.drafts === 1 ? 'span' : 'spans'})` : 'submitted work only';
  const without = m.articlesWithoutWork ? `, ${m.articlesWithoutWork} of them with no counted work (text only)` : '';
  const summary =
    `${m.articles} ${m.articles === 1 ? 'article' : 'articles'}${without}; ${m.spans} ${m.spans === 1 ? 'span' : 'spans'} and ` +
    `${m.relations} ${m.relations === 1 ? 'link' : 'links'} by ${m.annotators.length} ${m.annotators.length === 1 ? 'annotator' : 'annotators'}; ${statusText}.`;
  const losses = LOSS_KINDS.filter((k) => m.lost[k] > 0).map((k) => LOSS_TEXT[k](m.lost[k]));
  return { summary, losses };
}

/** The status a span gets from its annotator's assignment status. */
export const spanStatusOf = (assignmentStatus: string): SpanStatus => (assignmentStatus === 'submitted' ? 'submitted' : 'draft');
