import { and, asc, eq, inArray } from 'drizzle-orm';
import { missingRequiredAttributes, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, articles, assignments, users } from '../db/schema.js';
import { ApiError, badRequest, conflict } from '../http/errors.js';
import { audit, nowIso } from './audit.js';
import { projectLabels } from './projects.js';
import { recordSubmission } from './reopen.js';

/**
 * Assigns articles of a project to annotators: with `perArticle`, each article
 * to that many annotators taken round-robin (so the load is even); without,
 * each article to every named annotator. Existing assignments are kept.
 */
export function assignArticles(
  db: Db,
  actor: User,
  projectId: number,
  input: { annotatorIds: number[]; articleIds?: number[]; perArticle?: number },
) {
  const annotatorIds = [...new Set(input.annotatorIds)];
  const found = db.select({ id: users.id }).from(users).where(inArray(users.id, annotatorIds)).all();
  const missing = annotatorIds.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw badRequest(`Invalid body: annotatorIds: no user with id ${missing.join(', ')}`);

  const projectArticles = db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.projectId, projectId), input.articleIds ? inArray(articles.id, input.articleIds) : undefined))
    .orderBy(asc(articles.id))
    .all();
  if (input.articleIds) {
    const missingArticles = input.articleIds.filter((id) => !projectArticles.some((a) => a.id === id));
    if (missingArticles.length)
      throw badRequest(`Invalid body: articleIds: not in this project: ${missingArticles.join(', ')}`);
  }

  const per = input.perArticle ?? annotatorIds.length;
  const pairs = projectArticles.flatMap((a, i) =>
    Array.from({ length: per }, (_, k) => ({ articleId: a.id, annotatorId: annotatorIds[(i * per + k) % annotatorIds.length]! })),
  );
  return db.transaction((tx) => {
    const created = pairs.length
      ? tx.insert(assignments).values(pairs).onConflictDoNothing().returning().all()
      : [];
    audit(tx, actor.id, 'assign', 'project', projectId, { pairs: created.map((c) => [c.articleId, c.annotatorId]) }, { after: { assignments: created.map((c) => ({ id: c.id, articleId: c.articleId, annotatorId: c.annotatorId, status: c.status })) }, projectId });
    return { created: created.length, assignments: created };
  });
}

/**
 * Marks the article submitted for this annotator; their spans become
 * read-only. Refused while a span lacks a required attribute.
 */
export function submitArticle(db: Db, user: User, article: { id: number; projectId: number }, assignment: typeof assignments.$inferSelect) {
  if (assignment.status === 'submitted') throw conflict('This article is already submitted.');
  const labels = new Map(projectLabels(db, article.projectId).map((l) => [l.key, l]));
  const incomplete = db
    .select()
    .from(annotations)
    .where(and(eq(annotations.articleId, article.id), eq(annotations.annotatorId, user.id)))
    .all()
    .flatMap((a) => {
      const label = labels.get(a.labelKey);
      const missing = label ? missingRequiredAttributes(label, a.attributes) : [];
      return missing.length ? [{ id: a.id, label: a.labelKey, start: a.start, end: a.end, quote: a.quote, missing }] : [];
    });
  if (incomplete.length)
    throw new ApiError(
      409,
      'incomplete',
      `${incomplete.length} ${incomplete.length === 1 ? 'span lacks' : 'spans lack'} a required attribute (${[...new Set(incomplete.flatMap((s) => s.missing))].join(', ')}); set it before submitting.`,
      { spans: incomplete },
    );
  return db.transaction((tx) => {
    const row = tx
      .update(assignments)
      .set({ status: 'submitted', submittedAt: nowIso() })
      .where(eq(assignments.id, assignment.id))
      .returning()
      .get();
    recordSubmission(tx, row.id, user.id);
    audit(tx, user.id, 'submit', 'assignment', row.id, { articleId: row.articleId }, {
      before: { annotatorId: user.id, status: assignment.status },
      after: { annotatorId: user.id, status: row.status, submittedAt: row.submittedAt },
      articleId: row.articleId,
      projectId: article.projectId,
    });
    return { articleId: row.articleId, status: row.status, submittedAt: row.submittedAt };
  });
}
