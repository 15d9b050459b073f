import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AssignmentStatus, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { submitEntries } from '../db/dialect.js';
import { first, lock, transaction } from '../db/tx.js';
import { annotations, articles, assignments, auditLog, users } from '../db/tables.js';
import { badRequest } from '../http/errors.js';
import { managedProject } from './access.js';
import { audit, nowIso, type Tx } from './audit.js';

const fieldError = (path: string, message: string) => badRequest(`Invalid body: ${path}: ${message}`, { issues: [{ path, message }] });

/** Every id must name an active annotator account that is not a demo account (those are for looking at). */
async function assignableAnnotators(tx: Tx, ids: number[]) {
  const rows = await tx.select().from(users).where(inArray(users.id, ids));
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
async function assignableArticles(tx: Tx, projectId: number, articleIds: number[] | undefined) {
  const rows = await tx
    .select({ id: articles.id, archivedAt: articles.archivedAt })
    .from(articles)
    .where(and(eq(articles.projectId, projectId), articleIds ? inArray(articles.id, articleIds) : isNull(articles.archivedAt)))
    .orderBy(asc(articles.id));
  if (!articleIds) return rows.map((r) => r.id);
  const missing = articleIds.filter((id) => !rows.some((a) => a.id === id));
  if (missing.length) throw fieldError('articleIds', `not in this project: ${missing.join(', ')}`);
  const archived = rows.filter((r) => r.archivedAt);
  if (archived.length) throw fieldError('articleIds', `archived (restore them first): ${archived.map((a) => a.id).join(', ')}`);
  return rows.map((r) => r.id);
}

type Pair = { articleId: number; annotatorId: number };
type State = { status: AssignmentStatus; submittedAt: string | null };
const key = (articleId: number, annotatorId: number) => `${articleId}:${annotatorId}`;

/**
 * What new assignments of pairs that had one before resume as: the status
 * the pair's last unassignment recorded (a submission keeps the time of its
 * last submit), else `in_progress` where the annotator's spans on it are
 * still there (unassigning keeps them). Pairs not in the answer start afresh.
 * A few set-wise reads, whatever the number of pairs.
 */
async function resumedStates(tx: Tx, projectId: number, pairs: Pair[]): Promise<Map<string, State>> {
  const annotatorIds = [...new Set(pairs.map((p) => p.annotatorId))];
  const wanted = new Set(pairs.map((p) => key(p.articleId, p.annotatorId)));
  const lastStatus = new Map<string, string>();
  const unassigned = await tx
    .select({ data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'unassign'), eq(auditLog.entity, 'project'), eq(auditLog.entityId, String(projectId))))
    .orderBy(asc(auditLog.id));
  for (const { data } of unassigned)
    for (const [a, u, status] of (data as { pairs?: Array<[number, number, string]> } | null)?.pairs ?? [])
      if (wanted.has(key(a, u))) lastStatus.set(key(a, u), status);
  const states = new Map<string, State>();
  for (const s of await tx
    .select({ articleId: annotations.articleId, annotatorId: annotations.annotatorId })
    .from(annotations)
    .innerJoin(articles, eq(articles.id, annotations.articleId))
    .where(and(eq(articles.projectId, projectId), inArray(annotations.annotatorId, annotatorIds)))
    .groupBy(annotations.articleId, annotations.annotatorId))
    if (wanted.has(key(s.articleId, s.annotatorId))) states.set(key(s.articleId, s.annotatorId), { status: 'in_progress', submittedAt: null });
  for (const [k, status] of lastStatus) if (status === 'in_progress' && !states.has(k)) states.set(k, { status: 'in_progress', submittedAt: null });
  const submitted = [...lastStatus].filter(([, status]) => status === 'submitted').map(([k]) => k);
  if (submitted.length) {
    const submits = await submitEntries(tx, annotatorIds);
    const lastSubmit = new Map(submits.map((s) => [key(s.articleId, s.userId!), s.at]));
    for (const k of submitted) states.set(k, { status: 'submitted', submittedAt: lastSubmit.get(k) ?? nowIso() });
  }
  return states;
}

/** Rows per INSERT statement (3 bound values each: far below SQLite's 32,766). */
const INSERT_CHUNK = 1000;

/**
 * Assigns articles of a project to annotators, in one of two ways: with
 * `perArticle`, each article to that many of the annotators taken
 * round-robin (so the load is even); without, every chosen article to every
 * chosen annotator. Without `articleIds`, every article of the project that
 * is not archived. Existing assignments are kept; a pair assigned again after
 * an unassignment gets its kept work back (see `resumedStates`).
 */
export function assignArticles(
  db: Db,
  actor: User,
  projectId: number,
  input: { annotatorIds: number[]; articleIds?: number[]; perArticle?: number },
) {
  const annotatorIds = [...new Set(input.annotatorIds)];
  return transaction(db, async (tx) => {
    await lock(tx, 'project', projectId);
    await managedProject(tx, actor, projectId);
    await assignableAnnotators(tx, annotatorIds);
    const articleIds = await assignableArticles(tx, projectId, input.articleIds && [...new Set(input.articleIds)]);
    const per = input.perArticle ?? annotatorIds.length;
    const pairs = articleIds.flatMap((articleId, i) =>
      Array.from({ length: per }, (_, k) => ({ articleId, annotatorId: annotatorIds[(i * per + k) % annotatorIds.length]! })),
    );
    const created: Array<typeof assignments.$inferSelect> = [];
    for (let i = 0; i < pairs.length; i += INSERT_CHUNK)
      created.push(...(await tx.insert(assignments).values(pairs.slice(i, i + INSERT_CHUNK)).onConflictDoNothing().returning()));
    const states = created.length ? await resumedStates(tx, projectId, created) : new Map<string, State>();
    const rows: typeof created = [];
    for (const row of created) {
      const state = states.get(key(row.articleId, row.annotatorId));
      rows.push(state ? (await first(tx.update(assignments).set(state).where(eq(assignments.id, row.id)).returning()))! : row);
    }
    const resumed = rows.filter((r) => r.status !== 'assigned').map((r) => [r.articleId, r.annotatorId, r.status]);
    await audit(
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
