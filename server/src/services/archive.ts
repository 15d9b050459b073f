import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { annotations, articles, projects } from '../db/tables.js';
import { conflict } from '../http/errors.js';
import { articleFor, managedProject, requireSupervisor } from './access.js';
import { audit, nowIso, type Tx } from './audit.js';

const spansOfArticle = async (tx: Tx, articleId: number) =>
  (await first(tx.select({ n: count() }).from(annotations).where(eq(annotations.articleId, articleId))))!.n;

/**
 * Archives (`archived: true`) or restores an article: archived, it is hidden
 * from annotators and left out of lists, agreement, curation and exports; its
 * spans are kept. Answers the article's id and how many spans it holds.
 */
export function setArticleArchived(db: Db, user: User, articleId: number, archived: boolean) {
  requireSupervisor(user);
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const { article } = await articleFor(tx, user, articleId);
    if (!!article.archivedAt === archived) throw conflict(archived ? 'This article is archived already.' : 'This article is not archived.');
    const archivedAt = archived ? nowIso() : null;
    await tx.update(articles).set({ archivedAt }).where(eq(articles.id, articleId));
    const spans = await spansOfArticle(tx, articleId);
    await audit(tx, user.id, archived ? 'archive' : 'restore', 'article', articleId, { spans }, {
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
  return transaction(db, async (tx) => {
    await lock(tx, 'project', projectId);
    const project = await managedProject(tx, user, projectId);
    if (!!project.archivedAt === archived) throw conflict(archived ? 'This project is archived already.' : 'This project is not archived.');
    const archivedAt = archived ? nowIso() : null;
    await tx.update(projects).set({ archivedAt }).where(eq(projects.id, projectId));
    const spans = (await first(
      tx
        .select({ n: count() })
        .from(annotations)
        .innerJoin(articles, eq(articles.id, annotations.articleId))
        .where(eq(articles.projectId, projectId)),
    ))!.n;
    await audit(tx, user.id, archived ? 'archive' : 'restore', 'project', projectId, { spans }, { before: { archivedAt: project.archivedAt }, after: { archivedAt }, projectId });
    return { id: projectId, name: project.name, archived, spans };
  });
}

/** A project's archived articles, with their spans, for a supervisor to restore. */
export async function archivedArticles(db: Db, user: User, projectId: number) {
  await managedProject(db, user, projectId);
  return (await db
    .select({ id: articles.id, title: articles.title, archivedAt: articles.archivedAt, spans: count(annotations.id) })
    .from(articles)
    .leftJoin(annotations, eq(annotations.articleId, articles.id))
    .where(and(eq(articles.projectId, projectId), isNotNull(articles.archivedAt)))
    .groupBy(articles.id)) as Array<{ id: number; title: string; archivedAt: string; spans: number }>;
}
