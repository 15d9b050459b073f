/**
 * W3C Web Annotation Data Model, JSON-LD. One `Annotation` per span:
 *
 *   { "@context": ["http://www.w3.org/ns/anno.jsonld", {"mbw": "urn:mbw:vocab#"}],
 *     "id": "urn:mbw:span:s1", "type": "Annotation", "motivation": "classifying",
 *     "creator": {"id": "urn:mbw:user:anna", "type": "Person", "nickname": "anna"},
 *     "mbw:status": "submitted",
 *     "body": [
 *       {"type": "TextualBody", "purpose": "classifying", "value": "attribution"},
 *       {"type": "TextualBody", "purpose": "classifying", "value": "anonymous", "mbw:attribute": "sourceType"},
 *       {"type": "TextualBody", "purpose": "commenting", "value": "the note"} ],
 *     "target": { "source": "urn:mbw:article:a1",
 *       "selector": [
 *         {"type": "TextPositionSelector", "start": 0, "end": 12},
 *         {"type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…"} ] } }
 *
 * - TextPositionSelector counts code points, as the model specifies and as
 *   the workbench stores; prefix and suffix are up to 32 code points.
 * - The label is the classifying body without `mbw:attribute`; each
 *   attribute is a classifying body naming its key in `mbw:attribute`; the
 *   note is a commenting body.
 * - The creator is the annotator; `mbw:status` (an extension property in the
 *   workbench's vocabulary, declared by the `mbw` prefix of the context) is
 *   the status of the annotator's work on the article: `submitted` or
 *   `draft`. It is left out when unknown.
 * - The target source is the article (its IRI under `base`); the article's
 *   own web address, when known, is the target's `scope`.
 * - A relation is a `linking` Annotation whose target is the `from` span's
 *   annotation and whose body is the `to` span's annotation (a
 *   SpecificResource with purpose `linking`) plus a `tagging` TextualBody
 *   with the relation type.
 *
 * `w3cCollectionChunks` streams one `AnnotationCollection` document (id
 * `<base>export` unless given) whose first and only `AnnotationPage` holds
 * every annotation and names its collection in `partOf` as an object
 * (`{id, label}`, as the model's example and the W3C test suite's MUSTs
 * have it); `total` is left out since a stream does not know it.
 */
import { OffsetMap } from '../text.js';
import { jsonLine } from './jsonl.js';
import type { ExportDoc, ExportRelation, ExportSpan, SpanStatus } from './model.js';

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const MBW_VOCAB = 'urn:mbw:vocab#';
const CONTEXT = [W3C_CONTEXT, { mbw: MBW_VOCAB }];
const AFFIX = 32;

export interface W3cOptions {
  /** Prefix of the IRIs minted for articles, spans and users (default `urn:mbw:`). */
  base?: string;
}

interface TextualBody {
  type: 'TextualBody';
  purpose: 'classifying' | 'commenting' | 'tagging';
  value: string;
  'mbw:attribute'?: string;
}

