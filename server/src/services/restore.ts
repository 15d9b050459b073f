/**
 * Restoring a deleted annotator span or gold span from its deletion's audit
 * entry (issue 11): `POST /api/audit/:id/restore`, supervisors who manage the
 * article's project. The span comes back with its id, label, attributes, note
 * and the links whose other span still exists and whose type the scheme still
 * allows; what cannot come back is counted in the answer. Refused with 409
 * when the article or project is archived, the label is no longer in the
 * scheme, the annotator's work is submitted or unassigned, or the span is
 * there already. A restored gold span is a curation decision (undo reverts it).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { OffsetMap, relationAllowed, type LabelDef, type RestoreResult, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { annotations, assignments, auditLog, goldRelations, goldSpans, relations, users } from '../db/tables.js';
import { ApiError, notFound } from '../http/errors.js';
import { articleFor, projectFor, requireSupervisor } from './access.js';
import { audit, nowIso, type Tx } from './audit.js';
import { goldState, spanState, type GoldState, type LinkState, type SpanState } from './auditState.js';
import { beforeDecision } from './gold.js';
import { isSpanDeletion } from './history.js';
import { projectLabels } from './projects.js';
import { relationTypesForArticle } from './scheme.js';
import { keptAttributes } from './schemeImpact.js';

const refuse = (code: string, message: string) => new ApiError(409, code, message);

type ArticleRow = Awaited<ReturnType<typeof articleFor>>['article'];

export function restoreFromEntry(db: Db, user: User, entryId: number): Promise<RestoreResult> {
  requireSupervisor(user);
  return transaction(db, async (tx) => {
    const entry = await first(tx.select().from(auditLog).where(eq(auditLog.id, entryId)));
    if (!entry || entry.articleId === null) throw notFound('History entry');
    await lock(tx, 'article', entry.articleId);
    const { article } = await articleFor(tx, user, entry.articleId);
    if (!isSpanDeletion(entry)) throw refuse('not_restorable', `Entry ${entryId} records "${entry.action} ${entry.entity}"; only a deleted span or gold span can be restored.`);
    if (article.archivedAt) throw refuse('archived', 'This article is archived; restore the article first.');
    if ((await projectFor(tx, user, article.projectId)).archivedAt) throw refuse('archived', 'This project is archived; restore the project first.');
    const state = entry.before as SpanState | GoldState;
    const label = (await projectLabels(tx, article.projectId)).find((l) => l.key === state.label);
    if (!label) throw refuse('label_gone', `The label "${state.label}" is no longer in the project's scheme; the span cannot come back.`);
    const restored = entry.entity === 'gold' ? await restoreGold(tx, user, article, label, state as GoldState) : await restoreSpan(tx, article, label, state as SpanState);
    await audit(tx, user.id, 'restore', entry.entity, state.id, { fromEntry: entryId, attributes: restored.result.attributes, links: restored.result.links }, {
      before: null,
      after: restored.after,
      articleId: article.id,
      projectId: article.projectId,
    });
    return restored.result;
  });
}

/** The attributes the label still has (with the same values), and the keys left out. */
function attributesFor(label: LabelDef, attributes: Record<string, string>) {
  const kept = keptAttributes(label, attributes);
  return { kept, dropped: Object.keys(attributes).filter((k) => !Object.hasOwn(kept, k)) };
}

/** The links of the entry whose other end exists and whose type the scheme allows between the two labels. */
async function linksBack(
  tx: Tx,
  articleId: number,
  state: { id: string; label: string; links?: LinkState[] },
  existing: (ids: string[]) => Promise<Array<{ id: string; label: string }>>,
) {
  const links = state.links ?? [];
  const ids = links.map((l) => (l.from === state.id ? l.to : l.from));
  const others = new Map(ids.length ? (await existing(ids)).map((r) => [r.id, r.label]) : []);
  const types = await relationTypesForArticle(tx, articleId);
  const labelOf = (id: string) => (id === state.id ? state.label : others.get(id));
  const back = links.filter((l) => {
    const from = labelOf(l.from);
    const to = labelOf(l.to);
    return from !== undefined && to !== undefined && relationAllowed(types, l.type, from, to);
  });
  return { back, skipped: links.length - back.length };
}

