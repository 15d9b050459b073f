/**
 * A discontinuous span of another tool (brat's `T1 Label 0 5;10 15`) comes in
 * as one span per fragment, each linked to the next by a `fragment` link.
 * So that those links are kept, the import gives the project a `fragment`
 * relation type joining the labels its fragments have (extending the type
 * when the project has one), rather than dropping the links.
 */
import { eq } from 'drizzle-orm';
import type { RelationTypeDef, User } from '@mbw/shared';
import { projects } from '../db/tables.js';
import { audit, type Tx } from './audit.js';
import { FRAGMENT } from './import-summary.js';

export { collectFragmentEnds, FRAGMENT } from './import-summary.js';
const NAME = 'Fragment (the next part of one discontinuous span)';

/** The labels (project keys) at the ends of the `fragment` links, once types are renamed and labels mapped. */
export function fragmentLabels(ends: Set<string>, rename: Map<string, string>, key: Map<string, string>): Set<string> {
  const labels = new Set<string>();
  for (const end of ends) {
    const [type, name] = end.split('\0') as [string, string];
    if ((rename.get(type) ?? type) === FRAGMENT) labels.add(key.get(name) ?? name);
  }
  return labels;
}

/**
 * The relation types with `fragment` allowing every link of that type the
 * upload holds (`labels`: fragmentLabels), or null when they allow them already.
 */
export function withFragmentType(types: RelationTypeDef[], labels: Set<string>): RelationTypeDef[] | null {
  if (!labels.size) return null;
  const old = types.find((t) => t.key === FRAGMENT);
  const missing = [...labels].filter((l) => !old?.from.includes(l) || !old.to.includes(l));
  if (!missing.length) return null;
  const next: RelationTypeDef = { key: FRAGMENT, name: old?.name ?? NAME, from: [...new Set([...(old?.from ?? []), ...labels])], to: [...new Set([...(old?.to ?? []), ...labels])] };
  return old ? types.map((t) => (t === old ? next : t)) : [...types, next];
}

/** Stores the relation types (after the import's new labels exist), audited with the keys it adds or changes. */
export async function saveRelationTypes(tx: Tx, actor: User | null, projectId: number, before: RelationTypeDef[], after: RelationTypeDef[]): Promise<void> {
  await tx.update(projects).set({ relationTypes: after }).where(eq(projects.id, projectId));
  const changed = after.filter((t) => JSON.stringify(t) !== JSON.stringify(before.find((o) => o.key === t.key))).map((t) => t.key);
  await audit(tx, actor?.id ?? null, 'update', 'project', projectId, { relationTypes: changed.join(', '), via: 'import' }, { before: { relationTypes: before }, after: { relationTypes: after }, projectId });
}
