/**
 * The plain data every export and import format works on: one article with
 * its spans and relations. Offsets are `[start, end)` in Unicode code points
 * of the (NFC, `\n`) article text, as everywhere in the workbench; a format
 * that needs other units (WebAnno TSV: UTF-16) converts at its edge.
 */
import { z } from 'zod';
import { OffsetMap } from '../text.js';

export interface ExportSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  annotator: string;
  attributes: Record<string, string>;
  note?: string | null;
  /** The covered text, `text[start:end]` in Python terms. */
  quote: string;
  /** The annotator's work on the article: `submitted`, or `draft` (assigned or in progress). */
  status?: SpanStatus;
  /** Gold spans only: where the span came from and how it was decided. */
  provenance?: GoldProvenance;
}

export interface GoldProvenance {
  sources: string[];
  annotators: string[];
  decision: 'merged' | 'accepted' | 'edited' | 'added';
  curator: string | null;
  decidedAt: string;
}

export const spanStatusSchema = z.enum(['submitted', 'draft']);
export type SpanStatus = z.infer<typeof spanStatusSchema>;

/** One annotator's work on a document, spans or none (an empty assignment still counts in agreement). */
export interface ExportDocAnnotator {
  annotator: string;
  status: SpanStatus;
}

export interface ExportRelation {
  from: string;
  to: string;
  type: string;
}

export interface ExportDocMeta {
  title?: string;
  source?: string;
  url?: string;
  publishedAt?: string;
  [k: string]: unknown;
}

export interface ExportDoc {
  id: string;
  text: string;
  meta: ExportDocMeta;
  spans: ExportSpan[];
  relations: ExportRelation[];
  /** Who worked on the document (with no span too), when the writer knows it. */
  annotators?: ExportDocAnnotator[];
  /** The project's label keys, when the writer knows them: a label nobody used still counts in agreement. */
  labels?: string[];
  /** The scheme's attribute keys of each label, when the writer knows them: an attribute nobody set still counts in agreement. */
  attributeKeys?: Record<string, string[]>;
  /** The text's token boundaries, `tokenBounds(text)` (the server reads them stored with the article); never written to a file. */
  tokens?: Int32Array;
}

/** Ids from other tools may be numbers (doccano, Label Studio); they become strings. */
const idSchema = z.union([
  z.string().min(1, 'must not be empty').max(200),
  z.number().int().transform((n) => String(n)),
]);

export const exportDocAnnotatorSchema = z.object({ annotator: z.string().min(1).max(100), status: spanStatusSchema });

export const exportSpanSchema = z.object({
  id: idSchema,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  label: z.string().min(1, 'must not be empty').max(100),
  annotator: z.string().min(1, 'must not be empty').max(100),
  attributes: z.record(z.string(), z.string()),
  note: z.string().nullable().optional(),
  quote: z.string(),
  status: spanStatusSchema.optional(),
  provenance: z
    .object({
      sources: z.array(z.string().max(200)),
      annotators: z.array(z.string().max(100)),
      decision: z.enum(['merged', 'accepted', 'edited', 'added']),
      curator: z.string().max(100).nullable(),
      decidedAt: z.string().max(100),
    })
    .optional(),
});

export const exportRelationSchema = z.object({
  from: idSchema,
  to: idSchema,
  type: z.string().min(1, 'must not be empty').max(100),
});

export const exportDocMetaSchema = z.looseObject({
  title: z.string().optional(),
  source: z.string().optional(),
  url: z.string().optional(),
  publishedAt: z.string().optional(),
});

/** A document exactly as the exports write it (every field present). */
export const exportDocSchema = z.object({
  id: idSchema,
  text: z.string(),
  meta: exportDocMetaSchema,
  spans: z.array(exportSpanSchema),
  relations: z.array(exportRelationSchema),
  annotators: z.array(exportDocAnnotatorSchema).optional(),
  labels: z.array(z.string().min(1).max(100)).optional(),
  attributeKeys: z.record(z.string(), z.array(z.string().min(1).max(100))).optional(),
});

/**
 * What the JSONL import accepts: the export shape, with the fields other
 * tools often leave out made optional (`meta`, `relations`, a span's `id`,
 * `attributes` and `quote`). `toExportDoc` fills them in and checks offsets.
 */
