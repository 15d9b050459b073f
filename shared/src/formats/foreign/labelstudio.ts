/**
 * Label Studio exports (labelstud.io/guide/export: "JSON" and "JSON-MIN"),
 * text tasks with `labels` results:
 * - JSON: `[{id, data: {text}, annotations: [{completed_by, was_cancelled,
 *   result: [{id, type: "labels", value: {start, end, text, labels}} |
 *   {type: "relation", from_id, to_id, labels}]}]}]` (older exports say
 *   `completions`); each annotation is one annotator's work.
 * - JSON-MIN: `[{id, text, label: [{start, end, text, labels}], annotator}]`,
 *   one row per annotation; rows of one task become one document.
 * Offsets are placed against the quoted `text` (code points or UTF-16).
 * A task with `data` and no annotations (an import file, or a task nobody
 * annotated) is an article without spans; its `predictions` are skipped.
 */
import { emptyRead, isObject, placeSpan, str, type ForeignDoc, type ForeignRead, type SourceFile } from './common.js';

const who = (v: unknown): string => {
  if (isObject(v)) return str(v.email) ?? `labelstudio-${str(v.id)}`;
  const s = str(v);
  return s === undefined ? 'labelstudio' : /^\d+$/.test(s) ? `labelstudio-${s}` : s;
};

export function readLabelStudio(file: SourceFile): ForeignRead {
  const read = emptyRead();
  let tasks: unknown;
  try {
    tasks = JSON.parse(file.text);
  } catch (e) {
    read.errors.push({ line: 1, message: `not valid JSON (${(e as Error).message})` });
    return read;
  }
  const list = Array.isArray(tasks) ? tasks : [tasks];
  const minRows = new Map<string, ForeignDoc>();
  list.forEach((task, i) => {
    const n = i + 1;
    if (!isObject(task)) return void read.errors.push({ line: n, message: `task ${n}: expected an object` });
    const results = Array.isArray(task.annotations) ? task.annotations : Array.isArray(task.completions) ? task.completions : isObject(task.data) ? [] : null;
    if (Array.isArray(task.predictions) && task.predictions.length)
      read.skipped.push({ line: n, where: `${file.name} task ${str(task.id) ?? n}`, reason: `${task.predictions.length} predictions (a model's suggestions, not annotations)` });
    if (results) readFullTask(file, task, results, n, read);
    else readMinRow(file, task, n, read, minRows);
  });
  read.docs.push(...minRows.values());
  return read;
}

function taskText(task: Record<string, unknown>): string | undefined {
  const data = isObject(task.data) ? task.data : task;
  return str(data.text) ?? Object.values(data).find((v): v is string => typeof v === 'string' && v.length > 0 && !/^\d{4}-\d\d-\d\dT/.test(v));
}

function readFullTask(file: SourceFile, task: Record<string, unknown>, annotations: unknown[], n: number, read: ForeignRead) {
  const text = taskText(task);
  if (text === undefined) return void read.errors.push({ line: n, message: `task ${n}: data.text: expected a string` });
  const doc: ForeignDoc = { line: n, where: `${file.name} task ${str(task.id) ?? n}`, text, spans: [], relations: [], annotators: [] };
  if (str(task.id) !== undefined) doc.id = str(task.id)!;
  const problems: string[] = [];
  annotations.forEach((a, k) => {
    if (!isObject(a)) return void problems.push(`annotations.${k}: expected an object`);
    if (a.was_cancelled === true) return void read.skipped.push({ line: n, where: doc.where, reason: `annotations.${k}: cancelled (skipped) by its annotator` });
    const annotator = who(a.completed_by);
    doc.annotators!.push(annotator);
    const prefix = `a${k}-`;
    (Array.isArray(a.result) ? a.result : []).forEach((r, j) => {
      if (!isObject(r)) return;
      if (r.type === 'relation') return void doc.relations.push({ from: prefix + str(r.from_id), to: prefix + str(r.to_id), type: (Array.isArray(r.labels) && str(r.labels[0])) || 'relation' });
      const p = resultSpan(text, r.value, `annotations.${k}.result.${j}`, read, n, doc.where);
      if ('error' in p) return void problems.push(p.error);
      if (p.span) doc.spans.push({ ...p.span, id: prefix + (str(r.id) ?? `r${j}`), annotator });
    });
  });
  if (problems.length) read.errors.push({ line: n, message: `task ${str(task.id) ?? n}: ${problems.join('; ')}` });
  else read.docs.push(doc);
}

/** A `labels` result as a span; other result types (choices, textarea, rating) are skipped. */
function resultSpan(text: string, value: unknown, path: string, read: ForeignRead, line: number, where: string): { span?: { start: number; end: number; label: string } } | { error: string } {
  if (!isObject(value) || !Array.isArray(value.labels)) {
    read.skipped.push({ line, where, reason: `${path}: not a labels result` });
    return {};
  }
  const placed = placeSpan(text, Number(value.start), Number(value.end), str(value.text));
  if ('error' in placed) return { error: `${path}: ${placed.error}` };
  const label = str(value.labels[0]);
  if (!label) return { error: `${path}.value.labels: no label` };
  if (value.labels.length > 1) read.skipped.push({ line, where, reason: `${path}: labels after the first (${value.labels.slice(1).join(', ')})` });
  return { span: { ...placed, label } };
}

function readMinRow(file: SourceFile, row: Record<string, unknown>, n: number, read: ForeignRead, docs: Map<string, ForeignDoc>) {
  const text = str(row.text);
  if (text === undefined) return void read.errors.push({ line: n, message: `row ${n}: text: expected a string` });
  const key = str(row.id) ?? `row${n}`;
  const doc = docs.get(key) ?? { line: n, where: `${file.name} task ${key}`, id: key, text, spans: [], relations: [], annotators: [] };
  docs.set(key, doc);
  const annotator = who(row.annotator);
  doc.annotators!.push(annotator);
  const field = Object.entries(row).find(([, v]) => Array.isArray(v) && v.some((x) => isObject(x) && Array.isArray(x.labels)));
  const problems: string[] = [];
  (field ? (field[1] as unknown[]) : []).forEach((v, j) => {
    const p = resultSpan(text, v, `${field![0]}.${j}`, read, n, doc.where);
    if ('error' in p) problems.push(p.error);
    else if (p.span) doc.spans.push({ ...p.span, id: `r${n}-${j}`, annotator });
  });
  if (problems.length) read.errors.push({ line: n, message: `row ${n}: ${problems.join('; ')}` });
}
