/**
 * The audit history of an article (issue 11), for the supervisors who manage
 * its project: every change recorded with the article's id, oldest first, with
 * who made it and the values before and after.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { HistoryEntry, HistoryPage, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, auditLog, goldSpans, users } from '../db/tables.js';
import { articleFor, requireSupervisor } from './access.js';

const PAGE = 100;

/** A deletion of an annotator span or a gold span: the entries a restore starts from. */
export const isSpanDeletion = (e: { action: string; entity: string; before: unknown }) =>
  e.action === 'delete' && (e.entity === 'annotation' || e.entity === 'gold') && e.before !== null;

/** The ids among `ids` that exist (still, or again) in `table`. */
async function existing(db: Db, kind: 'annotation' | 'gold', ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows =
    kind === 'annotation'
      ? await db.select({ id: annotations.id }).from(annotations).where(inArray(annotations.id, ids))
      : await db.select({ id: goldSpans.id }).from(goldSpans).where(inArray(goldSpans.id, ids));
  return new Set(rows.map((r) => r.id));
}

const annotatorIdOf = (e: { entity: string; before: unknown; after: unknown }): number | undefined =>
  e.entity === 'annotation' ? ((e.after ?? e.before) as { annotatorId?: number } | null)?.annotatorId : undefined;

/** Entry id → the username of the annotator whose span the entry is about. */
async function annotatorNames(db: Db, entries: Array<{ id: number; entity: string; before: unknown; after: unknown }>): Promise<Map<number, string>> {
  const ids = [...new Set(entries.map(annotatorIdOf).filter((id) => id !== undefined))];
  if (!ids.length) return new Map();
  const names = new Map((await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.username]));
  return new Map(entries.flatMap((e) => {
    const name = names.get(annotatorIdOf(e) ?? -1);
    return name === undefined ? [] : [[e.id, name] as const];
  }));
}

/** One page of the article's history: 404 for an annotator who may not see it, 403 for an annotator who may. */
export async function articleHistory(db: Db, user: User, articleId: number, query: { after?: number; limit?: number }): Promise<HistoryPage> {
  await articleFor(db, user, articleId);
  requireSupervisor(user);
  const limit = query.limit ?? PAGE;
  const rows = await db
    .select({ e: auditLog, username: users.username, displayName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.articleId, articleId), query.after === undefined ? undefined : gt(auditLog.id, query.after)))
    .orderBy(asc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const deletions = page.filter((r) => isSpanDeletion(r.e));
  const alive = {
    annotation: await existing(db, 'annotation', deletions.filter((r) => r.e.entity === 'annotation').map((r) => r.e.entityId)),
    gold: await existing(db, 'gold', deletions.filter((r) => r.e.entity === 'gold').map((r) => r.e.entityId)),
  };
  const owners = await annotatorNames(db, page.map((r) => r.e));
  const entries: HistoryEntry[] = page.map(({ e, username, displayName }) => ({
    id: e.id,
    at: e.at,
    user: e.userId !== null && username !== null && displayName !== null ? { id: e.userId, username, displayName } : null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    annotator: owners.get(e.id) ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    data: e.data ?? null,
    restorable: isSpanDeletion(e) && !alive[e.entity as 'annotation' | 'gold'].has(e.entityId),
  }));
  return { entries, next: rows.length > limit ? page[page.length - 1]!.e.id : null };
}
