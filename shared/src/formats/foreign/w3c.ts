/**
 * W3C Web Annotation Data Model (www.w3.org/TR/annotation-model): a single
 * `Annotation`, an array, an `AnnotationPage` (`items`) or an
 * `AnnotationCollection` with its pages embedded (`first.items`, `next`).
 * Annotations hold no text, so the text of each target `source` comes with
 * them: a `.txt` file in the same zip named like the source's last segment
 * (`https://ex.org/doc1` → `doc1.txt`). A span is placed by its
 * `TextPositionSelector` (code points, checked against a
 * `TextQuoteSelector` when both are given) or by its `TextQuoteSelector`
 * (`exact`, disambiguated by `prefix`/`suffix`), refinements followed (see
 * w3cAnnotation.ts). A selector that does not fit its text is refused; an
 * annotation of something else than a text (an image, a whole page, a CSS
 * selector), or of a source whose text did not come, is skipped with its
 * reason, unless no annotation at all could be placed. The label, note,
 * attributes and annotator come from the bodies and the creator
 * (`meaningOf`, `annotatorOf`); `mbw:status` (the workbench's own export)
 * is the status. `linking` annotations become relations.
 */
import { spanStatusSchema } from '../model.js';
import { emptyRead, isObject, str, type ForeignDoc, type ForeignRead, type SourceFile } from './common.js';
import { annotatorOf, lastSegment, meaningOf, placeTarget } from './w3cAnnotation.js';

type Json = Record<string, unknown>;

/**
 * The texts of the upload by the names a target source may give them: the
 * file's path and its last segment, without `.txt`, as written and decoded
 * (`urn:mbw:article:a%2F1` finds `a%2F1.txt` or `a/1.txt`).
 */
function textsByName(files: SourceFile[]): (source: string) => string | undefined {
  const texts = new Map<string, string>();
  for (const f of files.filter((x) => x.name.endsWith('.txt'))) {
    const path = f.name.replace(/\.txt$/, '');
    for (const key of [path, path.replace(/^.*\//, ''), lastSegment(path)]) if (!texts.has(key)) texts.set(key, f.text);
  }
  return (source) => {
    const raw = source.replace(/[#?].*$/, '').replace(/\/$/, '').replace(/^.*:/, '');
    return [lastSegment(source), raw, raw.replace(/^.*\//, '')].map((k) => texts.get(k)).find((t) => t !== undefined);
  };
}

/** The annotations of a document; pages named by IRI only (not embedded) go to `pages`. */
function annotationsOf(value: unknown, pages: Set<string>): Json[] {
  if (Array.isArray(value)) return value.flatMap((v) => annotationsOf(v, pages));
  if (typeof value === 'string') return void pages.add(value), [];
  if (!isObject(value)) return [];
  const type = [value.type].flat();
  if (type.includes('AnnotationCollection')) return [value.first, value.next].flatMap((v) => annotationsOf(v, pages));
  if (type.includes('AnnotationPage')) return [...annotationsOf(value.items, new Set()), ...annotationsOf(value.next, pages)];
  return [value];
}

export function readW3c(files: SourceFile[]): ForeignRead {
  const read = emptyRead();
  const textOf = textsByName(files);
  const docs = new Map<string, ForeignDoc>();
  const links: Array<{ n: number; a: Json }> = [];
  const missing = new Set<string>();
  const pages = new Set<string>();
  let n = 0;
  for (const f of files.filter((x) => !x.name.endsWith('.txt'))) {
    let value: unknown;
    try {
      value = JSON.parse(f.text);
    } catch (e) {
      read.errors.push({ line: n + 1, message: `${f.name}: not valid JSON (${(e as Error).message})` });
      continue;
    }
    for (const a of annotationsOf(value, pages)) {
      n++;
      const name = `annotation ${n} (${str(a.id) ?? 'no id'})`;
      if ([a.motivation].flat().includes('linking')) links.push({ n, a });
      else readAnnotation(a, n, name, textOf, docs, read, missing);
    }
  }
  if (!docs.size && !read.errors.length) read.errors.push({ line: 1, message: nothingPlaced(n, pages, missing, read) });
  readLinks(links, docs, read);
  read.docs.push(...docs.values());
  return read;
}

/** Why no span came of the upload. */
function nothingPlaced(n: number, pages: Set<string>, missing: Set<string>, read: ForeignRead): string {
  if (!n && pages.size) return `the collection's pages are not in the upload (${[...pages].join(', ')}): add each AnnotationPage as a file of the zip`;
  if (!n) return 'no Annotation, AnnotationPage or AnnotationCollection in the upload';
  if (missing.size) return `no annotation could be placed: no text came for ${[...missing].map((s) => JSON.stringify(s)).join(', ')} (add ${[...missing].map((s) => `${lastSegment(s)}.txt`).join(', ')} to a zip with the annotations)`;
  return `no annotation could be placed in a text: ${read.skipped[0]?.reason ?? 'none has a text selector'}`;
}

function readAnnotation(a: Json, n: number, name: string, textOf: (source: string) => string | undefined, docs: Map<string, ForeignDoc>, read: ForeignRead, missing: Set<string>) {
  const placed = placeTarget(a, textOf);
  if ('error' in placed) return void read.errors.push({ line: n, message: `${name}: ${placed.error}` });
  if ('skip' in placed) {
    if (placed.missingText) missing.add(placed.missingText);
    return void read.skipped.push({ line: n, where: name, reason: placed.skip });
  }
  const { source, start, end } = placed;
  const meaning = meaningOf(a);
  const status = spanStatusSchema.safeParse(a['mbw:status']);
  const doc = docs.get(source) ?? { line: n, where: source, id: lastSegment(source), text: textOf(source)!, spans: [], relations: [] };
  docs.set(source, doc);
  doc.spans.push({
    id: str(a.id) ?? `anno${n}`,
    start,
    end,
    label: meaning.label,
    annotator: annotatorOf(a),
    attributes: meaning.attributes,
    ...(meaning.note !== undefined ? { note: meaning.note } : {}),
    ...(status.success ? { status: status.data } : {}),
  });
  if (meaning.unused.length) read.skipped.push({ line: n, where: name, reason: `bodies that are no label, attribute or note: ${meaning.unused.join(', ')}` });
}

/** `linking` annotations: from the target annotation to the `linking` body's source, typed by a tagging body. */
function readLinks(links: Array<{ n: number; a: Json }>, docs: Map<string, ForeignDoc>, read: ForeignRead) {
  const owner = new Map([...docs.values()].flatMap((d) => d.spans.map((s) => [s.id!, d] as const)));
  for (const { n, a } of links) {
    const t = [a.target].flat()[0];
    const target = str(t) ?? (isObject(t) ? str(t.id) ?? str(t.source) : undefined) ?? '';
    const bodies = [a.body].flat().filter(isObject);
    const body = bodies.find((b) => b.purpose === 'linking');
    const tag = bodies.find((b) => b.purpose === 'tagging' || b.purpose === 'classifying');
    const doc = owner.get(target);
    const to = str(body?.source) ?? str(body?.id) ?? '';
    if (!doc || owner.get(to) !== doc) read.skipped.push({ line: n, where: `annotation ${n}`, reason: `link ${str(a.id) ?? ''} does not join two annotations of one text` });
    else doc.relations.push({ from: target, to, type: str(tag?.value) ?? 'linking' });
  }
}
