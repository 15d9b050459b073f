import { asc, count, countDistinct, eq, isNotNull } from 'drizzle-orm';
import type { ArchivedProject, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, articles, projects } from '../db/tables.js';
import { managesProject, requireSupervisor } from './access.js';

/** The archived projects this supervisor manages (admins: all), with their articles and spans, for restoring or purging. */
export async function archivedProjects(db: Db, user: User): Promise<ArchivedProject[]> {
  requireSupervisor(user);
  const rows = await db
    .select({
      id: projects.id,
      name: projects.name,
      description: projects.description,
      createdAt: projects.createdAt,
      archivedAt: projects.archivedAt,
      articleCount: countDistinct(articles.id),
      spans: count(annotations.id),
    })
    .from(projects)
    .leftJoin(articles, eq(articles.projectId, projects.id))
    .leftJoin(annotations, eq(annotations.articleId, articles.id))
    .where(isNotNull(projects.archivedAt))
    .groupBy(projects.id)
    .orderBy(asc(projects.id));
  const archived = await db.select().from(projects).where(isNotNull(projects.archivedAt));
  const managed = new Set<number>();
  for (const p of archived) if (await managesProject(db, user, p)) managed.add(p.id);
  return rows.filter((p) => managed.has(p.id)) as ArchivedProject[];
}
