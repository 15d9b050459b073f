/**
 * Article writes on PostgreSQL: the twin of db/sqlite/articles.ts's
 * insertArticleRows (the import worker's synchronous ones stay SQLite's).
 */
import { tokensColumn } from '../../services/articleTokens.js';
import type { CreatedArticle } from '../../services/articles.js';
import { articles } from '../tables.js';
import type { Tx } from '../tx.js';

type NewArticle = typeof articles.$inferInsert;

/** Inserts article rows, each with its token boundaries, answering the articles created in order. */
export async function insertArticleRows(tx: Tx, rows: NewArticle[]): Promise<CreatedArticle[]> {
  const created: CreatedArticle[] = [];
  for (const r of rows) {
    const [row] = await tx
      .insert(articles)
      .values({ ...r, tokens: r.tokens ?? tokensColumn(r.text) })
      .returning({
        id: articles.id,
        projectId: articles.projectId,
        title: articles.title,
        source: articles.source,
        story: articles.story,
        externalId: articles.externalId,
        length: articles.length,
        textHash: articles.textHash,
      });
    created.push(row!);
  }
  return created;
}
