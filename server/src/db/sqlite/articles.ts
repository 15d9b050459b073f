/**
 * Article writes that only SQLite has (issue 15): the one-row INSERT of an
 * article with its token boundaries, prepared once (a PostgreSQL twin,
 * db/pg/articles.ts, has the same signature), and its synchronous form the
 * import's SQLite batches call (services/imports.ts).
 */
import type Database from 'better-sqlite3';
import { tokensColumn } from '../../services/articleTokens.js';
import type { CreatedArticle } from '../../services/articles.js';
import type { articles } from '../schema.js';
import type { Tx } from '../tx.js';

type NewArticle = typeof articles.$inferInsert;

const inserts = new WeakMap<Database.Database, Database.Statement>();

/**
 * One row's INSERT, prepared once per connection: drizzle built a multi-row
 * statement anew for every chunk, which cost imports more than SQLite's writes.
 */
function articleInsert(tx: Tx): Database.Statement {
  const client = (tx as unknown as { session: { client: Database.Database } }).session.client;
  let stmt = inserts.get(client);
  if (!stmt) {
    stmt = client.prepare(
      `INSERT INTO articles (project_id, title, text, text_hash, length, source, story, url, published_at, external_id, tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       RETURNING id, project_id AS projectId, title, source, story, external_id AS externalId, length, text_hash AS textHash`,
    );
    inserts.set(client, stmt);
  }
  return stmt;
}

/** Inserts article rows (articleRow's), each with its token boundaries (`tokens`: already computed as tokensColumn would, by an import's preparing thread), answering the articles created in order (the import worker's, synchronous). */
export function insertArticleRowsSync(tx: Tx, rows: NewArticle[]): CreatedArticle[] {
  const insert = articleInsert(tx);
  // token boundaries computed once, as the article is written (articleTokens.ts)
  return rows.map((r) => insert.get(r.projectId, r.title, r.text, r.textHash, r.length, r.source ?? null, r.story ?? null, r.url ?? null, r.publishedAt ?? null, r.externalId ?? null, r.tokens ?? tokensColumn(r.text)) as CreatedArticle);
}

/** Inserts article rows (articleRow's), each with its token boundaries, answering the articles created in order. */
export async function insertArticleRows(tx: Tx, rows: NewArticle[]): Promise<CreatedArticle[]> {
  return insertArticleRowsSync(tx, rows);
}
