import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import {
  codePointLength,
  normalizeText,
  shortTitle,
  type Article,
  type ArticleInput,
  type ArticleProgress,
  type ArticleSummary,
  type User,
} from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, articles, assignments, users } from '../db/schema.js';
import { badRequest } from '../http/errors.js';
import { isSupervisor } from './access.js';
import { audit } from './audit.js';

type ArticleRow = typeof articles.$inferSelect;

/** Imports articles in one transaction: all of them or none. Text is normalised here, once. */
export function importArticles(db: Db, actor: User | null, projectId: number, inputs: ArticleInput[]): ArticleSummary[] {
  const rows = inputs.map((a, i) => {
    const text = normalizeText(a.text);
    if (text.trim().length === 0)
      throw badRequest(`Invalid body: articles.${i}.text: must not be blank`, {
        issues: [{ path: `articles.${i}.text`, message: 'must not be blank' }],
      });
    return {
      projectId,
      title: a.title?.trim() || shortTitle(text),
      text,
      textHash: createHash('sha256').update(text).digest('hex'),
      length: codePointLength(text),
      source: a.source ?? null,
      url: a.url ?? null,
      publishedAt: a.publishedAt ?? null,
      externalId: a.externalId ?? null,
    };
  });
  return db.transaction((tx) => {
    const created = tx.insert(articles).values(rows).returning().all();
    audit(tx, actor?.id ?? null, 'import', 'project', projectId, { articleIds: created.map((a) => a.id) });
    return created.map((a) => summary(a, []));
  });
}

const summary = (a: ArticleRow, progress: ArticleProgress[]): ArticleSummary => ({
  id: a.id,
  projectId: a.projectId,
  title: a.title,
  source: a.source,
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
    })
    .from(assignments)
    .innerJoin(articles, eq(articles.id, assignments.articleId))
    .innerJoin(users, eq(users.id, assignments.annotatorId))
    .where(and(eq(articles.projectId, projectId), mine))
    .orderBy(asc(users.username))
    .all();
  const spanCounts = db
    .select({ articleId: annotations.articleId, annotatorId: annotations.annotatorId, n: count() })
    .from(annotations)
    .innerJoin(articles, eq(articles.id, annotations.articleId))
    .where(and(eq(articles.projectId, projectId), mine ? eq(annotations.annotatorId, user.id) : undefined))
    .groupBy(annotations.articleId, annotations.annotatorId)
    .all();
  const spans = new Map(spanCounts.map((s) => [`${s.articleId}:${s.annotatorId}`, s.n]));
  const byArticle = new Map<number, ArticleProgress[]>();
  for (const p of progressRows) {
    const list = byArticle.get(p.articleId) ?? [];
    list.push({ ...p, spans: spans.get(`${p.articleId}:${p.annotatorId}`) ?? 0 });
    byArticle.set(p.articleId, list);
  }
  const visibleIds = mine ? [...byArticle.keys()] : null;
  if (visibleIds && visibleIds.length === 0) return [];
  return db
    .select()
    .from(articles)
    .where(and(eq(articles.projectId, projectId), visibleIds ? inArray(articles.id, visibleIds) : undefined))
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
    url: a.url,
    publishedAt: a.publishedAt,
    externalId: a.externalId,
    createdAt: a.createdAt,
    myStatus,
  };
}
