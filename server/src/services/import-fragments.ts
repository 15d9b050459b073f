/**
 * A discontinuous span of another tool (brat's `T1 Label 0 5;10 15`) comes in
 * as one span per fragment, each linked to the next by a `fragment` link.
 * So that those links are kept, the import gives the project a `fragment`
 * relation type joining the labels its fragments have (extending the type
 * when the project has one), rather than dropping the links.
 */
import { eq } from 'drizzle-orm';
import type { RelationTypeDef, User } from '@mbw/shared';
import { projects } from '../db/schema.js';
import { audit, type Tx } from './audit.js';
import type { ImportLine } from './import-lines.js';

export const FRAGMENT = 'fragment';
const NAME = 'Fragment (the next part of one discontinuous span)';

/**
 * The relation types with `fragment` allowing every link of that type the
 * upload holds (labels already mapped), or null when they allow them already.
 */
export function withFragmentType(types: RelationTypeDef[], lines: ImportLine[]): RelationTypeDef[] | null {
  const labels = new Set<string>();
  for (const { doc } of lines) {
    const label = new Map(doc.spans.map((s) => [s.id, s.label]));
    for (const r of doc.relations) if (r.type === FRAGMENT) [r.from, r.to].forEach((id) => label.has(id) && labels.add(label.get(id)!));
  }
  if (!labels.size) return null;
  const old = types.find((t) => t.key === FRAGMENT);
  const missing = [...labels].filter((l) => !old?.from.includes(l) || !old.to.includes(l));
  if (!missing.length) return null;
  const next: RelationTypeDef = { key: FRAGMENT, name: old?.name ?? NAME, from: [...new Set([...(old?.from ?? []), ...labels])], to: [...new Set([...(old?.to ?? []), ...labels])] };
  return old ? types.map((t) => (t === old ? next : t)) : [...types, next];
}

/** Stores the relation types (after the import's new labels exist), audited with the keys it adds or changes. */
export function saveRelationTypes(tx: Tx, actor: User | null, projectId: number, before: RelationTypeDef[], after: RelationTypeDef[]) {
  tx.update(projects).set({ relationTypes: after }).where(eq(projects.id, projectId)).run();
  const changed = after.filter((t) => JSON.stringify(t) !== JSON.stringify(before.find((o) => o.key === t.key))).map((t) => t.key);
  audit(tx, actor?.id ?? null, 'update', 'project', projectId, { relationTypes: changed.join(', '), via: 'import' }, { before: { relationTypes: before }, after: { relationTypes: after }, projectId });
}
