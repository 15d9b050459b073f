/**
 * Article writes on PostgreSQL: the twin of db/sqlite/articles.ts's
 * insertArticleRows (SQLite's import writes through its synchronous ones).
 */
import { sql } from 'drizzle-orm';
import { tokensColumn } from '../../services/articleTokens.js';
import type { CreatedArticle } from '../../services/articles.js';
import type { articles } from '../tables.js';
import type { Tx } from '../tx.js';
import type { PgDb } from './client.js';

type NewArticle = typeof articles.$inferInsert;

/**
 * Inserts article rows, each with its token boundaries, answering the
 * articles created in order: one statement, each column one array parameter
 * (`unnest`: no statement to build per row, nowhere near PostgreSQL's 65,535
 * parameters).
 */
export async function insertArticleRows(tx: Tx, rows: NewArticle[]): Promise<CreatedArticle[]> {
  if (!rows.length) return [];
  const col = <T>(f: (r: NewArticle) => T) => sql.param(rows.map(f));
  const { rows: created } = await (tx as unknown as PgDb).execute<CreatedArticle & Record<string, unknown>>(sql`
    INSERT INTO articles (project_id, title, text, text_hash, length, source, story, url, published_at, external_id, tokens)
    SELECT project_id, title, text, text_hash, length, source, story, url, published_at, external_id, tokens
    FROM unnest(${col((r) => r.projectId)}::integer[], ${col((r) => r.title)}::text[], ${col((r) => r.text)}::text[], ${col((r) => r.textHash)}::text[],
      ${col((r) => r.length)}::integer[], ${col((r) => r.source ?? null)}::text[], ${col((r) => r.story ?? null)}::text[], ${col((r) => r.url ?? null)}::text[],
      ${col((r) => r.publishedAt ?? null)}::text[], ${col((r) => r.externalId ?? null)}::text[], ${col((r) => r.tokens ?? tokensColumn(r.text))}::bytea[])
      WITH ORDINALITY AS a(project_id, title, text, text_hash, length, source, story, url, published_at, external_id, tokens, n)
    ORDER BY n
    RETURNING id, project_id AS "projectId", title, source, story, external_id AS "externalId", length, text_hash AS "textHash"`);
  // the ids are drawn in the order of the rows; RETURNING's order is not promised
  return created.sort((a, b) => a.id - b.id);
}
