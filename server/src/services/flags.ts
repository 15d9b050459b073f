/**
 * An annotator's skip of an assigned article, with a reason (issue 10): a
 * flag on the assignment that the supervisor sees beside the article's
 * progress and clears (or the annotator withdraws). The work on the article,
 * if any, stays as it is.
 */
import { and, eq } from 'drizzle-orm';
import type { ArticleFlag, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { assignments, users } from '../db/tables.js';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { articleFor, isSupervisor, managedProject } from './access.js';
import { audit, nowIso } from './audit.js';

/** The assigned annotator flags (skips) the article; a second flag replaces the reason. */
export function flagArticle(db: Db, user: User, articleId: number, reason: string): Promise<{ articleId: number; flag: ArticleFlag }> {
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const { article, assignment } = await articleFor(tx, user, articleId);
    if (!assignment) throw forbidden('Only the annotator assigned to this article may flag it.');
    if (assignment.status === 'submitted') throw conflict('This article is submitted; there is nothing to skip. Ask your supervisor to reopen it.');
    const flag = { reason, at: nowIso() };
    await tx.update(assignments).set({ flagReason: flag.reason, flaggedAt: flag.at }).where(eq(assignments.id, assignment.id));
    await audit(tx, user.id, 'flag', 'assignment', assignment.id, { articleId, reason }, {
      before: { annotatorId: user.id, flag: assignment.flagReason === null ? null : { reason: assignment.flagReason, at: assignment.flaggedAt } },
      after: { annotatorId: user.id, flag },
      articleId,
      projectId: article.projectId,
    });
    return { articleId, flag };
  });
}

/**
 * Takes a flag away: the annotator their own (no `annotator`, or their own
 * id); a supervisor who manages the project anyone's, naming the annotator.
 */
export function clearFlag(db: Db, user: User, articleId: number, annotatorId: number | undefined) {
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const { article, assignment: own } = await articleFor(tx, user, articleId);
    const whose = annotatorId ?? (own ? user.id : undefined);
    if (whose === undefined) throw badRequest('Invalid query: annotator: name whose flag to clear', { issues: [{ path: 'annotator', message: 'required' }] });
    if (whose !== user.id) {
      if (!isSupervisor(user)) throw forbidden('Only a supervisor may clear another annotator’s flag.');
      await managedProject(tx, user, article.projectId);
    }
    const row = await first(
      tx
        .select({ a: assignments, username: users.username })
        .from(assignments)
        .innerJoin(users, eq(users.id, assignments.annotatorId))
        .where(and(eq(assignments.articleId, articleId), eq(assignments.annotatorId, whose))),
    );
    if (!row?.a.flagReason) throw notFound('Flag');
    await tx.update(assignments).set({ flagReason: null, flaggedAt: null }).where(eq(assignments.id, row.a.id));
    await audit(tx, user.id, 'clear_flag', 'assignment', row.a.id, { articleId, annotator: row.username, reason: row.a.flagReason }, {
      before: { annotator: row.username, flag: { reason: row.a.flagReason, at: row.a.flaggedAt } },
      after: { annotator: row.username, flag: null },
      articleId,
      projectId: article.projectId,
    });
    return { articleId, annotator: row.username, cleared: { reason: row.a.flagReason, at: row.a.flaggedAt! } };
  });
}
