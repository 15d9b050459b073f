/**
 * The checks and shapes of one article line that need no database: its
 * scheme problems against the project's labels and link types, its meta as
 * article fields, and the rows of its work as the writer binds them. Shared
 * by the import's second pass and its preparing thread (import-prepared.ts),
 * which runs them off the writer's thread.
 */
import { attributeProblems, relationAllowed, type ArticleInput, type ExportDoc, type LabelDef, type RelationTypeDef } from '@mbw/shared';
import type { ImportLine, LineError } from './import-lines.js';

/** Labels, attributes and link types of a line the project's scheme does not define. */
export function schemeProblem(labels: Map<string, LabelDef>, types: RelationTypeDef[], { line, doc }: Pick<ImportLine, 'line' | 'doc'>): LineError | null {
  const problems = doc.spans.flatMap((s, k) => {
    const label = labels.get(s.label);
    if (!label) return [`spans.${k}.label: "${s.label}" is not a label of this project (${[...labels.keys()].join(', ')}); map it with labelMap`];
    return attributeProblems(label, s.attributes).map(([key, msg]) => `spans.${k}.attributes.${key}: ${msg}`);
  });
  const labelOf = new Map(doc.spans.map((s) => [s.id, s.label]));
  doc.relations.forEach((r, k) => {
    if (!relationAllowed(types, r.type, labelOf.get(r.from)!, labelOf.get(r.to)!))
      problems.push(`relations.${k}.type: "${r.type}" is no link type of this project from ${labelOf.get(r.from)} to ${labelOf.get(r.to)} (${types.map((t) => t.key).join(', ')})`);
  });
  return problems.length ? { line, message: problems.join('; ') } : null;
}

export function stringMeta(meta: ExportDoc['meta']) {
  const s = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return { title: s(meta.title), source: s(meta.source), story: s(meta.story), url: s(meta.url), publishedAt: s(meta.publishedAt) };
}

/** A span as the writer binds it: the attributes already as their JSON. */
export interface WorkSpan {
  id: string;
  annotator: string;
  label: string;
  start: number;
  end: number;
  quote: string;
  attributes: string;
  note: string | null;
}

/**
 * One article to write: its input for the one article write path (text
 * normalised, `textHash` its SHA-256, `tokens` its stored token bounds when
 * already computed), then its work (assignments, spans, links).
 */
export interface ArticleWrite {
  line: number;
  input: ArticleInput;
  textHash?: string;
  tokens?: Buffer;
  work: ImportLine['work'];
  spans: WorkSpan[];
  relations: Array<{ from: string; to: string; type: string }>;
}

/** A checked line (labels mapped) as the article to write. */
export function articleWrite(l: ImportLine): ArticleWrite {
  const { doc } = l;
  return {
    line: l.line,
    input: { text: doc.text, externalId: doc.id || undefined, ...stringMeta(doc.meta) },
    ...(l.textHash === undefined ? {} : { textHash: l.textHash }),
    work: l.work,
    spans: doc.spans.map((s) => ({ id: s.id, annotator: s.annotator, label: s.label, start: s.start, end: s.end, quote: s.quote, attributes: JSON.stringify(s.attributes), note: s.note ?? null })),
    relations: doc.relations.map((r) => ({ from: r.from, to: r.to, type: r.type })),
  };
}
