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
import type { Db } from '../db/client.js';
import { annotations, articles, assignments, users } from '../db/tables.js';
import { insertArticleRows } from '../db/dialect.js';
import { first, lock, transaction } from '../db/tx.js';
import { badRequest } from '../http/errors.js';
import { isSupervisor } from './access.js';
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
export async function planArticles(tx: Tx, projectId: number, inputs: ArticleInput[], onDuplicate: OnDuplicate): Promise<ArticlePlan> {
  const rows = articleRows(projectId, inputs);
  return { rows, ...(await planArticleKeys(tx, projectId, rows.map((r) => ({ externalId: r.externalId ?? null, textHash: r.textHash })), onDuplicate)) };
}

/** A plan without the rows: what each input's keys decide (an import that streams its articles holds only their keys). */
export type ArticleKeyPlan = Omit<ArticlePlan, 'rows'>;

/** planArticles on the inputs' external ids and text hashes alone. */
export async function planArticleKeys(tx: Tx, projectId: number, rows: Array<{ externalId: string | null; textHash: string }>, onDuplicate: OnDuplicate): Promise<ArticleKeyPlan> {
  const existing = await tx.select({ id: articles.id, externalId: articles.externalId, textHash: articles.textHash }).from(articles).where(eq(articles.projectId, projectId));
  const plan = planFromKeys(existing, rows, onDuplicate);
  for (const { duplicate, ids } of replacedWork(plan)) duplicate.removed = { spans: await countOf(tx, annotations, ids), assignments: await countOf(tx, assignments, ids) };
  return plan;
}

/** The plan of `rows` against the project's `existing` articles (no reads; the work removed is counted by the caller, see replacedWork). */
export function planFromKeys(
  existing: Array<{ id: number; externalId: string | null; textHash: string }>,
  rows: Array<{ externalId: string | null; textHash: string }>,
  onDuplicate: OnDuplicate,
): ArticleKeyPlan {
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
  return plan;
}

/**
 * Each replacement with the articles whose work it deletes (those no earlier
 * one counted): the caller sets its `removed` to their spans and
 * assignments, so the answer (and a dry run) can say it.
 */
export function replacedWork(plan: ArticleKeyPlan): Array<{ duplicate: ArticleDuplicate; ids: number[] }> {
  const counted = new Set<number>();
  const out = [];
  for (const duplicate of plan.duplicates) {
    if (duplicate.action !== 'replaced') continue;
    const ids = duplicate.articleIds.filter((id) => !counted.has(id));
    ids.forEach((id) => counted.add(id));
    out.push({ duplicate, ids });
  }
  return out;
}

/** The rows of `table` (spans or assignments) of the articles `ids`. */
async function countOf(tx: Tx, table: typeof annotations | typeof assignments, ids: number[]): Promise<number> {
  return ids.length ? (await first(tx.select({ n: count() }).from(table).where(inArray(table.articleId, ids))))!.n : 0;
}

/**
 * Carries out a plan: deletes the replaced articles (their assignments,
 * spans and links go with them) and inserts the rest. Answers, per input,
 * the article created or null (skipped). Call it in the planning transaction.
 */
export async function writeArticles(tx: Tx, actor: User | null, projectId: number, plan: ArticlePlan): Promise<Array<ArticleSummary | null>> {
  await removeReplaced(tx, actor, projectId, plan.replace);
  const created = await insertArticleRows(tx, plan.rows.filter((_, i) => plan.write[i]));
  await auditImportedArticles(tx, actor, projectId, created, plan.duplicates);
  let next = 0;
  return plan.write.map((w) => (w ? summary(created[next++]!, []) : null));
}

/** Deletes the articles a plan replaces (their assignments, spans and links go with them), audited. */
export async function removeReplaced(tx: Tx, actor: User | null, projectId: number, ids: number[]): Promise<void> {
  for (const id of ids) {
    const old = await first(tx.delete(articles).where(and(eq(articles.id, id), eq(articles.projectId, projectId))).returning());
    if (old) {
      const before = { title: old.title, externalId: old.externalId, textHash: old.textHash };
      await audit(tx, actor?.id ?? null, 'delete', 'article', id, { replacedOnImport: true, ...before }, { before, articleId: id, projectId });
    }
  }
}

/** What an insert answers of each article: what its summary and the audit need (not its text or tokens). */
export type CreatedArticle = Pick<ArticleRow, 'id' | 'projectId' | 'title' | 'source' | 'story' | 'externalId' | 'length' | 'textHash'>;

/** The audit entry of articles an import (or a batch of the API) created, and the duplicates it found. */
export async function auditImportedArticles(tx: Tx, actor: User | null, projectId: number, created: Array<Pick<ArticleRow, 'id' | 'title' | 'textHash'>>, duplicates: ArticleDuplicate[]): Promise<void> {
  await audit(tx, ...importedArticlesEntry(actor, projectId, created, duplicates));
}

/** The arguments of that entry (after the handle). */
export function importedArticlesEntry(actor: User | null, projectId: number, created: Array<Pick<ArticleRow, 'id' | 'title' | 'textHash'>>, duplicates: ArticleDuplicate[]) {
  const data = { articleIds: created.map((a) => a.id), duplicates: duplicates.map((d) => ({ index: d.index, action: d.action, articleIds: d.articleIds })) };
  const change = { after: { articles: created.map((a) => ({ id: a.id, title: a.title, textHash: a.textHash })) }, projectId };
  return [actor?.id ?? null, 'import', 'project', projectId, data, change] as const;
}

/**
 * The one write path for articles (seed, API, import): one transaction, all
 * or nothing. Text is normalised here, once; duplicates are handled as
 * `onDuplicate` says (skipped by default).
 */
export async function importArticles(db: Db | Tx, actor: User | null, projectId: number, inputs: ArticleInput[], onDuplicate: OnDuplicate = 'skip'): Promise<ArticlesImported> {
  return transaction(db, async (tx) => {
    await lock(tx, 'project', projectId);
    const plan = await planArticles(tx, projectId, inputs, onDuplicate);
    const created = await writeArticles(tx, actor, projectId, plan);
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
export async function listArticles(db: Db, user: User, projectId: number): Promise<ArticleSummary[]> {
  const mine = isSupervisor(user) ? undefined : eq(assignments.annotatorId, user.id);
  const progressRows = await db
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
    .orderBy(asc(users.username));
  const spanCounts = await db
    .select({ articleId: annotations.articleId, annotatorId: annotations.annotatorId, n: count() })
    .from(annotations)
    .innerJoin(articles, eq(articles.id, annotations.articleId))
    .where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt), mine ? eq(annotations.annotatorId, user.id) : undefined))
    .groupBy(annotations.articleId, annotations.annotatorId);
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
  const rows = await db
    .select()
    .from(articles)
    .where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt), visibleIds ? inArray(articles.id, visibleIds) : undefined))
    .orderBy(asc(articles.id));
  return rows.map((a) => summary(a, byArticle.get(a.id) ?? []));
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
