/**
 * Sending submitted work back (issue 9): a supervisor reopens one
 * annotator's article with a comment; the assignment goes back to
 * `in_progress`, and its history (submitted, reopened, …) is kept.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { assignmentEvents, assignments, users } from '../db/tables.js';
import { badRequest, conflict } from '../http/errors.js';
import { audit, type Tx } from './audit.js';
import { projectOf } from './gold.js';

export function reopenArticle(db: Db, user: User, articleId: number, input: { annotator: string; comment: string }) {
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const row = await first(
      tx
        .select({ a: assignments })
        .from(assignments)
        .innerJoin(users, eq(users.id, assignments.annotatorId))
        .where(and(eq(assignments.articleId, articleId), eq(users.username, input.annotator))),
    );
    if (!row)
      throw badRequest(`Invalid body: annotator: "${input.annotator}" is not assigned to this article`, { issues: [{ path: 'annotator', message: 'not assigned' }] });
    if (row.a.status !== 'submitted') throw conflict(`${input.annotator} has not submitted this article; there is nothing to reopen.`);
    await tx.update(assignments).set({ status: 'in_progress', submittedAt: null }).where(eq(assignments.id, row.a.id));
    await tx.insert(assignmentEvents).values({ assignmentId: row.a.id, event: 'reopened', comment: input.comment, actorId: user.id });
    await audit(tx, user.id, 'reopen', 'assignment', row.a.id, { articleId, annotator: input.annotator, comment: input.comment }, {
      before: { annotator: input.annotator, status: row.a.status, submittedAt: row.a.submittedAt },
      after: { annotator: input.annotator, status: 'in_progress', submittedAt: null, comment: input.comment },
      articleId,
      projectId: await projectOf(tx, articleId),
    });
    return { articleId, annotator: input.annotator, status: 'in_progress' as const };
  });
}

/** Records a submission in the assignment's history (called inside the submit transaction). */
export async function recordSubmission(tx: Tx, assignmentId: number, actorId: number): Promise<void> {
  await tx.insert(assignmentEvents).values({ assignmentId, event: 'submitted', actorId });
}

/** The comment of the latest reopening, while the work is open again; null otherwise. */
export async function reopenComment(db: Db, assignment: { id: number; status: string } | null) {
  if (!assignment || assignment.status === 'submitted') return null;
  const last = await first(
    db
      .select({ event: assignmentEvents.event, comment: assignmentEvents.comment, at: assignmentEvents.at, by: users.displayName })
      .from(assignmentEvents)
      .leftJoin(users, eq(users.id, assignmentEvents.actorId))
      .where(eq(assignmentEvents.assignmentId, assignment.id))
      .orderBy(desc(assignmentEvents.id))
      .limit(1),
  );
  return last?.event === 'reopened' ? { comment: last.comment ?? '', at: last.at, by: last.by ?? 'a supervisor' } : null;
}
