/**
 * The relation types a file's own scheme declares (brat's `annotation.conf`,
 * `[relations]`): each declared type the file's links use becomes a relation
 * type of the project (key derived from the name), from and to the project
 * labels its argument types go to; a type of that key the project has is
 * kept, extended only to the labels the import creates. Links of
 * undeclared types, or between labels the type does not join, are left out
 * as before (dropForeignLinks).
 */
import type { ForeignScheme, ImportConf, ImportLabel, RelationTypeDef } from '@mbw/shared';
import { labelKey } from './import-labels.js';

const MAX_TYPES = 50;
const same = (a: RelationTypeDef, b: RelationTypeDef) => a.name === b.name && a.from.join() === b.from.join() && a.to.join() === b.to.join();

/**
 * The relation types with the declared ones the upload's links use (`used`),
 * or null when nothing changes; the keys made; and each declared type's key
 * (the links are renamed to it).
 */
export function withDeclaredTypes(
  types: RelationTypeDef[],
  used: Set<string>,
  planned: ImportLabel[],
  scheme: ForeignScheme,
): { types: RelationTypeDef[] | null; keys: string[]; skipped: ImportConf['conflicts']; rename: Map<string, string> } {
  let next = [...types];
  const keys: string[] = [];
  const skipped: ImportConf['conflicts'] = [];
  const rename = new Map<string, string>();
  for (const decl of scheme.relations.filter((r) => used.has(r.type))) {
    const derived = labelKey(decl.type, new Set());
    const old = next.find((t) => t.key === derived);
    // A type the project has already joins its labels as the project says; it is extended to the import's new labels only.
    const ends = (names: string[]) => [...new Set(planned.filter((l) => names.includes(l.name) && (!old || l.action === 'create')).map((l) => l.key))];
    const from = ends(decl.from);
    const to = ends(decl.to);
    rename.set(decl.type, derived);
    if ((!from.length || !to.length) && !old) continue;
    if (!old && next.length >= MAX_TYPES) {
      skipped.push({ line: 0, where: scheme.where, reason: `relation type ${decl.type} not created: a project has at most ${MAX_TYPES} relation types` });
      continue;
    }
    const merged: RelationTypeDef = { key: derived, name: old?.name ?? decl.type.slice(0, 100), from: [...new Set([...(old?.from ?? []), ...from])], to: [...new Set([...(old?.to ?? []), ...to])] };
    next = old ? next.map((t) => (t === old ? merged : t)) : [...next, merged];
    if (!old || !same(merged, old)) keys.push(derived);
  }
  return { types: keys.length ? next : null, keys, skipped, rename };
}
