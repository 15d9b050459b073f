import { eq, max } from 'drizzle-orm';
import { RESERVED_KEYS, type AttributeDef, type ForeignScheme, type ImportLabel, type LabelDef, type User } from '@mbw/shared';
import { labels } from '../db/tables.js';
import { first } from '../db/tx.js';
import { badRequest } from '../http/errors.js';
import { audit, type Tx } from './audit.js';
import { projectLabels } from './projects.js';
import type { ImportLine } from './import-lines.js';
import { declarable, labelKey, type FileAttributes } from './import-summary.js';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export { collectAttributes, labelKey, type FileAttributes } from './import-summary.js';

/**
 * Where each label of the file goes: a key of the project as it is, a
 * project label through `labelMap` (an unknown target is a 400 naming
 * `labelMap.<label>`), or else a new label (the name as written, a key
 * derived from it).
 */
export async function planLabels(tx: Tx, projectId: number, counts: Map<string, number>, labelMap: Record<string, string> = {}, create = true): Promise<ImportLabel[]> {
  const defs = await projectLabels(tx, projectId);
  const keys = new Set(defs.map((l) => l.key));
  for (const [name, key] of Object.entries(labelMap))
    if (!keys.has(key))
      throw badRequest(`Invalid query: labelMap.${name}: "${key}" is not a label of this project (${[...keys].join(', ')})`, {
        issues: [{ path: `labelMap.${name}`, message: `"${key}" is not a label of this project` }],
      });
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

/** Gives every span of a document its project label key (call after planLabels, before the scheme is checked). */
export function relabel(doc: ImportLine['doc'], key: Map<string, string>) {
  for (const s of doc.spans) s.label = key.get(s.label) ?? s.label;
}

/**
 * The new labels the plan asks for, each with the attributes the file's
 * scheme declares for its type (brat's `annotation.conf`: declared values
 * first) and those its spans carry (every value seen; keys that are no
 * identifier stay undeclared and are refused by the scheme check).
 */
export function newLabelDefs(attributes: FileAttributes, planned: ImportLabel[], scheme?: ForeignScheme): LabelDef[] {
  const created = planned.filter((l) => l.action === 'create');
  const declared = new Map((scheme?.labels ?? []).map((l) => [l.name, l.attributes]));
  const values = new Map(created.map((l) => [l.key, new Map((declared.get(l.name) ?? []).filter((a) => declarable(a.key)).map((a) => [a.key, new Set(a.values)]))]));
  for (const l of created)
    for (const [k, vs] of attributes.get(l.name) ?? []) {
      const into = values.get(l.key)!;
      const set = into.get(k) ?? into.set(k, new Set()).get(k)!;
      for (const v of vs) set.add(v);
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
export function dropUndeclarable({ line, doc }: ImportLine, created: Set<string>): Array<{ line: number; where: string; reason: string }> {
  const skipped = new Map<string, { line: number; where: string; reason: string }>();
  for (const s of doc.spans) {
    if (!created.has(s.label)) continue;
    for (const k of Object.keys(s.attributes).filter((x) => !declarable(x))) {
      delete s.attributes[k];
      if (!skipped.has(k)) skipped.set(k, { line, where: doc.id || `document ${line}`, reason: `attribute "${k}" (no identifier, or a reserved name)` });
    }
  }
  return [...skipped.values()];
}

/** Adds the new labels after the project's others. */
export async function createLabels(tx: Tx, actor: User | null, projectId: number, defs: LabelDef[]): Promise<void> {
  if (!defs.length) return;
  const last = await first(tx.select({ p: max(labels.position) }).from(labels).where(eq(labels.projectId, projectId)));
  for (const [i, d] of defs.entries()) {
    await tx.insert(labels).values({ ...d, projectId, position: (last?.p ?? -1) + 1 + i });
    await audit(tx, actor?.id ?? null, 'create', 'label', projectId, { key: d.key, name: d.name, via: 'import' }, { after: d, projectId });
  }
}
