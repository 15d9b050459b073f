/**
 * Article writes on PostgreSQL: the twin of db/sqlite/articles.ts's
 * insertArticleRows (SQLite's import writes through its synchronous ones).
 */
import { tokensColumn } from '../../services/articleTokens.js';
import type { CreatedArticle } from '../../services/articles.js';
import { articles } from '../tables.js';
import type { Tx } from '../tx.js';

type NewArticle = typeof articles.$inferInsert;

/** Rows per INSERT: 12 parameters each, far below PostgreSQL's 65,535. */
const CHUNK = 1000;

/** Inserts article rows, each with its token boundaries, answering the articles created in order. */
export async function insertArticleRows(tx: Tx, rows: NewArticle[]): Promise<CreatedArticle[]> {
  const created: CreatedArticle[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await tx
      .insert(articles)
      .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, tokens: r.tokens ?? tokensColumn(r.text) })))
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
    // the ids are drawn in the order of the rows; RETURNING's order is not promised
    created.push(...inserted.sort((a, b) => a.id - b.id));
  }
  return created;
}
