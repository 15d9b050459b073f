import { eq } from 'drizzle-orm';
import type { Article, UpdateArticle, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { articles } from '../db/schema.js';
import { articleFor, managedProject } from './access.js';
import { articleView } from './articles.js';
import { audit } from './audit.js';

/** Edits an article's outlet, story or title (supervisors who manage its project); its text never changes. */
export function updateArticleMeta(db: Db, user: User, articleId: number, input: UpdateArticle): Article {
  const { article } = articleFor(db, user, articleId);
  managedProject(db, user, article.projectId);
  const changes: Partial<typeof articles.$inferInsert> = {};
  if (input.source !== undefined) changes.source = input.source || null;
  if (input.story !== undefined) changes.story = input.story || null;
  if (input.title !== undefined) changes.title = input.title;
  return db.transaction((tx) => {
    const row = tx.update(articles).set(changes).where(eq(articles.id, articleId)).returning().get()!;
    const before = { source: article.source, story: article.story, title: article.title };
    const after = { source: row.source, story: row.story, title: row.title };
    audit(tx, user.id, 'update', 'article', articleId, { before, after: changes }, { before, after, articleId, projectId: article.projectId });
    return articleView(row, null);
  });
}
