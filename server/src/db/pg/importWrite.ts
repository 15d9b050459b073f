/**
 * An import's batch on PostgreSQL (the twin of the SQLite path in
 * services/imports.ts `writeBatch` and services/import-write.ts `writeWork`):
 * the batch's articles in multi-row inserts, then all their assignments, all
 * their spans and all their links in one insert each, every column sent as
 * one array parameter (`unnest`), so no batch comes near PostgreSQL's 65,535
 * bind parameters. Span ids come from the import's time-ordered ids, as on
 * SQLite; rows are the ones SQLite's statements write.
 */
import { sql } from 'drizzle-orm';
import { nowIso } from '../../services/audit.js';
import type { CreatedArticle } from '../../services/articles.js';
import type { ArticleWrite } from '../../services/import-check.js';
import { nextSpanId, workStatuses } from '../../services/import-write.js';
import type { articles } from '../tables.js';
import type { Tx } from '../tx.js';
import type { PgDb } from './client.js';
import { insertArticleRows } from './articles.js';

type NewArticle = typeof articles.$inferInsert;

/** Inserts the batch's articles (`rows`, articleRow's) and then their work; answers the articles created, in order. */
export async function writeImportBatch(tx: Tx, rows: NewArticle[], batch: ArticleWrite[], accounts: Map<string, number>): Promise<CreatedArticle[]> {
  const created = await insertArticleRows(tx, rows);
  const assignment = { article: [] as number[], annotator: [] as number[], status: [] as string[], submittedAt: [] as Array<string | null> };
  const span = { id: [] as string[], article: [] as number[], annotator: [] as number[], label: [] as string[], start: [] as number[], end: [] as number[] };
  const spanText = { quote: [] as string[], attributes: [] as string[], note: [] as Array<string | null>, at: [] as string[] };
  const link = { from: [] as string[], to: [] as string[], type: [] as string[] };
  batch.forEach((a, k) => {
    const articleId = created[k]!.id;
    const status = workStatuses(a, accounts);
    const now = nowIso();
    for (const [annotatorId, s] of status) {
      assignment.article.push(articleId);
      assignment.annotator.push(annotatorId);
      assignment.status.push(s);
      assignment.submittedAt.push(s === 'submitted' ? now : null);
    }
    const newId = new Map<string, string>();
    for (const s of a.spans) {
      const id = nextSpanId();
      newId.set(s.id, id);
      span.id.push(id);
      span.article.push(articleId);
      span.annotator.push(accounts.get(s.annotator)!);
      span.label.push(s.label);
      span.start.push(s.start);
      span.end.push(s.end);
      spanText.quote.push(s.quote);
      spanText.attributes.push(s.attributes);
      spanText.note.push(s.note);
      spanText.at.push(now);
    }
    for (const r of a.relations) {
      link.from.push(newId.get(r.from)!);
      link.to.push(newId.get(r.to)!);
      link.type.push(r.type);
    }
  });
  const run = (query: ReturnType<typeof sql>) => (tx as unknown as PgDb).execute(query);
  const p = sql.param;
  if (assignment.article.length)
    await run(sql`INSERT INTO assignments (article_id, annotator_id, status, submitted_at)
      SELECT * FROM unnest(${p(assignment.article)}::integer[], ${p(assignment.annotator)}::integer[], ${p(assignment.status)}::text[], ${p(assignment.submittedAt)}::text[])`);
  if (span.id.length)
    await run(sql`INSERT INTO annotations (id, article_id, annotator_id, label_key, start, "end", quote, attributes, note, created_at, updated_at)
      SELECT id, article_id, annotator_id, label_key, start, "end", quote, attributes, note, at, at
      FROM unnest(${p(span.id)}::text[], ${p(span.article)}::integer[], ${p(span.annotator)}::integer[], ${p(span.label)}::text[], ${p(span.start)}::integer[], ${p(span.end)}::integer[],
        ${p(spanText.quote)}::text[], ${p(spanText.attributes)}::json[], ${p(spanText.note)}::text[], ${p(spanText.at)}::text[])
        AS s(id, article_id, annotator_id, label_key, start, "end", quote, attributes, note, at)`);
  if (link.from.length)
    await run(sql`INSERT INTO relations (from_id, to_id, type) SELECT * FROM unnest(${p(link.from)}::text[], ${p(link.to)}::text[], ${p(link.type)}::text[])`);
  return created;
}