export const importDocSchema = z.object({
  /** Optional on import: tools that number nothing still bring articles in. */
  id: idSchema.optional(),
  text: z.string(),
  meta: exportDocMetaSchema.optional(),
  spans: z.array(exportSpanSchema.extend({ id: idSchema.optional(), attributes: z.record(z.string(), z.string()).optional(), quote: z.string().optional() })).optional(),
  relations: z.array(exportRelationSchema).optional(),
  annotators: z.array(exportDocAnnotatorSchema).optional(),
  labels: z.array(z.string().min(1).max(100)).optional(),
  attributeKeys: z.record(z.string(), z.array(z.string().min(1).max(100))).optional(),
  /** On import: the status of every span of the document that names none (default `submitted`). */
  status: spanStatusSchema.optional(),
});
export type ImportDoc = z.infer<typeof importDocSchema>;

export interface DocProblem {
  /** Where in the document, e.g. `spans.3.end`. */
  path: string;
  message: string;
}

/**
 * Checks what a schema cannot: every span lies inside the text, is not empty
 * and its quote (when given) is the text it covers; span ids are unique;
 * relations connect spans of the document.
 */
export function docProblems(doc: {
  text: string;
  spans: Array<{ id?: string; start: number; end: number; quote?: string }>;
  relations: ExportRelation[];
}): DocProblem[] {
  const problems: DocProblem[] = [];
  const map = new OffsetMap(doc.text);
  const length = map.codePointLength;
  const ids = new Set<string>();
  doc.spans.forEach((s, i) => {
    if (s.end > length) problems.push({ path: `spans.${i}.end`, message: `${s.end} is past the end of the text (${length} code points)` });
    else if (s.end <= s.start) problems.push({ path: `spans.${i}.end`, message: `must be greater than start (${s.start})` });
    else if (s.quote !== undefined && map.slice(s.start, s.end) !== s.quote)
      problems.push({ path: `spans.${i}.quote`, message: `does not match the text at ${s.start}–${s.end} (${JSON.stringify(map.slice(s.start, s.end))})` });
    if (s.id !== undefined) {
      if (ids.has(s.id)) problems.push({ path: `spans.${i}.id`, message: `duplicate span id "${s.id}"` });
      ids.add(s.id);
    }
  });
  doc.relations.forEach((r, i) => {
    if (!ids.has(r.from)) problems.push({ path: `relations.${i}.from`, message: `no span with id "${r.from}"` });
    if (!ids.has(r.to)) problems.push({ path: `relations.${i}.to`, message: `no span with id "${r.to}"` });
  });
  return problems;
}

/** The export document of an import one: ids, quotes and defaults filled in, in a fixed key order. */
export function toExportDoc(input: ImportDoc & { id: string }): { doc: ExportDoc } | { problems: DocProblem[] } {
  const spansIn = input.spans ?? [];
  const relations = input.relations ?? [];
  const problems = docProblems({ text: input.text, spans: spansIn, relations: [] });
  if (problems.length) return { problems };
  const map = new OffsetMap(input.text);
  const taken = new Set(spansIn.flatMap((s) => (s.id === undefined ? [] : [s.id])));
  let counter = 0;
  const freshId = () => {
    let id: string;
    do id = `s${++counter}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };
  const spans: ExportSpan[] = spansIn.map((s) => {
    const span: ExportSpan = {
      id: s.id ?? freshId(),
      start: s.start,
      end: s.end,
      label: s.label,
      annotator: s.annotator,
      attributes: s.attributes ?? {},
      quote: s.quote ?? map.slice(s.start, s.end),
    };
    if (s.note !== undefined) span.note = s.note;
    if (s.status !== undefined) span.status = s.status;
    return span;
  });
  const relationProblems = docProblems({ text: input.text, spans, relations }).filter((p) => p.path.startsWith('relations'));
  if (relationProblems.length) return { problems: relationProblems };
  const doc: ExportDoc = { id: input.id, text: input.text, meta: input.meta ?? {}, spans, relations };
  if (input.annotators) doc.annotators = input.annotators;
  if (input.labels) doc.labels = input.labels;
  if (input.attributeKeys) doc.attributeKeys = input.attributeKeys;
  return { doc };
}
