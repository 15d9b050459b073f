/**
 * doccano's sequence-labelling export (JSONL), as its documentation
 * describes it (doccano.github.io/doccano, "Export" of sequence labeling
 * and relation extraction projects): `{"text", "label": [[start, end,
 * "LABEL"], …]}` or `{"text", "entities": [{id, label, start_offset,
 * end_offset}], "relations": [{id, from_id, to_id, type}]}`. Offsets are
 * Python string indices (code points). A `label` list of strings is a text
 * classification and is reported as skipped.
 */
import { emptyRead, isObject, jsonLines, placeSpan, str, type ForeignDoc, type ForeignRead, type SourceFile } from './common.js';

export function readDoccano(file: SourceFile): ForeignRead {
  const read = emptyRead();
  for (const { line, value } of jsonLines(file.text, read)) {
    const text = str(value.text) ?? str(value.data);
    if (text === undefined) {
      read.errors.push({ line, message: 'text: expected a string' });
      continue;
    }
    const annotator = str(value.user) ?? str(value.annotator) ?? 'doccano';
    const doc: ForeignDoc = { line, where: file.name, text, spans: [], relations: [] };
    const id = str(value.id);
    if (id !== undefined) doc.id = id;
    const problems: string[] = [];
    const add = (k: string, sid: string, s: unknown, e: unknown, label: unknown) => {
      const placed = placeSpan(text, Number(s), Number(e));
      if ('error' in placed) return void problems.push(`${k}: ${placed.error}`);
      if (typeof label !== 'string' || !label) return void problems.push(`${k}: no label`);
      doc.spans.push({ id: sid, ...placed, label, annotator });
    };
    const labels = Array.isArray(value.label) ? value.label : [];
    labels.forEach((l, k) => {
      if (Array.isArray(l)) add(`label.${k}`, `l${k}`, l[0], l[1], l[2]);
      else read.skipped.push({ line, where: file.name, reason: `label.${k}: a document label (${JSON.stringify(l)}), not a span` });
    });
    const entities = Array.isArray(value.entities) ? value.entities : [];
    entities.forEach((en, k) => (isObject(en) ? add(`entities.${k}`, `e${str(en.id) ?? k}`, en.start_offset, en.end_offset, en.label) : problems.push(`entities.${k}: expected an object`)));
    const relations = Array.isArray(value.relations) ? value.relations : [];
    relations.forEach((r) => isObject(r) && doc.relations.push({ from: `e${str(r.from_id)}`, to: `e${str(r.to_id)}`, type: str(r.type) ?? '' }));
    if (problems.length) read.errors.push({ line, message: problems.join('; ') });
    else read.docs.push(doc);
  }
  return read;
}
