/**
 * The gold standard of an article (issue 9): reading it with its provenance,
 * and the curator's own edits (add, accept, edit, remove). Every change
 * first records the article's curation state, so that undo can restore it.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { attributeProblems, OffsetMap, type LabelDef, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { annotations, articles, curation, curationHistory, goldRelations, goldSpans, rejections, users } from '../db/tables.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { audit, nowIso, type Tx } from './audit.js';
import { curationState, goldLinks, goldState } from './auditState.js';
import { requireRelationType } from './relations.js';
import { projectLabels } from './projects.js';

type GoldRow = typeof goldSpans.$inferSelect;

export interface GoldSpanView {
  id: string;
  label: string;
  start: number;
  end: number;
  quote: string;
  attributes: Record<string, string>;
  openAttributes: string[];
  version: number;
  provenance: { sources: string[]; annotators: string[]; decision: GoldRow['decision']; curator: string | null; decidedAt: string };
}

export function goldView(row: GoldRow, curator: string | null): GoldSpanView {
  return {
    id: row.id,
    label: row.labelKey,
    start: row.start,
    end: row.end,
    quote: row.quote,
    attributes: row.attributes,
    openAttributes: row.openAttributes,
    version: row.version,
    provenance: { sources: row.sources, annotators: row.annotators, decision: row.decision, curator, decidedAt: row.decidedAt },
  };
}

/** The queries of an article's gold, its links and its curation status (shared with the synchronous readers of db/sqlite/gold.ts). */
export const goldQueries = {
  gold: (tx: Tx, articleId: number) =>
    tx
      .select({ g: goldSpans, curator: users.username })
      .from(goldSpans)
      .leftJoin(users, eq(users.id, goldSpans.curatorId))
      .where(eq(goldSpans.articleId, articleId))
      .orderBy(asc(goldSpans.start), asc(goldSpans.end), asc(goldSpans.labelKey)),
  ids: (tx: Tx, articleId: number) => tx.select({ id: goldSpans.id }).from(goldSpans).where(eq(goldSpans.articleId, articleId)),
  relations: (tx: Tx, ids: string[]) =>
    tx
      .select({ id: goldRelations.id, from: goldRelations.fromId, to: goldRelations.toId, type: goldRelations.type })
      .from(goldRelations)
      .where(inArray(goldRelations.fromId, ids))
      .orderBy(asc(goldRelations.id)),
  status: (tx: Tx, articleId: number) => tx.select({ s: curation.status }).from(curation).where(eq(curation.articleId, articleId)),
};

export async function goldOf(tx: Tx, articleId: number): Promise<GoldSpanView[]> {
  return (await goldQueries.gold(tx, articleId)).map((r) => goldView(r.g, r.curator));
}

export async function goldRelationsOf(tx: Tx, articleId: number) {
  const ids = (await goldQueries.ids(tx, articleId)).map((r) => r.id);
  if (!ids.length) return [];
  return await goldQueries.relations(tx, ids);
}

export async function curationStatus(tx: Tx, articleId: number): Promise<'open' | 'curated'> {
  return (await first(goldQueries.status(tx, articleId)))?.s ?? 'open';
}

export async function setCurationStatus(tx: Tx, user: User, articleId: number, status: 'open' | 'curated'): Promise<void> {
  await tx
    .insert(curation)
    .values({ articleId, status, curatorId: user.id, updatedAt: nowIso() })
    .onConflictDoUpdate({ target: curation.articleId, set: { status, curatorId: user.id, updatedAt: nowIso() } });
}

/** Records the article's curation state before a decision (for undo); a decision reopens a curated article. */
export async function beforeDecision(tx: Tx, user: User, articleId: number): Promise<void> {
  const snapshot = {
    gold: await tx.select().from(goldSpans).where(eq(goldSpans.articleId, articleId)),
    relations: await goldRelationsOf(tx, articleId),
    rejections: await tx.select().from(rejections).where(eq(rejections.articleId, articleId)),
    status: await curationStatus(tx, articleId),
  };
  await tx.insert(curationHistory).values({ articleId, snapshot });
  if (snapshot.status === 'curated') await setCurationStatus(tx, user, articleId, 'open');
}

type Snapshot = {
  gold: GoldRow[];
  relations: Array<{ from: string; to: string; type: string }>;
  rejections: Array<typeof rejections.$inferSelect>;
  status: 'open' | 'curated';
};

