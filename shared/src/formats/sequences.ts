/**
 * Token formats (CoNLL BIO, Hugging Face) never merge annotators: each
 * (article, annotator) pair is one tag sequence of its own, so different
 * annotators' boundaries are never overlaid. Gold, when a project has it, is
 * one more sequence (annotator `gold`).
 *
 * The annotators of a document: those the document lists (`annotators`: who
 * worked on it, an empty assignment too, whose sequence is then all `O`), in
 * that order, then anyone else with a span, sorted. A document with neither
 * (nobody's counted work) has no sequence: an all-`O` row would claim that
 * someone read the text and found nothing.
 *
 * This module also says what a token sequence loses of each span (see
 * `manifest.ts` for the kinds).
 */
import type { Token } from '../tokens.js';
import { coveredTokens, type BioLayer } from './bio.js';
import type { Loss } from './manifest.js';
import type { ExportDoc, ExportSpan } from './model.js';

export interface AnnotatorSequence {
  annotator: string;
  spans: ExportSpan[];
}

/** One entry per annotator of the document, with that annotator's spans. */
export function annotatorSequences(doc: ExportDoc): AnnotatorSequence[] {
  // one pass over the spans (each annotator's in document order)
  const byAnnotator = new Map<string, ExportSpan[]>();
  for (const s of doc.spans) {
    const list = byAnnotator.get(s.annotator);
    if (list) list.push(s);
    else byAnnotator.set(s.annotator, [s]);
  }
  const listed = new Set((doc.annotators ?? []).map((a) => a.annotator));
  const others = [...byAnnotator.keys()].filter((a) => !listed.has(a)).sort();
  return [...listed, ...others].map((annotator) => ({ annotator, spans: byAnnotator.get(annotator) ?? [] }));
}

/**
 * What one annotator's tag columns lost: `layers` are the columns' results
 * (their `dropped` ids), `flat` the single-column result where there is one.
 */
export function tokenLosses(tokens: Token[], spans: ExportSpan[], layers: Iterable<BioLayer>, flat?: BioLayer): Loss[] {
  const dropped = new Set([...layers].flatMap((l) => l.dropped));
  const flatDropped = new Set(flat?.dropped ?? []);
  const lost: Loss[] = [];
  for (const span of spans) {
    const [first, end] = coveredTokens(tokens, span.start, span.end);
    if (first === end) lost.push({ kind: 'noToken', span });
    else if (dropped.has(span.id)) lost.push({ kind: 'dropped', span });
    else {
      const whole = tokens.slice(first, end).some((t) => t.start >= span.start && t.end <= span.end);
      if (!whole) lost.push({ kind: 'subToken', span });
      else if (tokens[first]!.start !== span.start || tokens[end - 1]!.end !== span.end) lost.push({ kind: 'trimmed', span });
      if (flatDropped.has(span.id)) lost.push({ kind: 'droppedFlat', span });
    }
    if (Object.keys(span.attributes).length) lost.push({ kind: 'attributes', span });
    if (span.note) lost.push({ kind: 'notes', span });
  }
  return lost;
}

/** Token formats write no links. */
export const relationLosses = (doc: ExportDoc): Loss[] => doc.relations.map((relation) => ({ kind: 'relations', relation }));
