/**
 * WebAnno TSV 3.x files as INCEpTION and WebAnno write them
 * (inception-project.github.io/releases/latest/docs/user-guide.html#sect_webannotsv),
 * one file or a zip of files. Every span layer (`#T_SP=`) is read, or only
 * `layer`; the label is the `feature` asked for, else the `label` feature,
 * else the `value` feature (DKPro's named entities, lemmas), else the first
 * feature with a value, else the layer's short name; the other features
 * become attributes. Relations on a read layer (`#T_RL=`
 * with `BT_<layer>`) become relations; chain layers (`#T_CH=`) are reported
 * as skipped, and so are zero-width annotations (INCEpTION allows them,
 * a span of the workbench covers at least one character). In a project export zip (`annotation/<document>/<user>.tsv`)
 * the user is the annotator, and the users' files of one document make one
 * document.
 */
import { parseWebAnnoTsv } from '../webannoRead.js';
import { emptyRead, type ForeignDoc, type ForeignRead, type SourceFile } from './common.js';

export interface WebAnnoReadOptions {
  layer?: string;
  feature?: string;
}

const shortName = (layer: string) => layer.replace(/^.*\./, '');

/** A file name back to the id it was made from (the export percent-encodes ids). */
const idOf = (key: string) => {
  const b = key.replace(/^.*\//, '').replace(/\.tsv$/, '');
  try {
    return decodeURIComponent(b);
  } catch {
    return b;
  }
};

export function readWebAnno(files: SourceFile[], options: WebAnnoReadOptions = {}): ForeignRead {
  const read = emptyRead();
  const docs = new Map<string, ForeignDoc>();
  files
    .filter((f) => f.name.endsWith('.tsv') || files.length === 1)
    .forEach((f, i) => {
      const path = /(?:^|\/)(?:annotation|curation)\/([^/]+)\/([^/]+)\.tsv$/.exec(f.name);
      const user = path?.[2];
      const key = path?.[1] ?? f.name;
      try {
        const doc = readFile(f, i + 1, options, read);
        const same = docs.get(key);
        if (same && same.text !== doc.text) return void read.errors.push({ line: i + 1, message: `${f.name}: its text differs from another user's file of ${key}` });
        const target = same ?? { ...doc, id: idOf(key), spans: [], relations: [], annotators: [] };
        const prefix = user ? `${user}:` : '';
        for (const s of doc.spans) target.spans.push({ ...s, id: prefix + s.id, annotator: user ?? s.annotator });
        for (const r of doc.relations) target.relations.push({ ...r, from: prefix + r.from, to: prefix + r.to });
        if (user) target.annotators!.push(user);
        docs.set(key, target);
      } catch (e) {
        read.errors.push({ line: i + 1, message: `${f.name}: ${(e as Error).message}` });
      }
    });
  read.docs.push(...docs.values());
  return read;
}

function readFile(f: SourceFile, n: number, options: WebAnnoReadOptions, read: ForeignRead): ForeignDoc {
  const header = f.text.split(/\r\n|\r|\n/, 50).filter((l) => l.startsWith('#T_'));
  const spanLayers = header.filter((l) => l.startsWith('#T_SP=')).map((l) => l.slice(6).split('|')[0]!);
  for (const l of header.filter((x) => x.startsWith('#T_CH='))) read.skipped.push({ line: n, where: f.name, reason: `chain layer ${l.slice(6).split('|')[0]} (chains are not imported)` });
  const layers = options.layer ? [options.layer] : spanLayers;
  if (options.layer && !spanLayers.includes(options.layer)) throw new Error(`layer: "${options.layer}" is not a span layer of this file (${spanLayers.join(', ')})`);
  const doc: ForeignDoc = { line: n, where: f.name, text: '', spans: [], relations: [] };
  layers.forEach((layer, k) => {
    const parsed = parseWebAnnoTsv(f.text, { layer });
    doc.text = parsed.text;
    const id = (s: string) => (layers.length > 1 ? `L${k}-${s}` : s);
    for (const s of parsed.spans) {
      if (s.end <= s.start) {
        read.skipped.push({ line: n, where: f.name, reason: `zero-width ${shortName(layer)} annotation at offset ${s.start} (a span covers at least one character)` });
        continue;
      }
      const chosen = options.feature ? s.attributes[options.feature] : undefined;
      const label = chosen ?? (s.label || shortName(layer));
      // The feature that gave the label is no attribute besides.
      const attributes = { ...s.attributes };
      const from = options.feature ?? ('value' in attributes && attributes.value === label ? 'value' : Object.keys(attributes).find((k) => attributes[k] === label));
      if (from !== undefined) delete attributes[from];
      doc.spans.push({ id: id(s.id), start: s.start, end: s.end, label, annotator: s.annotator || 'webanno', attributes, ...(s.status ? { status: s.status } : {}), ...(s.note ? { note: s.note } : {}) });
    }
    for (const r of parsed.relations) doc.relations.push({ from: id(r.from), to: id(r.to), type: r.type || 'relation' });
  });
  return doc;
}
