import { eq } from 'drizzle-orm';
import type { Article, UpdateArticle, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, transaction } from '../db/tx.js';
import { articles } from '../db/tables.js';
import { articleFor, managedProject } from './access.js';
import { articleView } from './articles.js';
import { audit } from './audit.js';

/** Edits an article's outlet, story or title (supervisors who manage its project); its text never changes. */
export async function updateArticleMeta(db: Db, user: User, articleId: number, input: UpdateArticle): Promise<Article> {
  const changes: Partial<typeof articles.$inferInsert> = {};
  if (input.source !== undefined) changes.source = input.source || null;
  if (input.story !== undefined) changes.story = input.story || null;
  if (input.title !== undefined) changes.title = input.title;
  // The reads that decide the write (access, the values before) inside its transaction.
  return transaction(db, async (tx) => {
    const { article } = await articleFor(tx, user, articleId);
    await managedProject(tx, user, article.projectId);
    const row = (await first(tx.update(articles).set(changes).where(eq(articles.id, articleId)).returning()))!;
    const before = { source: article.source, story: article.story, title: article.title };
    const after = { source: row.source, story: row.story, title: row.title };
    await audit(tx, user.id, 'update', 'article', articleId, { before, after: changes }, { before, after, articleId, projectId: article.projectId });
    return articleView(row, null);
  });
}
