import { eq, max } from 'drizzle-orm';
import { isReservedKey, RESERVED_KEYS, type AttributeDef, type ForeignScheme, type ImportLabel, type LabelDef, type User } from '@mbw/shared';
import { labels } from '../db/schema.js';
import { badRequest } from '../http/errors.js';
import { audit, type Tx } from './audit.js';
import type { ImportLine } from './import-lines.js';
import { projectLabels } from './projects.js';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const ATTRIBUTE_KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const declarable = (key: string) => ATTRIBUTE_KEY.test(key) && !isReservedKey(key);

/** A label key (lower case letters, digits and `_`, starting with a letter) derived from a name, free in `taken`. */
export function labelKey(name: string, taken: Set<string>): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  let key = ascii.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'label';
  if (!/^[a-z]/.test(key)) key = `l_${key}`;
  key = key.slice(0, 44);
  let candidate = key;
  for (let k = 2; taken.has(candidate); k++) candidate = `${key}_${k}`;
  return candidate;
}

/**
 * Where each label of the file goes: a key of the project as it is, a
 * project label through `labelMap` (an unknown target is a 400 naming
 * `labelMap.<label>`), or else a new label (the name as written, a key
 * derived from it).
 */
export function planLabels(tx: Tx, projectId: number, lines: ImportLine[], labelMap: Record<string, string> = {}, create = true): ImportLabel[] {
  const defs = projectLabels(tx, projectId);
  const keys = new Set(defs.map((l) => l.key));
  for (const [name, key] of Object.entries(labelMap))
    if (!keys.has(key))
      throw badRequest(`Invalid query: labelMap.${name}: "${key}" is not a label of this project (${[...keys].join(', ')})`, {
        issues: [{ path: `labelMap.${name}`, message: `"${key}" is not a label of this project` }],
      });
  const counts = new Map<string, number>();
  for (const { doc } of lines) for (const s of doc.spans) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  // Reserved keys (export fields, Object's properties) are never derived: `Status` becomes `status_2`.
  const taken = new Set([...keys, ...RESERVED_KEYS]);
  return [...counts].map(([name, spans]): ImportLabel => {
    if (Object.hasOwn(labelMap, name)) return { name, spans, action: 'map', key: labelMap[name]! };
    if (keys.has(name)) return { name, spans, action: 'existing', key: name };
    if (!create) return { name, spans, action: 'unknown', key: name };
    const key = labelKey(name, taken);
    taken.add(key);
    return { name, spans, action: 'create', key };
  });
}

/** Gives every span its project label key (call after planLabels, before the scheme is checked). */
export function relabel(lines: ImportLine[], planned: ImportLabel[]) {
  const key = new Map(planned.map((l) => [l.name, l.key]));
  for (const { doc } of lines) for (const s of doc.spans) s.label = key.get(s.label) ?? s.label;
}

/**
 * The new labels the plan asks for, each with the attributes the file's
 * scheme declares for its type (brat's `annotation.conf`: declared values
 * first) and those its spans carry (every value seen; keys that are no
 * identifier stay undeclared and are refused by the scheme check).
 */
export function newLabelDefs(lines: ImportLine[], planned: ImportLabel[], scheme?: ForeignScheme): LabelDef[] {
  const created = planned.filter((l) => l.action === 'create');
  const declared = new Map((scheme?.labels ?? []).map((l) => [l.name, l.attributes]));
  const values = new Map(created.map((l) => [l.key, new Map((declared.get(l.name) ?? []).filter((a) => declarable(a.key)).map((a) => [a.key, new Set(a.values)]))]));
  for (const { doc } of lines)
    for (const s of doc.spans) {
      const attrs = values.get(s.label);
      if (attrs) for (const [k, v] of Object.entries(s.attributes)) if (declarable(k) && v) (attrs.get(k) ?? attrs.set(k, new Set()).get(k)!).add(v);
    }
  return created.map((l, i) => ({
    key: l.key,
    name: l.name.slice(0, 100),
    color: PALETTE[i % PALETTE.length]!,
    hotkey: null,
    description: 'Created by an import',
    guidelines: {},
    attributes: [...values.get(l.key)!].map(([key, vs]): AttributeDef => ({ key, name: key, values: [...vs].slice(0, 500).map((v) => ({ value: v.slice(0, 100), name: v.slice(0, 100) })), required: false })),
  }));
}

/**
 * Attributes of spans going to new labels whose keys cannot be declared (no
 * identifier, or reserved such as `id` or `constructor`): left out of the
 * spans and said so, rather than refusing the file.
 */
export function dropUndeclarable(lines: ImportLine[], planned: ImportLabel[]): Array<{ line: number; where: string; reason: string }> {
  const created = new Set(planned.filter((l) => l.action === 'create').map((l) => l.key));
  const skipped = new Map<string, { line: number; where: string; reason: string }>();
  for (const { line, doc } of lines)
    for (const s of doc.spans) {
      if (!created.has(s.label)) continue;
      for (const k of Object.keys(s.attributes).filter((x) => !declarable(x))) {
        delete s.attributes[k];
        const key = `${line} ${k}`;
        if (!skipped.has(key)) skipped.set(key, { line, where: doc.id || `document ${line}`, reason: `attribute "${k}" (no identifier, or a reserved name)` });
      }
    }
  return [...skipped.values()];
}

/** Adds the new labels after the project's others. */
export function createLabels(tx: Tx, actor: User | null, projectId: number, defs: LabelDef[]) {
  if (!defs.length) return;
  const last = tx.select({ p: max(labels.position) }).from(labels).where(eq(labels.projectId, projectId)).get();
  defs.forEach((d, i) => {
    tx.insert(labels).values({ ...d, projectId, position: (last?.p ?? -1) + 1 + i }).run();
    audit(tx, actor?.id ?? null, 'create', 'label', projectId, { key: d.key, name: d.name, via: 'import' }, { after: d, projectId });
  });
}