async function restoreSpan(tx: Tx, article: ArticleRow, label: LabelDef, state: SpanState) {
  if (await first(tx.select({ id: annotations.id }).from(annotations).where(eq(annotations.id, state.id))))
    throw refuse('exists', 'This span is there already (it was restored before).');
  const who = await first(tx.select({ username: users.username }).from(users).where(eq(users.id, state.annotatorId)));
  const assignment = await first(
    tx
      .select()
      .from(assignments)
      .where(and(eq(assignments.articleId, article.id), eq(assignments.annotatorId, state.annotatorId))),
  );
  const name = who?.username ?? 'The annotator';
  if (!assignment) throw refuse('not_assigned', `${name} is no longer assigned to this article; assign them again to restore their span.`);
  if (assignment.status === 'submitted') throw refuse('submitted', `${name} has submitted this article; reopen it to restore their span.`);
  const { kept, dropped } = attributesFor(label, state.attributes);
  const now = nowIso();
  const row = (await first(
    tx
      .insert(annotations)
      .values({
        id: state.id,
        articleId: article.id,
        annotatorId: state.annotatorId,
        labelKey: label.key,
        start: state.start,
        end: state.end,
        quote: new OffsetMap(article.text).slice(state.start, state.end),
        attributes: kept,
        note: state.note,
        version: state.version + 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning(),
  ))!;
  // A link joins two spans of one annotator on one article.
  const { back, skipped } = await linksBack(tx, article.id, state, async (ids) =>
    await tx
      .select({ id: annotations.id, label: annotations.labelKey })
      .from(annotations)
      .where(and(inArray(annotations.id, ids), eq(annotations.articleId, article.id), eq(annotations.annotatorId, state.annotatorId))),
  );
  const links: Array<typeof relations.$inferSelect> = [];
  for (const l of back) links.push(...(await tx.insert(relations).values({ fromId: l.from, toId: l.to, type: l.type }).onConflictDoNothing().returning()));
  const result: RestoreResult = {
    kind: 'annotation',
    id: row.id,
    articleId: article.id,
    label: label.key,
    attributes: { restored: Object.keys(kept).length, dropped },
    note: row.note !== null,
    links: { restored: links.length, skipped },
  };
  return { result, after: spanState(row, links.map((r) => ({ id: r.id, from: r.fromId, to: r.toId, type: r.type }))) };
}

async function restoreGold(tx: Tx, user: User, article: ArticleRow, label: LabelDef, state: GoldState) {
  if (await first(tx.select({ id: goldSpans.id }).from(goldSpans).where(eq(goldSpans.id, state.id))))
    throw refuse('exists', 'This gold span is there already (it was restored before).');
  await beforeDecision(tx, user, article.id);
  const { kept, dropped } = attributesFor(label, state.attributes);
  const row = (await first(
    tx
      .insert(goldSpans)
      .values({
        id: state.id,
        articleId: article.id,
        labelKey: label.key,
        start: state.start,
        end: state.end,
        quote: new OffsetMap(article.text).slice(state.start, state.end),
        attributes: kept,
        openAttributes: state.openAttributes.filter((k) => label.attributes.some((a) => a.key === k)),
        decision: state.decision,
        sources: state.sources,
        annotators: state.annotators,
        curatorId: user.id,
        decidedAt: nowIso(),
        version: state.version + 1,
      })
      .returning(),
  ))!;
  const { back, skipped } = await linksBack(tx, article.id, state, async (ids) =>
    await tx.select({ id: goldSpans.id, label: goldSpans.labelKey }).from(goldSpans).where(and(inArray(goldSpans.id, ids), eq(goldSpans.articleId, article.id))),
  );
  const links: Array<typeof goldRelations.$inferSelect> = [];
  for (const l of back) links.push(...(await tx.insert(goldRelations).values({ fromId: l.from, toId: l.to, type: l.type }).onConflictDoNothing().returning()));
  const result: RestoreResult = {
    kind: 'gold',
    id: row.id,
    articleId: article.id,
    label: label.key,
    attributes: { restored: Object.keys(kept).length, dropped },
    note: false,
    links: { restored: links.length, skipped },
  };
  return { result, after: goldState(row, links.map((r) => ({ id: r.id, from: r.fromId, to: r.toId, type: r.type }))) };
}
