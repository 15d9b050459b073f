import { asc, count, eq, inArray } from 'drizzle-orm';
import { labelSchemeSchema, type LabelDef, type LabelDefInput, type Project, type User } from '@mbw/shared';
import { defaultScheme } from '../../../seeds/scheme.js';
import type { Db } from '../db/client.js';
import { articles, assignments, labels, projects } from '../db/schema.js';
import { audit, type Tx } from './audit.js';
import { isSupervisor } from './access.js';

export function createProject(
  db: Db,
  actor: User | null,
  input: { name: string; description?: string; labels?: LabelDefInput[] },
): Project {
  const scheme = labelSchemeSchema.parse(input.labels ?? defaultScheme);
  return db.transaction((tx) => {
    const p = tx
      .insert(projects)
      .values({ name: input.name, description: input.description ?? '', createdBy: actor?.id ?? null })
      .returning()
      .get();
    tx.insert(labels)
      .values(scheme.map((l, position) => ({ ...l, projectId: p.id, position })))
      .run();
    audit(tx, actor?.id ?? null, 'create', 'project', p.id, { name: p.name, labels: scheme.map((l) => l.key) });
    return { id: p.id, name: p.name, description: p.description, createdAt: p.createdAt, articleCount: 0 };
  });
}

export function listProjects(db: Db, user: User): Project[] {
  const visible = isSupervisor(user)
    ? undefined
    : inArray(
        projects.id,
        db
          .selectDistinct({ id: articles.projectId })
          .from(assignments)
          .innerJoin(articles, eq(articles.id, assignments.articleId))
          .where(eq(assignments.annotatorId, user.id)),
      );
  return db
    .select({
      id: projects.id,
      name: projects.name,
      description: projects.description,
      createdAt: projects.createdAt,
      articleCount: count(articles.id),
    })
    .from(projects)
    .leftJoin(articles, eq(articles.projectId, projects.id))
    .where(visible)
    .groupBy(projects.id)
    .orderBy(asc(projects.id))
    .all();
}

export function projectLabels(db: Tx, projectId: number): LabelDef[] {
  return db
    .select()
    .from(labels)
    .where(eq(labels.projectId, projectId))
    .orderBy(asc(labels.position))
    .all()
    .map((l) => ({
      key: l.key,
      name: l.name,
      color: l.color,
      hotkey: l.hotkey,
      description: l.description,
      guidelines: l.guidelines,
      attributes: l.attributes,
    }));
}
