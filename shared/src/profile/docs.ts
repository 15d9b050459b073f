/**
 * The bias profile's input from interchange documents (a JSONL export, or
 * the server's export documents of a project), so the command line and the
 * API compute the same figures from the same data:
 *
 * - Lines with the same `id` are one article (an export of the annotators'
 *   work and a gold export may be concatenated).
 * - Counted annotators: those the document lists as `submitted` (or, when
 *   it lists none, everyone with a span), `gold` excepted; their spans
 *   without `draft` ones. These are also the spans of the alpha.
 * - Basis `gold`: the gold spans (annotator `gold`) of articles whose
 *   `meta.curation` is `curated`; other articles fall back to consensus.
 * - Basis `consensus`: majority pre-merge of the counted spans, exactly the
 *   curation's (`groupUnits` with exact boundaries, then `premerge` with
 *   `majority`: more than half of the article's counted annotators).
 * - Basis `<username>`: that annotator's counted spans; articles they have
 *   no counted work on are left out.
 * An article with no basis (no counted annotator, not curated) is left out.
 */
import { groupUnits, premerge, type CurationSpan } from '../curation/units.js';
import type { ExportDoc, ExportSpan } from '../formats/model.js';
import type { ProfileArticle } from './profile.js';

export const GOLD_ANNOTATOR = 'gold';

/** Documents with the same id merged into one (spans and annotators joined, meta combined). */
export function mergeDocsById(docs: Iterable<ExportDoc>): ExportDoc[] {
  const byId = new Map<string, ExportDoc>();
  for (const d of docs) {
    const seen = byId.get(d.id);
    if (!seen) byId.set(d.id, { ...d, spans: [...d.spans], annotators: d.annotators ? [...d.annotators] : undefined });
    else {
      seen.spans.push(...d.spans);
      seen.meta = { ...seen.meta, ...d.meta };
      if (d.annotators) seen.annotators = [...(seen.annotators ?? []), ...d.annotators];
    }
  }
  return [...byId.values()];
}

function counted(d: ExportDoc): { annotators: string[]; spans: ExportSpan[] } {
  const listed = d.annotators?.filter((a) => a.status === 'submitted' && a.annotator !== GOLD_ANNOTATOR).map((a) => a.annotator);
  const annotators = listed ?? [...new Set(d.spans.filter((s) => s.annotator !== GOLD_ANNOTATOR && s.status !== 'draft').map((s) => s.annotator))];
  const who = new Set(annotators);
  return { annotators: [...who].sort(), spans: d.spans.filter((s) => who.has(s.annotator) && s.status !== 'draft') };
}

/** Majority consensus of the counted spans (see the module comment). */
export function consensusSpans(spans: readonly ExportSpan[], annotators: number): Array<Pick<ExportSpan, 'label' | 'start' | 'end' | 'attributes'>> {
  const input: CurationSpan[] = spans.map((s) => ({ id: s.id, annotator: s.annotator, label: s.label, start: s.start, end: s.end, attributes: s.attributes ?? {} }));
  return premerge(groupUnits(input, 'exact'), annotators, { strategy: 'majority' }).map((g) => ({ label: g.label, start: g.start, end: g.end, attributes: g.attributes }));
}

function basisOf(d: ExportDoc, basis: string, work: ReturnType<typeof counted>): { spans: ProfileArticle['spans']; basis: string } | null {
  if (basis === 'gold' && d.meta.curation === 'curated') return { spans: d.spans.filter((s) => s.annotator === GOLD_ANNOTATOR), basis: 'gold' };
  if (basis === 'gold' || basis === 'consensus') return work.annotators.length ? { spans: consensusSpans(work.spans, work.annotators.length), basis: 'consensus' } : null;
  if (!work.annotators.includes(basis)) return null;
  return { spans: work.spans.filter((s) => s.annotator === basis), basis };
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** The profile's articles from documents, over `basis` (`gold`, `consensus` or a username). */
export function profileArticlesFromDocs(docs: Iterable<ExportDoc>, basis: string): ProfileArticle[] {
  const out: ProfileArticle[] = [];
  for (const d of mergeDocsById(docs)) {
    const work = counted(d);
    const chosen = basisOf(d, basis, work);
    if (!chosen) continue;
    out.push({
      id: d.id,
      title: str(d.meta.title) ?? d.id,
      source: str(d.meta.source),
      story: str(d.meta.story),
      text: d.text,
      spans: chosen.spans,
      basis: chosen.basis,
      annotators: work.annotators,
      annotations: work.spans.map((s) => ({ id: s.id, start: s.start, end: s.end, label: s.label, annotator: s.annotator, attributes: s.attributes })),
    });
  }
  return out;
}
