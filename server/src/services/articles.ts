import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import {
  codePointLength,
  normalizeText,
  shortTitle,
  type Article,
  type ArticleDuplicate,
  type ArticleInput,
  type ArticlesImported,
  type ArticleProgress,
  type ArticleSummary,
  type OnDuplicate,
  type User,
} from '@mbw/shared';
import type Database from 'better-sqlite3';
import type { Db } from '../db/client.js';
import { annotations, articles, assignments, users } from '../db/schema.js';
import { badRequest } from '../http/errors.js';
import { isSupervisor } from './access.js';
import { tokensColumn } from './articleTokens.js';
import { audit, type Tx } from './audit.js';

type ArticleRow = typeof articles.$inferSelect;
type NewArticle = typeof articles.$inferInsert;

/** Normalises the inputs (once, here) into rows; a blank text is refused naming its index. */
function articleRows(projectId: number, inputs: ArticleInput[]): NewArticle[] {
  return inputs.map((a, i) => articleRow(projectId, a, i));
}

/**
 * One input as its row (text normalised here, once); a blank text is refused
 * naming its index. `textHash`: the caller already normalised `a.text` and
 * hashed it (an import's first pass), so neither is done again.
 */
export function articleRow(projectId: number, a: ArticleInput, i = 0, textHash?: string): NewArticle {
  const text = textHash === undefined ? normalizeText(a.text) : a.text;
  if (text.trim().length === 0)
    throw badRequest(`Invalid body: articles.${i}.text: must not be blank`, {
      issues: [{ path: `articles.${i}.text`, message: 'must not be blank' }],
    });
  return {
    projectId,
    title: a.title?.trim() || shortTitle(text),
    text,
    textHash: textHash ?? createHash('sha256').update(text).digest('hex'),
    length: codePointLength(text),
    source: a.source ?? null,
    story: a.story ?? null,
    url: a.url ?? null,
    publishedAt: a.publishedAt ?? null,
    externalId: a.externalId ?? null,
  };
}

/** What an import will do with each input: its row, or the duplicate it is and what happens to it. */
export interface ArticlePlan {
  rows: NewArticle[];
  /** Per input: write it (true) or not (skipped). */
  write: boolean[];
  duplicates: ArticleDuplicate[];
  /** Existing articles to delete first (`replace`). */
  replace: number[];
}

/**
 * Finds duplicates by external id or text hash among the project's articles
 * and the earlier inputs. Call it inside the transaction that writes (the
 * answer depends on what the project holds).
 */
export function planArticles(tx: Tx, projectId: number, inputs: ArticleInput[], onDuplicate: OnDuplicate): ArticlePlan {
  const rows = articleRows(projectId, inputs);
  return { rows, ...planArticleKeys(tx, projectId, rows.map((r) => ({ externalId: r.externalId ?? null, textHash: r.textHash })), onDuplicate) };
}

/** A plan without the rows: what each input's keys decide (an import that streams its articles holds only their keys). */
export type ArticleKeyPlan = Omit<ArticlePlan, 'rows'>;

/** planArticles on the inputs' external ids and text hashes alone. */
export function planArticleKeys(tx: Tx, projectId: number, rows: Array<{ externalId: string | null; textHash: string }>, onDuplicate: OnDuplicate): ArticleKeyPlan {
  const existing = tx.select({ id: articles.id, externalId: articles.externalId, textHash: articles.textHash }).from(articles).where(eq(articles.projectId, projectId)).all();
  const byKey = new Map<string, number[]>();
  const push = (key: string, id: number) => byKey.set(key, [...(byKey.get(key) ?? []), id]);
  for (const a of existing) {
    if (a.externalId) push(`id:${a.externalId}`, a.id);
    push(`hash:${a.textHash}`, a.id);
  }
  const earlierKeys = new Map<string, number>();
  const plan: ArticleKeyPlan = { write: [], duplicates: [], replace: [] };
  rows.forEach((row, index) => {
    const keys = [...(row.externalId ? [`id:${row.externalId}`] : []), `hash:${row.textHash}`];
    const articleIds = [...new Set(keys.flatMap((k) => byKey.get(k) ?? []))];
    const earlierKey = keys.find((k) => earlierKeys.has(k));
    const earlier = earlierKey === undefined ? null : earlierKeys.get(earlierKey)!;
    for (const k of keys) if (!earlierKeys.has(k)) earlierKeys.set(k, index);
    if (!articleIds.length && earlier === null) return void plan.write.push(true);
    const reason = keys[0]!.startsWith('id:') && (byKey.has(keys[0]!) || earlierKey === keys[0]) ? 'externalId' : 'text';
    // `replace` replaces the project's articles; a repeat within the import is skipped (the first wins).
    const action = onDuplicate === 'add' ? 'added' : onDuplicate === 'replace' && earlier === null ? 'replaced' : 'skipped';
    plan.write.push(action !== 'skipped');
    if (action === 'replaced') plan.replace.push(...articleIds.filter((id) => !plan.replace.includes(id)));
    plan.duplicates.push({ index, externalId: row.externalId ?? null, reason, articleIds, earlier, action });
  });
  countRemoved(tx, plan);
  return plan;
}

