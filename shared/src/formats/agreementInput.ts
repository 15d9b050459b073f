/**
 * The agreement report's input from interchange documents (a JSONL export,
 * or a file from another tool), counting exactly what the server counts for
 * the same project (services/agreement.ts), so that the command line and the
 * dashboard give the same numbers:
 *
 * - Labels: the project's label keys when the documents carry them
 *   (`labels`, in the project's order; a label nobody used still counts),
 *   else the labels seen, sorted; their attribute keys (`attributeKeys`)
 *   likewise.
 * - Annotators of a document: those it lists (`annotators`, an empty
 *   assignment too) whose work is submitted, or all of them with `drafts`;
 *   a document that lists none counts everyone with a span there.
 * - Spans: those of counted annotators, without `draft` spans unless
 *   `drafts`. Spans keep their `id` and `attributes`, and documents their
 *   `relations`, for attribute and link agreement.
 * - A document with no counted annotator is left out, as the server leaves
 *   out articles with no counted assignment.
 */
import type { AgreementArticleInput, AgreementInput } from '../agreement/report.js';
import type { ExportDoc, ExportRelation, ExportSpan } from './model.js';

export type AgreementDocInput = AgreementArticleInput & { spans: ExportSpan[]; relations: ExportRelation[] };

export function agreementInputFromDocs(docs: Iterable<ExportDoc>, options: { drafts?: boolean } = {}): AgreementInput & { articles: AgreementDocInput[] } {
  const counts = (status: string | undefined) => options.drafts === true || status !== 'draft';
  const articles: AgreementDocInput[] = [];
  const seen = new Set<string>();
  let projectLabels: Set<string> | null = null;
  let attributeKeys: Record<string, string[]> | undefined;
  for (const d of docs) {
    attributeKeys ??= d.attributeKeys;
    d.spans.forEach((s) => seen.add(s.label));
    if (d.labels) d.labels.forEach((l) => (projectLabels ??= new Set()).add(l));
    const annotators = d.annotators
      ? d.annotators.filter((a) => counts(a.status)).map((a) => a.annotator)
      : [...new Set(d.spans.filter((s) => counts(s.status)).map((s) => s.annotator))];
    if (!annotators.length) continue;
    const who = new Set(annotators);
    const spans = d.spans.filter((s) => who.has(s.annotator) && counts(s.status));
    const ids = new Set(spans.map((s) => s.id));
    const relations = d.relations.filter((r) => ids.has(r.from) && ids.has(r.to));
    articles.push({ id: d.id, ...(typeof d.meta.title === 'string' ? { title: d.meta.title } : {}), text: d.text, annotators, spans, relations });
  }
  return { labels: projectLabels ? [...projectLabels] : [...seen].sort(), ...(attributeKeys ? { attributeKeys } : {}), articles };
}