export interface W3cSpanAnnotation {
  '@context'?: unknown;
  id: string;
  type: 'Annotation';
  motivation: 'classifying';
  creator: { id: string; type: 'Person'; nickname: string };
  'mbw:status'?: SpanStatus;
  body: TextualBody[];
  target: {
    source: string;
    scope?: string;
    selector: [
      { type: 'TextPositionSelector'; start: number; end: number },
      { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
    ];
  };
}

export interface W3cRelationAnnotation {
  '@context'?: unknown;
  id: string;
  type: 'Annotation';
  motivation: 'linking';
  target: string;
  body: [{ type: 'SpecificResource'; source: string; purpose: 'linking' }, TextualBody];
}

export type W3cAnnotation = W3cSpanAnnotation | W3cRelationAnnotation;

const iri = (base: string, kind: string, id: string) => `${base}${kind}:${encodeURIComponent(id)}`;

/** The annotations of one article (without `@context`; the collection carries it). */
export function w3cAnnotations(doc: ExportDoc, options: W3cOptions = {}): W3cAnnotation[] {
  const base = options.base ?? 'urn:mbw:';
  const map = new OffsetMap(doc.text);
  const source = iri(base, 'article', doc.id);
  const spanIri = (id: string) => iri(base, 'span', `${doc.id}/${id}`);
  const out: W3cAnnotation[] = doc.spans.map((s: ExportSpan): W3cSpanAnnotation => {
    const body: TextualBody[] = [{ type: 'TextualBody', purpose: 'classifying', value: s.label }];
    for (const [k, v] of Object.entries(s.attributes)) body.push({ type: 'TextualBody', purpose: 'classifying', value: v, 'mbw:attribute': k });
    if (s.note !== null && s.note !== undefined) body.push({ type: 'TextualBody', purpose: 'commenting', value: s.note });
    return {
      id: spanIri(s.id),
      type: 'Annotation',
      motivation: 'classifying',
      creator: { id: iri(base, 'user', s.annotator), type: 'Person', nickname: s.annotator },
      ...(s.status ? { 'mbw:status': s.status } : {}),
      body,
      target: {
        source,
        ...(typeof doc.meta.url === 'string' && doc.meta.url ? { scope: doc.meta.url } : {}),
        selector: [
          { type: 'TextPositionSelector', start: s.start, end: s.end },
          {
            type: 'TextQuoteSelector',
            exact: map.slice(s.start, s.end),
            prefix: map.slice(Math.max(0, s.start - AFFIX), s.start),
            suffix: map.slice(s.end, Math.min(map.codePointLength, s.end + AFFIX)),
          },
        ],
      },
    };
  });
  doc.relations.forEach((r: ExportRelation, i) => {
    out.push({
      id: iri(base, 'relation', `${doc.id}/${i + 1}`),
      type: 'Annotation',
      motivation: 'linking',
      target: spanIri(r.from),
      body: [
        { type: 'SpecificResource', source: spanIri(r.to), purpose: 'linking' },
        { type: 'TextualBody', purpose: 'tagging', value: r.type },
      ],
    });
  });
  return out;
}

/**
 * The export as chunks of one JSON-LD `AnnotationCollection`: the opening,
 * then each article's annotations, then the closing; concatenated they are
 * one JSON document.
 */
export function* w3cCollectionChunks(docs: Iterable<ExportDoc>, options: W3cOptions & { id?: string; label?: string } = {}): Generator<string> {
  const id = options.id ?? `${options.base ?? 'urn:mbw:'}export`;
  const head = { '@context': CONTEXT, id, type: 'AnnotationCollection', label: options.label ?? 'Media Bias Workbench export' };
  yield JSON.stringify(head).slice(0, -1) + `,"first":{"id":${JSON.stringify(`${id}#page1`)},"type":"AnnotationPage","partOf":${JSON.stringify({ id, label: head.label })},"items":[\n`;
  let first = true;
  for (const doc of docs) {
    const annotations = w3cAnnotations(doc, options);
    if (!annotations.length) continue;
    yield (first ? '' : ',\n') + annotations.map((a) => jsonLine(a)).join(',\n');
    first = false;
  }
  yield '\n]}}\n';
}

export interface W3cParsedArticle {
  /** The target source IRI. */
  source: string;
  spans: ExportSpan[];
  relations: ExportRelation[];
}

/**
 * Reads annotations written by this module back (from a collection or a
 * plain array), grouped by article IRI. Span ids are the annotation IRIs;
 * quotes come from the TextQuoteSelector.
 */
export function parseW3cAnnotations(input: unknown): W3cParsedArticle[] {
  const items: unknown[] = Array.isArray(input)
    ? input
    : ((input as { first?: { items?: unknown[] }; items?: unknown[] })?.first?.items ?? (input as { items?: unknown[] })?.items ?? []);
  const articles = new Map<string, W3cParsedArticle>();
  const articleOfSpan = new Map<string, W3cParsedArticle>();
  const links: W3cRelationAnnotation[] = [];
  for (const item of items as W3cAnnotation[]) {
    if (item.motivation === 'linking') {
      links.push(item);
      continue;
    }
    const target = item.target;
    const position = target.selector.find((s) => s.type === 'TextPositionSelector') as { start: number; end: number } | undefined;
    const quote = target.selector.find((s) => s.type === 'TextQuoteSelector') as { exact: string } | undefined;
    if (!position) throw new Error(`annotation ${item.id} has no TextPositionSelector`);
    let article = articles.get(target.source);
    if (!article) articles.set(target.source, (article = { source: target.source, spans: [], relations: [] }));
    const attributes: Record<string, string> = {};
    let label = '';
    let note: string | null = null;
    for (const b of item.body) {
      if (b.purpose === 'commenting') note = b.value;
      else if (b['mbw:attribute'] !== undefined) attributes[b['mbw:attribute']] = b.value;
      else if (b.purpose === 'classifying') label = b.value;
    }
    const span: ExportSpan = { id: item.id, start: position.start, end: position.end, label, annotator: item.creator?.nickname ?? '', attributes, note, quote: quote?.exact ?? '' };
    if (item['mbw:status']) span.status = item['mbw:status'];
    article.spans.push(span);
    articleOfSpan.set(item.id, article);
  }
  for (const l of links) {
    const article = articleOfSpan.get(l.target);
    if (!article) throw new Error(`relation ${l.id} links an unknown annotation`);
    article.relations.push({ from: l.target, to: l.body[0].source, type: l.body[1].value });
  }
  return [...articles.values()];
}
