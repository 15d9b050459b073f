/**
 * Article writes that only SQLite has (issue 15): the one-row INSERT of an
 * article with its token boundaries (a PostgreSQL twin, db/pg/articles.ts,
 * has the same signature), and the synchronous planning and writing the
 * import worker runs inside its better-sqlite3 transaction
 * (services/imports.ts, SQLite only).
 */
import type Database from 'better-sqlite3';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { OnDuplicate, User } from '@mbw/shared';
import { tokensColumn } from '../../services/articleTokens.js';
import { planFromKeys, replacedWork, type ArticleKeyPlan, type CreatedArticle } from '../../services/articles.js';
import { auditSync } from './audit.js';
import { annotations, articles, assignments } from '../schema.js';
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

/** services/articles.ts's planArticleKeys, synchronous (the import worker's transaction). */
export function planArticleKeysSync(tx: Tx, projectId: number, rows: Array<{ externalId: string | null; textHash: string }>, onDuplicate: OnDuplicate): ArticleKeyPlan {
  const existing = tx.select({ id: articles.id, externalId: articles.externalId, textHash: articles.textHash }).from(articles).where(eq(articles.projectId, projectId)).all();
  const plan = planFromKeys(existing, rows, onDuplicate);
  const n = (table: typeof annotations | typeof assignments, ids: number[]) => (ids.length ? tx.select({ n: count() }).from(table).where(inArray(table.articleId, ids)).get()!.n : 0);
  for (const { duplicate, ids } of replacedWork(plan)) duplicate.removed = { spans: n(annotations, ids), assignments: n(assignments, ids) };
  return plan;
}

/** services/articles.ts's removeReplaced, synchronous (the import worker's transaction). */
export function removeReplacedSync(tx: Tx, actor: User | null, projectId: number, ids: number[]): void {
  for (const id of ids) {
    const old = tx.delete(articles).where(and(eq(articles.id, id), eq(articles.projectId, projectId))).returning().get();
    if (old) {
      const before = { title: old.title, externalId: old.externalId, textHash: old.textHash };
      auditSync(tx, actor?.id ?? null, 'delete', 'article', id, { replacedOnImport: true, ...before }, { before, articleId: id, projectId });
    }
  }
}
