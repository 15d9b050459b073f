/**
 * Prodigy and spaCy span JSONL (prodi.gy/docs/api-interfaces "ner_manual",
 * spacy.io/api/cli "convert"/`spans`): `{"text", "tokens": [{text, start,
 * end, id}], "spans": [{start, end, label, token_start, token_end}],
 * "answer", "_annotator_id"}`. A span gives character offsets (code
 * points, Python) or, without them, tokens (`token_end` inclusive).
 * Rejected and ignored answers are skipped, as Prodigy's own exports do.
 */
import { emptyRead, isObject, jsonLines, placeSpan, str, type ForeignDoc, type ForeignRead, type SourceFile } from './common.js';

export function readSpacy(file: SourceFile): ForeignRead {
  const read = emptyRead();
  for (const { line, value } of jsonLines(file.text, read)) {
    const text = str(value.text);
    if (text === undefined) {
      read.errors.push({ line, message: 'text: expected a string' });
      continue;
    }
    if (value.answer === 'reject' || value.answer === 'ignore') {
      read.skipped.push({ line, where: file.name, reason: `answer "${value.answer}": not accepted` });
      continue;
    }
    const annotator = str(value._annotator_id) ?? str(value._session_id) ?? str(value.annotator) ?? 'spacy';
    const tokens = Array.isArray(value.tokens) ? value.tokens.filter(isObject) : [];
    const doc: ForeignDoc = { line, where: file.name, text, spans: [], relations: [] };
    const meta = isObject(value.meta) ? value.meta : {};
    const id = str(value.id) ?? str(meta.id);
    if (id !== undefined) doc.id = id;
    const problems: string[] = [];
    (Array.isArray(value.spans) ? value.spans : []).forEach((s, k) => {
      if (!isObject(s)) return void problems.push(`spans.${k}: expected an object`);
      const fromTokens = s.start === undefined && s.token_start !== undefined;
      const start = fromTokens ? tokens[Number(s.token_start)]?.start : s.start;
      const end = fromTokens ? tokens[Number(s.token_end)]?.end : s.end;
      const placed = placeSpan(text, Number(start), Number(end), str(s.text));
      if ('error' in placed) return void problems.push(`spans.${k}: ${placed.error}`);
      const label = str(s.label);
      if (!label) return void problems.push(`spans.${k}.label: expected a string`);
      doc.spans.push({ id: `s${k}`, ...placed, label, annotator: str(s.annotator) ?? annotator });
    });
    if (Array.isArray(value.relations) && value.relations.length)
      read.skipped.push({ line, where: file.name, reason: `${value.relations.length} relations (Prodigy relations are not imported)` });
    if (problems.length) read.errors.push({ line, message: problems.join('; ') });
    else read.docs.push(doc);
  }
  return read;
}
