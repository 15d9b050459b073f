import { and, eq } from 'drizzle-orm';
import type { User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { articles, assignments, projects } from '../db/schema.js';
import { forbidden, notFound } from '../http/errors.js';

/** Supervisors and admins manage projects and see everyone's work. */
export const isSupervisor = (u: User) => u.role === 'supervisor' || u.role === 'admin';

export function requireSupervisor(u: User): void {
  if (!isSupervisor(u)) throw forbidden('Only supervisors may do this.');
}

/** The project, if the user may see it: supervisors all, annotators those they have work in. */
export function projectFor(db: Db, user: User, projectId: number) {
  const project = db.select().from(projects).where(eq(projects.id, projectId)).get();
  if (!project) throw notFound('Project');
  if (isSupervisor(user)) return project;
  const member = db
    .select({ id: assignments.id })
    .from(assignments)
    .innerJoin(articles, eq(articles.id, assignments.articleId))
    .where(and(eq(articles.projectId, projectId), eq(assignments.annotatorId, user.id)))
    .get();
  if (!member) throw forbidden('You have no work in this project.');
  return project;
}

/**
 * The article and the user's own assignment to it. Supervisors reach every
 * article; annotators only those assigned to them (blind annotation is
 * enforced here, not in the page).
 */
export function articleFor(db: Db, user: User, articleId: number) {
  const article = db.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article) throw notFound('Article');
  const assignment =
    db
      .select()
      .from(assignments)
      .where(and(eq(assignments.articleId, articleId), eq(assignments.annotatorId, user.id)))
      .get() ?? null;
  if (!assignment && !isSupervisor(user)) throw forbidden('This article is not assigned to you.');
  return { article, assignment };
}
