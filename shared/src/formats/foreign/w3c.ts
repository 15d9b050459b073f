/**
 * W3C Web Annotation Data Model (www.w3.org/TR/annotation-model): a single
 * `Annotation`, an array, an `AnnotationPage` (`items`) or an
 * `AnnotationCollection` with its pages embedded (`first.items`, `next`).
 * Annotations hold no text, so the text of each target `source` comes with
 * them: a `.txt` file in the same zip named like the source's last segment
 * (`https://ex.org/doc1` → `doc1.txt`). A span is placed by its
 * `TextPositionSelector` (code points, checked against a
 * `TextQuoteSelector` when both are given) or by its `TextQuoteSelector`
 * alone (`exact`, disambiguated by `prefix`/`suffix`); what cannot be
 * placed is refused. The label is the `classifying` or `tagging` body (a
 * string body or `value`); `commenting` bodies become the note; the
 * `creator` is the annotator. `linking` annotations become relations.
 */
import { emptyRead, isObject, placeSpan, str, type ForeignDoc, type ForeignRead, type SourceFile } from './common.js';

type Json = Record<string, unknown>;

const lastSegment = (iri: string) => decodeURIComponent(iri.replace(/[#?].*$/, '').replace(/\/$/, '').replace(/^.*[/:]/, '')).replace(/\.txt$/, '');

function annotationsOf(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(annotationsOf);
  if (!isObject(value)) return [];
  const type = [value.type].flat();
  if (type.includes('AnnotationCollection')) return [value.first, value.next].flatMap(annotationsOf);
  if (type.includes('AnnotationPage')) return [...annotationsOf(value.items), ...annotationsOf(value.next)];
  return [value];
}

export function readW3c(files: SourceFile[]): ForeignRead {
  const read = emptyRead();
  const texts = new Map(files.filter((f) => f.name.endsWith('.txt')).map((f) => [lastSegment(f.name), f.text]));
  const docs = new Map<string, ForeignDoc>();
  const links: Array<{ n: number; a: Json }> = [];
  let n = 0;
  for (const f of files.filter((x) => !x.name.endsWith('.txt'))) {
    let value: unknown;
    try {
      value = JSON.parse(f.text);
    } catch (e) {
      read.errors.push({ line: n + 1, message: `${f.name}: not valid JSON (${(e as Error).message})` });
      continue;
    }
    for (const a of annotationsOf(value)) {
      n++;
      if (a.motivation === 'linking') links.push({ n, a });
      else {
        const problem = readAnnotation(a, n, texts, docs, read);
        if (problem) read.errors.push({ line: n, message: `annotation ${n} (${str(a.id) ?? 'no id'}): ${problem}` });
      }
    }
  }
  const owner = new Map([...docs.values()].flatMap((d) => d.spans.map((s) => [s.id!, d] as const)));
  for (const { n, a } of links) {
    const target = str(a.target) ?? str((a.target as Json)?.id) ?? '';
    const body = [a.body].flat().find((b) => isObject(b) && b.purpose === 'linking') as Json | undefined;
    const tag = [a.body].flat().find((b) => isObject(b) && (b.purpose === 'tagging' || b.purpose === 'classifying')) as Json | undefined;
    const doc = owner.get(target);
    const to = str(body?.source) ?? '';
    if (!doc || owner.get(to) !== doc) read.skipped.push({ line: n, where: `annotation ${n}`, reason: `link ${str(a.id) ?? ''} does not join two annotations of one text` });
    else doc.relations.push({ from: target, to, type: str(tag?.value) ?? 'linking' });
  }
  read.docs.push(...docs.values());
  return read;
}

function readAnnotation(a: Json, n: number, texts: Map<string, string>, docs: Map<string, ForeignDoc>, read: ForeignRead): string | null {
  const target = [a.target].flat()[0];
  const source = str(target) ?? (isObject(target) ? str(target.source) : undefined);
  if (!source) return 'target: no source';
  const text = texts.get(lastSegment(source));
  if (text === undefined) return `target.source: no text for ${JSON.stringify(source)} (add ${lastSegment(source)}.txt to a zip with the annotations)`;
  const selectors = isObject(target) ? [target.selector].flat().filter(isObject) : [];
  const placed = placeBySelectors(text, selectors);
  if ('error' in placed) return `target.selector: ${placed.error}`;
  const bodies = [a.body].flat().filter((b) => b !== undefined);
  const label = bodies.map((b) => (typeof b === 'string' ? b : isObject(b) && b.purpose !== 'commenting' ? str(b.value) ?? str(b.id) : undefined)).find(Boolean);
  if (!label) return 'body: no classifying or tagging body gives a label';
  const note = bodies.filter((b) => isObject(b) && b.purpose === 'commenting').map((b) => str((b as Json).value)).join('\n');
  const creator = [a.creator].flat()[0];
  const annotator = str(creator) !== undefined ? lastSegment(str(creator)!) : isObject(creator) ? str(creator.nickname) ?? str(creator.name) ?? 'w3c' : 'w3c';
  const doc = docs.get(source) ?? { line: n, where: source, id: lastSegment(source), text, spans: [], relations: [] };
  docs.set(source, doc);
  doc.spans.push({ id: str(a.id) ?? `anno${n}`, ...placed, label, annotator, ...(note ? { note } : {}) });
  if (bodies.length > 1 + (note ? 1 : 0)) read.skipped.push({ line: n, where: `annotation ${n}`, reason: 'bodies after the label' });
  return null;
}

function placeBySelectors(text: string, selectors: Json[]): { start: number; end: number } | { error: string } {
  const position = selectors.find((s) => s.type === 'TextPositionSelector');
  const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
  if (position) return placeSpan(text, Number(position.start), Number(position.end), str(quote?.exact));
  if (!quote || !str(quote.exact)) return { error: 'no TextPositionSelector or TextQuoteSelector' };
  const chars = [...text];
  const exact = [...str(quote.exact)!];
  const prefix = str(quote.prefix) ?? '';
  const suffix = str(quote.suffix) ?? '';
  const hits: number[] = [];
  for (let i = 0; i + exact.length <= chars.length; i++) {
    if (chars.slice(i, i + exact.length).join('') !== exact.join('')) continue;
    const before = chars.slice(0, i).join('');
    const after = chars.slice(i + exact.length).join('');
    if (before.endsWith(prefix) && after.startsWith(suffix)) hits.push(i);
  }
  if (hits.length !== 1) return { error: `the TextQuoteSelector ${JSON.stringify(str(quote.exact))} matches ${hits.length} places of the text` };
  return { start: hits[0]!, end: hits[0]! + exact.length };
}
