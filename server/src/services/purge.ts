import { count, eq, inArray, type SQL } from 'drizzle-orm';
import type { PurgeResult, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { annotations, articles, assignments, goldSpans, projects, relations } from '../db/tables.js';
import { badRequest, conflict, forbidden } from '../http/errors.js';
import { articleFor, managedProject } from './access.js';
import { audit, type Tx } from './audit.js';

/**
 * Permanent deletion (issue 10): only of an archived article or project, only
 * by an admin, and only when `confirmName` repeats the article's title or the
 * project's name exactly. Everything that hangs off it goes in the same
 * transaction (the foreign keys cascade: spans, links, assignments and their
 * events, gold spans and links, curation and its history, rejections,
 * suggestion decisions; for a project also its labels, members and articles);
 * the audit log keeps a `purge` entry with what was deleted.
 */
function requireAdmin(user: User): void {
  if (user.role !== 'admin') throw forbidden('Only admins may delete permanently.');
}

function requireName(actual: string, typed: string, what: string): void {
  if (typed !== actual)
    throw badRequest(`Invalid body: confirmName: does not match the ${what} (type it exactly to delete permanently)`, {
      issues: [{ path: 'confirmName', message: `does not match the ${what}` }],
    });
}

/** What deleting the articles `which` selects takes with it, counted before it goes. */
async function countsOf(tx: Tx, which: SQL): Promise<PurgeResult['deleted']> {
  const ids = tx.select({ id: articles.id }).from(articles).where(which);
  const of = inArray(annotations.articleId, ids);
  const n = async (query: PromiseLike<Array<{ n: number }>>) => (await first(query))!.n;
  return {
    articles: await n(tx.select({ n: count() }).from(articles).where(which)),
    spans: await n(tx.select({ n: count() }).from(annotations).where(of)),
    links: await n(tx.select({ n: count() }).from(relations).innerJoin(annotations, eq(annotations.id, relations.fromId)).where(of)),
    goldSpans: await n(tx.select({ n: count() }).from(goldSpans).where(inArray(goldSpans.articleId, ids))),
    assignments: await n(tx.select({ n: count() }).from(assignments).where(inArray(assignments.articleId, ids))),
  };
}

export function purgeArticle(db: Db, user: User, articleId: number, confirmName: string): Promise<PurgeResult> {
  requireAdmin(user);
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const { article } = await articleFor(tx, user, articleId);
    if (!article.archivedAt) throw conflict('Only an archived article can be deleted permanently: archive it first.');
    requireName(article.title, confirmName, 'article’s title');
    const deleted = await countsOf(tx, eq(articles.id, articleId));
    await tx.delete(articles).where(eq(articles.id, articleId));
    await audit(tx, user.id, 'purge', 'article', articleId, { title: article.title, projectId: article.projectId, deleted }, {
      before: { title: article.title, source: article.source, textHash: article.textHash, archivedAt: article.archivedAt, ...deleted },
      articleId,
      projectId: article.projectId,
    });
    return { kind: 'article', id: articleId, name: article.title, deleted };
  });
}

export function purgeProject(db: Db, user: User, projectId: number, confirmName: string): Promise<PurgeResult> {
  requireAdmin(user);
  return transaction(db, async (tx) => {
    await lock(tx, 'project', projectId);
    const project = await managedProject(tx, user, projectId);
    if (!project.archivedAt) throw conflict('Only an archived project can be deleted permanently: archive it first.');
    requireName(project.name, confirmName, 'project’s name');
    const deleted = await countsOf(tx, eq(articles.projectId, projectId));
    await tx.delete(projects).where(eq(projects.id, projectId));
    await audit(tx, user.id, 'purge', 'project', projectId, { name: project.name, deleted }, { before: { name: project.name, archivedAt: project.archivedAt, ...deleted }, projectId });
    return { kind: 'project', id: projectId, name: project.name, deleted };
  });
}