/** The work each replacement deletes, so the answer (and a dry run) can say it. */
function countRemoved(tx: Tx, plan: ArticleKeyPlan) {
  const counted = new Set<number>();
  for (const d of plan.duplicates) {
    if (d.action !== 'replaced') continue;
    const ids = d.articleIds.filter((id) => !counted.has(id));
    ids.forEach((id) => counted.add(id));
    const n = (table: typeof annotations | typeof assignments) =>
      ids.length ? tx.select({ n: count() }).from(table).where(inArray(table.articleId, ids)).get()!.n : 0;
    d.removed = { spans: n(annotations), assignments: n(assignments) };
  }
}

/**
 * Carries out a plan: deletes the replaced articles (their assignments,
 * spans and links go with them) and inserts the rest. Answers, per input,
 * the article created or null (skipped). Call it in the planning transaction.
 */
export function writeArticles(tx: Tx, actor: User | null, projectId: number, plan: ArticlePlan): Array<ArticleSummary | null> {
  removeReplaced(tx, actor, projectId, plan.replace);
  const created = insertArticleRows(tx, plan.rows.filter((_, i) => plan.write[i]));
  auditImportedArticles(tx, actor, projectId, created, plan.duplicates);
  let next = 0;
  return plan.write.map((w) => (w ? summary(created[next++]!, []) : null));
}

/** Deletes the articles a plan replaces (their assignments, spans and links go with them), audited. */
export function removeReplaced(tx: Tx, actor: User | null, projectId: number, ids: number[]) {
  for (const id of ids) {
    const old = tx.delete(articles).where(and(eq(articles.id, id), eq(articles.projectId, projectId))).returning().get();
    if (old) {
      const before = { title: old.title, externalId: old.externalId, textHash: old.textHash };
      audit(tx, actor?.id ?? null, 'delete', 'article', id, { replacedOnImport: true, ...before }, { before, articleId: id, projectId });
    }
  }
}

/** What an insert answers of each article: what its summary and the audit need (not its text or tokens). */
export type CreatedArticle = Pick<ArticleRow, 'id' | 'projectId' | 'title' | 'source' | 'story' | 'externalId' | 'length' | 'textHash'>;

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

/** Inserts article rows (articleRow's), each with its token boundaries (`tokens`: already computed as tokensColumn would, by an import's preparing thread), answering the articles created in order. */
export function insertArticleRows(tx: Tx, rows: NewArticle[]): CreatedArticle[] {
  const insert = articleInsert(tx);
  // token boundaries computed once, as the article is written (articleTokens.ts)
  return rows.map((r) => insert.get(r.projectId, r.title, r.text, r.textHash, r.length, r.source ?? null, r.story ?? null, r.url ?? null, r.publishedAt ?? null, r.externalId ?? null, r.tokens ?? tokensColumn(r.text)) as CreatedArticle);
}

