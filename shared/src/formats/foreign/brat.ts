/**
 * brat standoff (brat.nlplab.org/standoff.html): per document a `.txt` and
 * an `.ann` with text-bound annotations `T1\tLabel 0 5;10 15\ttext`,
 * relations `R1\tType Arg1:T1 Arg2:T2`, attributes `A1\tName T1 [Value]`
 * (`M` in old files), notes `#1\tAnnotatorNotes T1\ttext`, events `E`,
 * equivalences `*` and normalisations `N`. Offsets count code points of
 * the `.txt` (brat reads it with Python).
 * - A discontinuous span becomes one span per fragment, linked by
 *   `fragment` relations (`discontinuous: 'split'`), or is refused
 *   (`'refuse'`).
 * - Events, equivalences, normalisations, and attributes or notes on
 *   anything but a text-bound annotation are reported as skipped.
 * - The attributes `annotator` and `status` (as the workbench's brat export
 *   writes them) name the annotator and the status.
 * - An `annotation.conf` in the zip (the one nearest its root) gives the
 *   scheme the file declares (`read.scheme`, see bratConf.ts): span types
 *   with their attributes, relation types; a span it does not declare as it
 *   is stays, and is reported; a conf that cannot be read is skipped.
 */
import { BRAT_ANNOTATOR_ATTRIBUTE, BRAT_STATUS_ATTRIBUTE } from '../brat.js';
import { spanStatusSchema } from '../model.js';
import { admits, parseBratConf, type BratConf } from './bratConf.js';
import { emptyRead, type ForeignDoc, type ForeignRead, type ForeignScheme, type ForeignSpan, type SourceFile } from './common.js';

export interface BratReadOptions {
  discontinuous?: 'split' | 'refuse';
}

const base = (name: string) => name.replace(/\.[^./]*$/, '');

