import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AssignmentStatus, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, articles, assignments, auditLog, users } from '../db/schema.js';
import { badRequest } from '../http/errors.js';
import { managedProject } from './access.js';
import { audit, nowIso, type Tx } from './audit.js';

const fieldError = (path: string, message: string) => badRequest(`Invalid body: ${path}: ${message}`, { issues: [{ path, message }] });

/** Every id must name an active annotator account that is not a demo account (those are for looking at). */
function assignableAnnotators(tx: Tx, ids: number[]) {
  const rows = tx.select().from(users).where(inArray(users.id, ids)).all();
  const byId = new Map(rows.map((u) => [u.id, u]));
  const problems = ids.flatMap((id) => {
    const u = byId.get(id);
    if (!u) return [`no user with id ${id}`];
    if (u.demo) return [`${u.username} is a demo account (for looking at, not for work)`];
    if (u.disabled) return [`${u.username} is disabled`];
    if (u.role !== 'annotator') return [`${u.username} is a ${u.role} account, not an annotator`];
    return [];
  });
  if (problems.length) throw fieldError('annotatorIds', problems.join('; '));
}

/** The chosen articles (all of the project's when none are named), each of this project and not archived. */
function assignableArticles(tx: Tx, projectId: number, articleIds: number[] | undefined) {
  const rows = tx
    .select({ id: articles.id, archivedAt: articles.archivedAt })
    .from(articles)
    .where(and(eq(articles.projectId, projectId), articleIds ? inArray(articles.id, articleIds) : isNull(articles.archivedAt)))
    .orderBy(asc(articles.id))
    .all();
  if (!articleIds) return rows.map((r) => r.id);
  const missing = articleIds.filter((id) => !rows.some((a) => a.id === id));
  if (missing.length) throw fieldError('articleIds', `not in this project: ${missing.join(', ')}`);
  const archived = rows.filter((r) => r.archivedAt);
  if (archived.length) throw fieldError('articleIds', `archived (restore them first): ${archived.map((a) => a.id).join(', ')}`);
  return rows.map((r) => r.id);
}

/**
 * What a new assignment of a pair that had one before resumes as: the status
 * its last unassignment recorded (a submission keeps the time of its last
 * submit), else `in_progress` when the annotator's spans on it are still
 * there (unassigning keeps them), else `assigned`.
 */
function resumedState(tx: Tx, projectId: number, articleId: number, annotatorId: number): { status: AssignmentStatus; submittedAt: string | null } {
  const last = tx
    .select({ status: sql<string>`json_extract(p.value, '$[2]')` })
    .from(sql`${auditLog}, json_each(${auditLog.data}, '$.pairs') AS p`)
    .where(
      and(
        eq(auditLog.action, 'unassign'),
        eq(auditLog.entity, 'project'),
        eq(auditLog.entityId, String(projectId)),
        sql`json_extract(p.value, '$[0]') = ${articleId} AND json_extract(p.value, '$[1]') = ${annotatorId}`,
      ),
    )
    .orderBy(desc(auditLog.id))
    .get();
  if (last?.status === 'submitted') {
    const submit = tx
      .select({ at: auditLog.at })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'submit'), eq(auditLog.userId, annotatorId), sql`json_extract(${auditLog.data}, '$.articleId') = ${articleId}`))
      .orderBy(desc(auditLog.id))
      .get();
    return { status: 'submitted', submittedAt: submit?.at ?? nowIso() };
  }
  const spans = tx
    .select({ n: count() })
    .from(annotations)
    .where(and(eq(annotations.articleId, articleId), eq(annotations.annotatorId, annotatorId)))
    .get()!.n;
  return { status: spans > 0 || last?.status === 'in_progress' ? 'in_progress' : 'assigned', submittedAt: null };
}

/**
 * Assigns articles of a project to annotators, in one of two ways: with
 * `perArticle`, each article to that many of the annotators taken
 * round-robin (so the load is even); without, every chosen article to every
 * chosen annotator. Without `articleIds`, every article of the project that
 * is not archived. Existing assignments are kept; a pair assigned again after
 * an unassignment gets its kept work back (see `resumedState`).
 */
export function assignArticles(
  db: Db,
  actor: User,
  projectId: number,
  input: { annotatorIds: number[]; articleIds?: number[]; perArticle?: number },
) {
  const annotatorIds = [...new Set(input.annotatorIds)];
  return db.transaction((tx) => {
    managedProject(tx, actor, projectId);
    assignableAnnotators(tx, annotatorIds);
    const articleIds = assignableArticles(tx, projectId, input.articleIds && [...new Set(input.articleIds)]);
    const per = input.perArticle ?? annotatorIds.length;
    const pairs = articleIds.flatMap((articleId, i) =>
      Array.from({ length: per }, (_, k) => ({ articleId, annotatorId: annotatorIds[(i * per + k) % annotatorIds.length]! })),
    );
    const created = pairs.length ? tx.insert(assignments).values(pairs).onConflictDoNothing().returning().all() : [];
    const rows = created.map((row) => {
      const state = resumedState(tx, projectId, row.articleId, row.annotatorId);
      if (state.status === row.status) return row;
      return tx.update(assignments).set(state).where(eq(assignments.id, row.id)).returning().get();
    });
    const resumed = rows.filter((r) => r.status !== 'assigned').map((r) => [r.articleId, r.annotatorId, r.status]);
    audit(
      tx,
      actor.id,
      'assign',
      'project',
      projectId,
      { pairs: rows.map((c) => [c.articleId, c.annotatorId]), ...(resumed.length ? { resumed } : {}) },
      { after: { assignments: rows.map((c) => ({ id: c.id, articleId: c.articleId, annotatorId: c.annotatorId, status: c.status })) }, projectId },
    );
    return { created: rows.length, assignments: rows };
  });
}