/** Undoes the last curation decision on the article; 409 when there is none. */
export function undoDecision(db: Db, user: User, articleId: number): Promise<void> {
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const last = await first(tx.select().from(curationHistory).where(eq(curationHistory.articleId, articleId)).orderBy(desc(curationHistory.id)).limit(1));
    if (!last) throw conflict('Nothing to undo on this article.');
    const snap = last.snapshot as Snapshot;
    const before = await curationState(tx, articleId);
    await tx.delete(goldSpans).where(eq(goldSpans.articleId, articleId));
    await tx.delete(rejections).where(eq(rejections.articleId, articleId));
    if (snap.gold.length) await tx.insert(goldSpans).values(snap.gold);
    for (const r of snap.relations) await tx.insert(goldRelations).values({ fromId: r.from, toId: r.to, type: r.type });
    // Rejected spans deleted since (a reopened annotator) cannot be rejected again.
    const alive = new Set(
      snap.rejections.length
        ? (await tx.select({ id: annotations.id }).from(annotations).where(inArray(annotations.id, snap.rejections.map((r) => r.annotationId)))).map((r) => r.id)
        : [],
    );
    const back = snap.rejections.filter((r) => alive.has(r.annotationId));
    if (back.length) await tx.insert(rejections).values(back);
    await setCurationStatus(tx, user, articleId, snap.status);
    await tx.delete(curationHistory).where(eq(curationHistory.id, last.id));
    await audit(tx, user.id, 'undo', 'curation', articleId, undefined, { before, after: await curationState(tx, articleId), articleId, projectId: await projectOf(tx, articleId) });
  });
}

export interface GoldInput {
  label: string;
  start: number;
  end: number;
  attributes?: Record<string, string>;
}

const fieldError = (field: string, message: string) => badRequest(`Invalid body: ${field}: ${message}`, { issues: [{ path: field, message }] });

/** Checks a gold span against the text and the scheme; returns its quote. */
export function checkGold(text: string, labels: LabelDef[], g: GoldInput): string {
  const label = labels.find((l) => l.key === g.label);
  if (!label) throw fieldError('label', `"${g.label}" is not a label of this project`);
  const map = new OffsetMap(text);
  if (g.end > map.codePointLength) throw fieldError('end', `must be at most the text length, ${map.codePointLength}`);
  if (g.start >= g.end) throw fieldError('start', 'must be less than end');
  const problems = attributeProblems(label, g.attributes ?? {});
  if (problems.length) throw fieldError(`attributes.${problems[0]![0]}`, problems[0]![1]);
  return map.slice(g.start, g.end);
}

/** Inserts one gold span (inside the caller's transaction). */
export async function insertGold(
  tx: Tx,
  user: User,
  article: { id: number; text: string; projectId: number },
  g: GoldInput & { decision: GoldRow['decision']; sources: string[]; annotators: string[]; openAttributes?: string[] },
  labels: LabelDef[],
): Promise<GoldRow> {
  const quote = checkGold(article.text, labels, g);
  return (await first(
    tx
      .insert(goldSpans)
      .values({
        id: randomUUID(),
        articleId: article.id,
        labelKey: g.label,
        start: g.start,
        end: g.end,
        quote,
        attributes: g.attributes ?? {},
        openAttributes: g.openAttributes ?? [],
        decision: g.decision,
        sources: g.sources,
        annotators: g.annotators,
        curatorId: user.id,
        decidedAt: nowIso(),
      })
      .returning(),
  ))!;
}

/** The annotator spans named by id, all of this article (400 naming the field otherwise). */
export async function spansOfArticle(tx: Tx, articleId: number, ids: string[], field: string) {
  if (!ids.length) return [];
  const rows = await tx
    .select({ a: annotations, username: users.username })
    .from(annotations)
    .innerJoin(users, eq(users.id, annotations.annotatorId))
    .where(and(inArray(annotations.id, ids), eq(annotations.articleId, articleId)));
  const missing = ids.filter((id) => !rows.some((r) => r.a.id === id));
  if (missing.length) throw fieldError(field, `no span ${missing.join(', ')} on this article`);
  return rows;
}

export function addGold(db: Db, user: User, articleId: number, input: GoldInput & { from?: string[] }): Promise<GoldSpanView> {
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const article = await first(tx.select().from(articles).where(eq(articles.id, articleId)));
    if (!article) throw notFound('Article');
    const labels = await projectLabels(tx, article.projectId);
    const from = await spansOfArticle(tx, articleId, input.from ?? [], 'from');
    await beforeDecision(tx, user, articleId);
    const row = await insertGold(tx, user, article, {
      ...input,
      decision: from.length ? 'accepted' : 'added',
      sources: from.map((r) => r.a.id),
      annotators: [...new Set(from.map((r) => r.username))].sort(),
    }, labels);
    await audit(tx, user.id, 'create', 'gold', row.id, { articleId, decision: row.decision }, { after: goldState(row), articleId, projectId: article.projectId });
    return goldView(row, user.username);
  });
}

