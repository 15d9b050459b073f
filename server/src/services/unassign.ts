import { and, count, eq, inArray } from 'drizzle-orm';
import type { UnassignCounts, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { lock, transaction } from '../db/tx.js';
import { annotations, articles, assignments } from '../db/tables.js';
import { badRequest, conflict } from '../http/errors.js';
import { managedProject } from './access.js';
import { audit } from './audit.js';

/**
 * Takes articles away from annotators. Refused with 409 and the counts when
 * any of those assignments holds work, unless `confirm`; the work (spans,
 * links, notes) is kept either way, and assigning the pair again brings it back.
 */
export function unassign(db: Db, actor: User, projectId: number, input: { annotatorIds: number[]; articleIds: number[] }, confirm: boolean) {
  return transaction(db, async (tx) => {
    await lock(tx, 'project', projectId);
    await managedProject(tx, actor, projectId);
    const inProject = await tx
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.projectId, projectId), inArray(articles.id, input.articleIds)));
    const missing = input.articleIds.filter((id) => !inProject.some((a) => a.id === id));
    if (missing.length)
      throw badRequest(`Invalid body: articleIds: not in this project: ${missing.join(', ')}`, { issues: [{ path: 'articleIds', message: 'not in this project' }] });
    const pairs = and(inArray(assignments.articleId, input.articleIds), inArray(assignments.annotatorId, input.annotatorIds));
    const rows = await tx.select().from(assignments).where(pairs);
    const spans = await tx
      .select({ articleId: annotations.articleId, annotatorId: annotations.annotatorId, n: count() })
      .from(annotations)
      .where(and(inArray(annotations.articleId, input.articleIds), inArray(annotations.annotatorId, input.annotatorIds)))
      .groupBy(annotations.articleId, annotations.annotatorId);
    const spansOf = (r: (typeof rows)[number]) => spans.find((s) => s.articleId === r.articleId && s.annotatorId === r.annotatorId)?.n ?? 0;
    const counts: UnassignCounts = {
      assignments: rows.length,
      withWork: rows.filter((r) => spansOf(r) > 0 || r.status === 'submitted').length,
      spans: rows.reduce((n, r) => n + spansOf(r), 0),
      submitted: rows.filter((r) => r.status === 'submitted').length,
    };
    if (counts.withWork > 0 && !confirm)
      throw conflict(
        `${counts.withWork} of these assignments hold work (${counts.spans} spans, ${counts.submitted} submitted); send again with ?confirm=true to unassign. The work is kept.`,
        counts,
      );
    if (rows.length) await tx.delete(assignments).where(pairs);
    await audit(tx, actor.id, 'unassign', 'project', projectId, { pairs: rows.map((r) => [r.articleId, r.annotatorId, r.status]), counts }, {
      before: { assignments: rows.map((r) => ({ id: r.id, articleId: r.articleId, annotatorId: r.annotatorId, status: r.status })) },
      after: { assignments: [] },
      projectId,
    });
    return counts;
  });
}
