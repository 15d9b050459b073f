import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, articles, projects } from '../db/schema.js';
import { conflict } from '../http/errors.js';
import { articleFor, managedProject, requireSupervisor } from './access.js';
import { audit, nowIso, type Tx } from './audit.js';

const spansOfArticle = (tx: Tx, articleId: number) =>
  tx.select({ n: count() }).from(annotations).where(eq(annotations.articleId, articleId)).get()!.n;

/**
 * Archives (`archived: true`) or restores an article: archived, it is hidden
 * from annotators and left out of lists, agreement, curation and exports; its
 * spans are kept. Answers the article's id and how many spans it holds.
 */
export function setArticleArchived(db: Db, user: User, articleId: number, archived: boolean) {
  requireSupervisor(user);
  return db.transaction((tx) => {
    const { article } = articleFor(tx, user, articleId);
    if (!!article.archivedAt === archived) throw conflict(archived ? 'This article is archived already.' : 'This article is not archived.');
    const archivedAt = archived ? nowIso() : null;
    tx.update(articles).set({ archivedAt }).where(eq(articles.id, articleId)).run();
    const spans = spansOfArticle(tx, articleId);
    audit(tx, user.id, archived ? 'archive' : 'restore', 'article', articleId, { spans }, {
      before: { archivedAt: article.archivedAt },
      after: { archivedAt: archivedAt },
      articleId,
      projectId: article.projectId,
    });
    return { id: articleId, title: article.title, archived, spans };
  });
}

/** The same for a project: archived, it leaves every list and its annotators see none of it. */
export function setProjectArchived(db: Db, user: User, projectId: number, archived: boolean) {
  return db.transaction((tx) => {
    const project = managedProject(tx, user, projectId);
    if (!!project.archivedAt === archived) throw conflict(archived ? 'This project is archived already.' : 'This project is not archived.');
    const archivedAt = archived ? nowIso() : null;
    tx.update(projects).set({ archivedAt }).where(eq(projects.id, projectId)).run();
    const spans = tx
      .select({ n: count() })
      .from(annotations)
      .innerJoin(articles, eq(articles.id, annotations.articleId))
      .where(eq(articles.projectId, projectId))
      .get()!.n;
    audit(tx, user.id, archived ? 'archive' : 'restore', 'project', projectId, { spans }, { before: { archivedAt: project.archivedAt }, after: { archivedAt }, projectId });
    return { id: projectId, name: project.name, archived, spans };
  });
}

/** A project's archived articles, with their spans, for a supervisor to restore. */
export function archivedArticles(db: Db, user: User, projectId: number) {
  managedProject(db, user, projectId);
  return db
    .select({ id: articles.id, title: articles.title, archivedAt: articles.archivedAt, spans: count(annotations.id) })
    .from(articles)
    .leftJoin(annotations, eq(annotations.articleId, articles.id))
    .where(and(eq(articles.projectId, projectId), isNotNull(articles.archivedAt)))
    .groupBy(articles.id)
    .all() as Array<{ id: number; title: string; archivedAt: string; spans: number }>;
}