/** A gold span, read after locking its article (PostgreSQL: another decision on the article waits; 404 when it is gone). */
async function lockedGold(tx: Tx, id: string): Promise<GoldRow> {
  const head = await first(tx.select({ articleId: goldSpans.articleId }).from(goldSpans).where(eq(goldSpans.id, id)));
  if (!head) throw notFound('Gold span');
  await lock(tx, 'article', head.articleId);
  const row = await first(tx.select().from(goldSpans).where(eq(goldSpans.id, id)));
  if (!row) throw notFound('Gold span');
  return row;
}

export function updateGold(db: Db, user: User, id: string, input: Partial<GoldInput> & { version: number }): Promise<GoldSpanView> {
  return transaction(db, async (tx) => {
    const row = await lockedGold(tx, id);
    if (row.version !== input.version)
      throw conflict(`This gold span was changed elsewhere (version ${row.version}, you sent ${input.version}).`, { current: goldView(row, null) });
    const article = (await first(tx.select().from(articles).where(eq(articles.id, row.articleId))))!;
    const next = { label: input.label ?? row.labelKey, start: input.start ?? row.start, end: input.end ?? row.end, attributes: input.attributes ?? row.attributes };
    const quote = checkGold(article.text, await projectLabels(tx, article.projectId), next);
    await beforeDecision(tx, user, row.articleId);
    const updated = (await first(
      tx
        .update(goldSpans)
        .set({ labelKey: next.label, start: next.start, end: next.end, attributes: next.attributes, quote, openAttributes: [], decision: 'edited', curatorId: user.id, decidedAt: nowIso(), version: row.version + 1 })
        .where(eq(goldSpans.id, id))
        .returning(),
    ))!;
    await audit(tx, user.id, 'update', 'gold', id, { from: { label: row.labelKey, start: row.start, end: row.end }, to: next }, {
      before: goldState(row),
      after: goldState(updated),
      articleId: row.articleId,
      projectId: article.projectId,
    });
    return goldView(updated, user.username);
  });
}

export function deleteGold(db: Db, user: User, id: string): Promise<void> {
  return transaction(db, async (tx) => {
    const row = await lockedGold(tx, id);
    await beforeDecision(tx, user, row.articleId);
    const before = goldState(row, await goldLinks(tx, id));
    await tx.delete(goldSpans).where(eq(goldSpans.id, id));
    await audit(tx, user.id, 'delete', 'gold', id, { label: row.labelKey, start: row.start, end: row.end, articleId: row.articleId }, {
      before,
      articleId: row.articleId,
      projectId: await projectOf(tx, row.articleId),
    });
  });
}

/** The project of an article (for the audit entry). */
export const projectOf = async (tx: Tx, articleId: number): Promise<number | null> =>
  (await first(tx.select({ p: articles.projectId }).from(articles).where(eq(articles.id, articleId))))?.p ?? null;

/** Which article a gold span belongs to (for the access check). */
export async function goldArticleId(db: Db, id: string): Promise<number> {
  const row = await first(db.select({ articleId: goldSpans.articleId }).from(goldSpans).where(eq(goldSpans.id, id)));
  if (!row) throw notFound('Gold span');
  return row.articleId;
}

/** Links two gold spans of one article (e.g. an attribution to the statement it attributes); linking twice is one link. */
export function linkGold(db: Db, user: User, articleId: number, input: { from: string; to: string; type: string }) {
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const ends = await tx.select().from(goldSpans).where(and(inArray(goldSpans.id, [input.from, input.to]), eq(goldSpans.articleId, articleId)));
    for (const field of ['from', 'to'] as const)
      if (!ends.some((g) => g.id === input[field])) throw fieldError(field, `no gold span "${input[field]}" on this article`);
    if (input.from === input.to) throw fieldError('to', 'a span cannot be linked to itself');
    const label = (id: string) => ends.find((g) => g.id === id)!.labelKey;
    await requireRelationType(tx, articleId, input.type, label(input.from), label(input.to));
    await beforeDecision(tx, user, articleId);
    const row = await first(tx.insert(goldRelations).values({ fromId: input.from, toId: input.to, type: input.type }).onConflictDoNothing().returning());
    if (row) await audit(tx, user.id, 'link', 'gold', input.from, input, { after: { id: row.id, ...input }, articleId, projectId: await projectOf(tx, articleId) });
    return goldRelationsOf(tx, articleId);
  });
}

export function unlinkGold(db: Db, user: User, articleId: number, relationId: number) {
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const rel = (await goldRelationsOf(tx, articleId)).find((r) => r.id === relationId);
    if (!rel) throw notFound('Gold link');
    await beforeDecision(tx, user, articleId);
    await tx.delete(goldRelations).where(eq(goldRelations.id, relationId));
    await audit(tx, user.id, 'unlink', 'gold', rel.from, rel, { before: rel, articleId, projectId: await projectOf(tx, articleId) });
    return goldRelationsOf(tx, articleId);
  });
}