/** A file name back to the id it was made from (the brat export percent-encodes ids). */
const idOf = (name: string) => {
  const b = base(name).replace(/^.*\//, '');
  try {
    return decodeURIComponent(b);
  } catch {
    return b;
  }
};

export function readBrat(files: SourceFile[], options: BratReadOptions = {}): ForeignRead {
  const read = emptyRead();
  const texts = new Map(files.filter((f) => f.name.endsWith('.txt')).map((f) => [base(f.name), f]));
  const anns = files.filter((f) => f.name.endsWith('.ann'));
  if (!anns.length) read.errors.push({ line: 1, message: 'no .ann file: a brat import is a zip of .txt and .ann files' });
  anns.forEach((ann, i) => {
    const txt = texts.get(base(ann.name));
    if (!txt) return void read.errors.push({ line: i + 1, message: `${ann.name}: no ${base(ann.name)}.txt next to it` });
    const doc: ForeignDoc = { line: i + 1, where: ann.name, id: idOf(ann.name), text: txt.text, spans: [], relations: [] };
    const problems = readAnn(ann, doc, read, options);
    if (problems.length) read.errors.push({ line: i + 1, message: `${ann.name}: ${problems.join('; ')}` });
    else read.docs.push(doc);
  });
  readConf(files, read);
  return read;
}

const CONF = /(^|\/)annotation\.conf$/;

/** The scheme of the zip's `annotation.conf` (the one nearest the root), or why it is skipped. */
function readConf(files: SourceFile[], read: ForeignRead) {
  const confs = files.filter((f) => CONF.test(f.name)).sort((a, b) => a.name.split('/').length - b.name.split('/').length || a.name.localeCompare(b.name));
  const [file, ...others] = confs;
  for (const o of others) read.skipped.push({ line: 0, where: o.name, reason: `another annotation.conf: only ${file!.name} is read` });
  if (!file) return;
  const parsed = parseBratConf(file.text);
  if ('error' in parsed) return void read.skipped.push({ line: 0, where: file.name, reason: `annotation.conf not read (${parsed.error}): labels and attributes come from the spans alone` });
  read.scheme = schemeOf(parsed.conf, file.name, read.docs);
}

function schemeOf(conf: BratConf, where: string, docs: ForeignDoc[]): ForeignScheme {
  const concrete = (types: string[]) => types.filter((t) => !conf.abstract.has(t));
  const attributesOf = (type: string) =>
    conf.attributes.filter((a) => a.on.some((on) => admits(conf, on, type))).map((a) => ({ key: a.name, values: a.values ?? ['true', 'false'] }));
  const labels = [...concrete(conf.entities).map((name) => ({ name, attributes: attributesOf(name) })), ...concrete(conf.events).filter((e) => !conf.entities.includes(e)).map((name) => ({ name, attributes: [] }))];
  const declared = new Map(labels.map((l) => [l.name, new Map(l.attributes.map((a) => [a.key, a.values]))]));
  const used = new Set<string>();
  const conflicts = new Map<string, { line: number; where: string; reason: string }>();
  const conflict = (doc: ForeignDoc, span: ForeignSpan, reason: string) => conflicts.has(reason) || conflicts.set(reason, { line: doc.line, where: `${doc.where} ${span.id?.replace(/\.\d+$/, '')}`, reason });
  for (const doc of docs)
    for (const s of doc.spans) {
      used.add(s.label);
      const attrs = declared.get(s.label);
      if (!attrs) conflict(doc, s, `type ${s.label} is not declared in annotation.conf (its spans are kept)`);
      for (const [key, value] of Object.entries(s.attributes ?? {})) {
        const values = attrs?.get(key);
        if (attrs && !values) conflict(doc, s, `attribute ${key} of ${s.label} is not declared in annotation.conf (kept, added to the label)`);
        else if (values && !values.includes(value)) conflict(doc, s, `value "${value}" of attribute ${key} (${s.label}) is not declared in annotation.conf (${values.join('|')}; kept, added to the attribute)`);
      }
    }
  const ends = (argTypes: string[]) => labels.filter((l) => argTypes.some((a) => admits(conf, a, l.name))).map((l) => l.name);
  const relations = conf.relations.map((r) => ({ type: r.type, from: ends(r.from), to: ends(r.to) }));
  return { where, labels, relations, unused: labels.filter((l) => !used.has(l.name)).map((l) => l.name), conflicts: [...conflicts.values()] };
}

function readAnn(ann: SourceFile, doc: ForeignDoc, read: ForeignRead, options: BratReadOptions): string[] {
  const problems: string[] = [];
  const chars = [...doc.text];
  const spans = new Map<string, ForeignSpan[]>();
  const later: Array<() => void> = [];
  const skip = (n: number, reason: string) => read.skipped.push({ line: doc.line, where: `${ann.name} line ${n}`, reason });
  ann.text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const n = i + 1;
    if (!line.trim()) return;
    const [id = '', data = '', quote] = line.split('\t');
    const kind = id[0];
    if (kind === 'T') {
      const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(data);
      if (!m) return void problems.push(`line ${n}: bad text-bound annotation "${data}"`);
      const frags = m[2]!.split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      if (frags.some(([s, e]) => e <= s || e > chars.length)) return void problems.push(`line ${n}: offsets ${m[2]} are outside the text`);
      const covered = frags.map(([s, e]) => chars.slice(s, e).join(''));
      if (quote !== undefined && quote !== covered.join(' ')) return void problems.push(`line ${n}: "${quote}" is not the covered text "${covered.join(' ')}"`);
      if (frags.length > 1 && options.discontinuous === 'refuse') return void problems.push(`line ${n}: ${id} is discontinuous (${m[2]}) and discontinuous spans are refused`);
      const parts = frags.map(([start, end], k) => ({ id: frags.length > 1 ? `${id}.${k + 1}` : id, start, end, label: m[1]!, annotator: 'brat', attributes: {} }));
      for (let k = 1; k < parts.length; k++) doc.relations.push({ from: parts[k - 1]!.id!, to: parts[k]!.id!, type: 'fragment' });
      spans.set(id, parts);
    } else if (kind === 'A' || kind === 'M') {
      const [name = '', target = '', value = 'true'] = data.split(' ');
      later.push(() => {
        const parts = spans.get(target);
        if (!parts) return skip(n, `attribute ${name} of ${target} (not a text-bound annotation)`);
        for (const p of parts) setAttribute(p, name, value);
      });
    } else if (kind === 'R') {
      const m = /^(\S+) \S+?:(\S+) \S+?:(\S+)$/.exec(data.trim());
      if (!m) return void problems.push(`line ${n}: bad relation "${data}"`);
      later.push(() => {
        const from = spans.get(m[2]!)?.[0];
        const to = spans.get(m[3]!)?.[0];
        if (!from || !to) return skip(n, `relation ${id} between ${m[2]} and ${m[3]} (not both text-bound annotations)`);
        doc.relations.push({ from: from.id!, to: to.id!, type: m[1]! });
      });
    } else if (kind === '#') {
      const target = data.split(' ')[1] ?? '';
      later.push(() => {
        const parts = spans.get(target);
        if (!parts) return skip(n, `note ${id} on ${target} (not a text-bound annotation)`);
        if (!data.startsWith('AnnotatorNotes ')) return skip(n, `note ${id} (${data.split(' ')[0]}) on ${target}: only AnnotatorNotes become a span's note`);
        for (const p of parts) p.note = quote ?? '';
      });
    } else if (kind === 'E') skip(n, `event ${id} (${data.split(' ')[0]}): events are not imported (their trigger is)`);
    else if (kind === '*') skip(n, `equivalence ${data}`);
    else if (kind === 'N') skip(n, `normalisation ${id} (${data})`);
    else problems.push(`line ${n}: unknown annotation id "${id}"`);
  });
  later.forEach((f) => f());
  doc.spans = [...spans.values()].flat();
  return problems;
}

function setAttribute(span: ForeignSpan, name: string, value: string) {
  if (name === BRAT_ANNOTATOR_ATTRIBUTE) span.annotator = value;
  else if (name === BRAT_STATUS_ATTRIBUTE && spanStatusSchema.safeParse(value).success) span.status = value as 'submitted' | 'draft';
  else span.attributes = { ...span.attributes, [name]: value };
}