/** The audit entry of articles an import (or a batch of the API) created, and the duplicates it found. */
export function auditImportedArticles(tx: Tx, actor: User | null, projectId: number, created: Array<Pick<ArticleRow, 'id' | 'title' | 'textHash'>>, duplicates: ArticleDuplicate[]) {
  audit(tx, actor?.id ?? null, 'import', 'project', projectId, {
    articleIds: created.map((a) => a.id),
    duplicates: duplicates.map((d) => ({ index: d.index, action: d.action, articleIds: d.articleIds })),
  }, { after: { articles: created.map((a) => ({ id: a.id, title: a.title, textHash: a.textHash })) }, projectId });
}

/**
 * The one write path for articles (seed, API, import): one transaction, all
 * or nothing. Text is normalised here, once; duplicates are handled as
 * `onDuplicate` says (skipped by default).
 */
export function importArticles(db: Db, actor: User | null, projectId: number, inputs: ArticleInput[], onDuplicate: OnDuplicate = 'skip'): ArticlesImported {
  return db.transaction((tx) => {
    const plan = planArticles(tx, projectId, inputs, onDuplicate);
    const created = writeArticles(tx, actor, projectId, plan);
    return {
      articles: created.filter((a): a is ArticleSummary => a !== null),
      skipped: plan.duplicates.filter((d) => d.action === 'skipped').length,
      replaced: plan.duplicates.filter((d) => d.action === 'replaced').length,
      duplicates: plan.duplicates,
    };
  });
}

const summary = (a: CreatedArticle, progress: ArticleProgress[]): ArticleSummary => ({
  id: a.id,
  projectId: a.projectId,
  title: a.title,
  source: a.source,
  story: a.story,
  externalId: a.externalId,
  length: a.length,
  progress,
});

/** A project's articles with each annotator's progress; annotators see only theirs. */
export function listArticles(db: Db, user: User, projectId: number): ArticleSummary[] {
  const mine = isSupervisor(user) ? undefined : eq(assignments.annotatorId, user.id);
  const progressRows = db
    .select({
      articleId: assignments.articleId,
      annotatorId: assignments.annotatorId,
      username: users.username,
      displayName: users.displayName,
      status: assignments.status,
      flagReason: assignments.flagReason,
      flaggedAt: assignments.flaggedAt,
    })
    .from(assignments)
    .innerJoin(articles, eq(articles.id, assignments.articleId))
    .innerJoin(users, eq(users.id, assignments.annotatorId))
    .where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt), mine))
    .orderBy(asc(users.username))
    .all();
  const spanCounts = db
    .select({ articleId: annotations.articleId, annotatorId: annotations.annotatorId, n: count() })
    .from(annotations)
    .innerJoin(articles, eq(articles.id, annotations.articleId))
    .where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt), mine ? eq(annotations.annotatorId, user.id) : undefined))
    .groupBy(annotations.articleId, annotations.annotatorId)
    .all();
  const spans = new Map(spanCounts.map((s) => [`${s.articleId}:${s.annotatorId}`, s.n]));
  const byArticle = new Map<number, ArticleProgress[]>();
  for (const { flagReason, flaggedAt, ...p } of progressRows) {
    const list = byArticle.get(p.articleId) ?? [];
    const flag = flagReason === null ? null : { reason: flagReason, at: flaggedAt! };
    list.push({ ...p, spans: spans.get(`${p.articleId}:${p.annotatorId}`) ?? 0, flag });
    byArticle.set(p.articleId, list);
  }
  const visibleIds = mine ? [...byArticle.keys()] : null;
  if (visibleIds && visibleIds.length === 0) return [];
  return db
    .select()
    .from(articles)
    .where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt), visibleIds ? inArray(articles.id, visibleIds) : undefined))
    .orderBy(asc(articles.id))
    .all()
    .map((a) => summary(a, byArticle.get(a.id) ?? []));
}

export function articleView(a: ArticleRow, myStatus: Article['myStatus']): Article {
  return {
    id: a.id,
    projectId: a.projectId,
    title: a.title,
    text: a.text,
    textHash: a.textHash,
    length: a.length,
    source: a.source,
    story: a.story,
    url: a.url,
    publishedAt: a.publishedAt,
    externalId: a.externalId,
    createdAt: a.createdAt,
    myStatus,
  };
}
