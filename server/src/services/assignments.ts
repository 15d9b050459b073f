import { and, eq } from 'drizzle-orm';
import { missingRequiredAttributes, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { annotations, assignments } from '../db/tables.js';
import { ApiError, conflict, forbidden } from '../http/errors.js';
import { articleFor } from './access.js';
import { audit, nowIso } from './audit.js';
import { projectLabels } from './projects.js';
import { recordSubmission } from './reopen.js';

/**
 * Marks the article submitted for this annotator; their spans become
 * read-only. Refused while a span lacks a required attribute.
 */
export function submitArticle(db: Db, user: User, articleId: number) {
  // Every read that decides the write happens inside its transaction.
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const { article, assignment } = await articleFor(tx, user, articleId);
    if (!assignment) throw forbidden('This article is not assigned to you.');
    if (assignment.status === 'submitted') throw conflict('This article is already submitted.');
    const labels = new Map((await projectLabels(tx, article.projectId)).map((l) => [l.key, l]));
    const incomplete = (
      await tx
        .select()
        .from(annotations)
        .where(and(eq(annotations.articleId, article.id), eq(annotations.annotatorId, user.id)))
    ).flatMap((a) => {
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
    const row = (await first(
      tx
        .update(assignments)
        // Submitting settles a skip: the flag, if any, goes (the audit keeps its reason).
        .set({ status: 'submitted', submittedAt: nowIso(), flagReason: null, flaggedAt: null })
        .where(eq(assignments.id, assignment.id))
        .returning(),
    ))!;
    await recordSubmission(tx, row.id, user.id);
    await audit(tx, user.id, 'submit', 'assignment', row.id, { articleId: row.articleId, ...(assignment.flagReason ? { withdrawnFlag: assignment.flagReason } : {}) }, {
      before: { annotatorId: user.id, status: assignment.status },
      after: { annotatorId: user.id, status: row.status, submittedAt: row.submittedAt },
      articleId: row.articleId,
      projectId: article.projectId,
    });
    return { articleId: row.articleId, status: row.status, submittedAt: row.submittedAt };
  });
}
