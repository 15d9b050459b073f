import { and, asc, countDistinct, eq, inArray, isNull, sql } from 'drizzle-orm';
import { labelSchemeSchema, type LabelDef, type LabelDefInput, type Project, type User } from '@mbw/shared';
import { defaultScheme } from '../../../seeds/scheme.js';
import type { Db } from '../db/client.js';
import { once } from '../db/prepared.js';
import { first, transaction } from '../db/tx.js';
import { articles, assignments, labels, projectMembers, projects } from '../db/tables.js';
import { audit, type Tx } from './audit.js';
import { isSupervisor } from './access.js';
import { relationTypesOf } from './scheme.js';

type ProjectRow = typeof projects.$inferSelect;

export function createProject(
  db: Db,
  actor: User | null,
  input: { name: string; description?: string; labels?: LabelDefInput[] },
): Promise<Project> {
  const scheme = labelSchemeSchema.parse(input.labels ?? defaultScheme);
  return transaction(db, async (tx) => {
    const query = tx
      .insert(projects)
      .values({
        name: input.name,
        description: input.description ?? '',
        createdBy: actor?.id ?? null,
        // The default relation types, kept to the labels the project has.
        relationTypes: relationTypesOf({ relationTypes: null } as ProjectRow, scheme.map((l) => l.key)),
      })
      .returning();
    const p = (await first(query))!;
    await tx.insert(labels).values(scheme.map((l, position) => ({ ...l, projectId: p.id, position })));
    await audit(tx, actor?.id ?? null, 'create', 'project', p.id, { name: p.name, labels: scheme.map((l) => l.key) }, {
      after: { name: p.name, description: p.description, labels: scheme },
      projectId: p.id,
    });
    return { id: p.id, name: p.name, description: p.description, createdAt: p.createdAt, articleCount: 0 };
  });
}

/** Projects the user may see (the rules are in access.ts), each with the number of articles the user may see in it. */
export async function listProjects(db: Db, user: User): Promise<Project[]> {
  const columns = {
    id: projects.id,
    name: projects.name,
    description: projects.description,
    createdAt: projects.createdAt,
    articleCount: countDistinct(articles.id),
  };
  if (isSupervisor(user)) {
    const rows = await db
      .select({ ...columns, createdBy: projects.createdBy })
      .from(projects)
      .leftJoin(articles, and(eq(articles.projectId, projects.id), isNull(articles.archivedAt)))
      .where(isNull(projects.archivedAt))
      .groupBy(projects.id)
      .orderBy(asc(projects.id));
    const mine = await memberProjectIds(db, user.id, 'supervisor');
    return rows
      .filter((p) => user.role === 'admin' || p.createdBy === null || p.createdBy === user.id || mine.has(p.id))
      .map(({ createdBy: _, ...p }) => p);
  }
  // Annotators: projects they have work in, counting only their articles, and those they are members of.
  const worked = await db
    .select(columns)
    .from(assignments)
    .innerJoin(articles, eq(articles.id, assignments.articleId))
    .innerJoin(projects, eq(projects.id, articles.projectId))
    .where(and(eq(assignments.annotatorId, user.id), isNull(articles.archivedAt), isNull(projects.archivedAt)))
    .groupBy(projects.id)
    .orderBy(asc(projects.id));
  const memberOnly = [...(await memberProjectIds(db, user.id))].filter((id) => !worked.some((p) => p.id === id));
  if (memberOnly.length === 0) return worked;
  const extra = (
    await db
      .select({ id: projects.id, name: projects.name, description: projects.description, createdAt: projects.createdAt })
      .from(projects)
      .where(and(inArray(projects.id, memberOnly), isNull(projects.archivedAt)))
  ).map((p) => ({ ...p, articleCount: 0 }));
  return [...worked, ...extra].sort((a, b) => a.id - b.id);
}

async function memberProjectIds(db: Db, userId: number, role?: 'supervisor' | 'annotator'): Promise<Set<number>> {
  const rows = await db
    .select({ id: projectMembers.projectId })
    .from(projectMembers)
    .where(and(eq(projectMembers.userId, userId), role ? eq(projectMembers.role, role) : undefined));
  return new Set(rows.map((r) => r.id));
}

/** A project's labels in their order (`projectId` placeholder): read on every span write, so prepared once per connection (db/prepared.ts). */
export const labelsQuery = (db: Tx) =>
  once(db, 'projects.labels', () => db.select().from(labels).where(eq(labels.projectId, sql.placeholder('projectId'))).orderBy(asc(labels.position)).prepare());

export const labelDefOf = (l: typeof labels.$inferSelect): LabelDef => ({
  key: l.key,
  name: l.name,
  color: l.color,
  hotkey: l.hotkey,
  description: l.description,
  guidelines: l.guidelines,
  attributes: l.attributes,
});

export async function projectLabels(db: Tx, projectId: number): Promise<LabelDef[]> {
  return (await labelsQuery(db).execute({ projectId })).map(labelDefOf);
}
