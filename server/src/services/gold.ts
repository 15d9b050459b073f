/**
 * The gold standard of an article (issue 9): reading it with its provenance,
 * and the curator's own edits (add, accept, edit, remove). Every change
 * first records the article's curation state, so that undo can restore it.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { attributeProblems, OffsetMap, type LabelDef, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, articles, curation, curationHistory, goldRelations, goldSpans, rejections, users } from '../db/schema.js';
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

export function goldOf(tx: Tx, articleId: number): GoldSpanView[] {
  return tx
    .select({ g: goldSpans, curator: users.username })
    .from(goldSpans)
    .leftJoin(users, eq(users.id, goldSpans.curatorId))
    .where(eq(goldSpans.articleId, articleId))
    .orderBy(asc(goldSpans.start), asc(goldSpans.end), asc(goldSpans.labelKey))
    .all()
    .map((r) => goldView(r.g, r.curator));
}

export function goldRelationsOf(tx: Tx, articleId: number) {
  const ids = tx.select({ id: goldSpans.id }).from(goldSpans).where(eq(goldSpans.articleId, articleId)).all().map((r) => r.id);
  if (!ids.length) return [];
  return tx
    .select({ id: goldRelations.id, from: goldRelations.fromId, to: goldRelations.toId, type: goldRelations.type })
    .from(goldRelations)
    .where(inArray(goldRelations.fromId, ids))
    .orderBy(asc(goldRelations.id))
    .all();
}

export function curationStatus(tx: Tx, articleId: number): 'open' | 'curated' {
  return tx.select({ s: curation.status }).from(curation).where(eq(curation.articleId, articleId)).get()?.s ?? 'open';
}

export function setCurationStatus(tx: Tx, user: User, articleId: number, status: 'open' | 'curated') {
  tx.insert(curation)
    .values({ articleId, status, curatorId: user.id, updatedAt: nowIso() })
    .onConflictDoUpdate({ target: curation.articleId, set: { status, curatorId: user.id, updatedAt: nowIso() } })
    .run();
}

/** Records the article's curation state before a decision (for undo); a decision reopens a curated article. */
export function beforeDecision(tx: Tx, user: User, articleId: number) {
  const snapshot = {
    gold: tx.select().from(goldSpans).where(eq(goldSpans.articleId, articleId)).all(),
    relations: goldRelationsOf(tx, articleId),
    rejections: tx.select().from(rejections).where(eq(rejections.articleId, articleId)).all(),
    status: curationStatus(tx, articleId),
  };
  tx.insert(curationHistory).values({ articleId, snapshot }).run();
  if (snapshot.status === 'curated') setCurationStatus(tx, user, articleId, 'open');
}

type Snapshot = {
  gold: GoldRow[];
  relations: Array<{ from: string; to: string; type: string }>;
  rejections: Array<typeof rejections.$inferSelect>;
  status: 'open' | 'curated';
};

/** Undoes the last curation decision on the article; 409 when there is none. */
export function undoDecision(db: Db, user: User, articleId: number) {
  return db.transaction((tx) => {
    const last = tx.select().from(curationHistory).where(eq(curationHistory.articleId, articleId)).orderBy(desc(curationHistory.id)).limit(1).get();
    if (!last) throw conflict('Nothing to undo on this article.');
    const snap = last.snapshot as Snapshot;
    const before = curationState(tx, articleId);
    tx.delete(goldSpans).where(eq(goldSpans.articleId, articleId)).run();
    tx.delete(rejections).where(eq(rejections.articleId, articleId)).run();
    if (snap.gold.length) tx.insert(goldSpans).values(snap.gold).run();
    for (const r of snap.relations) tx.insert(goldRelations).values({ fromId: r.from, toId: r.to, type: r.type }).run();
    // Rejected spans deleted since (a reopened annotator) cannot be rejected again.
    const alive = new Set(
      snap.rejections.length
        ? tx.select({ id: annotations.id }).from(annotations).where(inArray(annotations.id, snap.rejections.map((r) => r.annotationId))).all().map((r) => r.id)
        : [],
    );
    const back = snap.rejections.filter((r) => alive.has(r.annotationId));
    if (back.length) tx.insert(rejections).values(back).run();
    setCurationStatus(tx, user, articleId, snap.status);
    tx.delete(curationHistory).where(eq(curationHistory.id, last.id)).run();
    audit(tx, user.id, 'undo', 'curation', articleId, undefined, { before, after: curationState(tx, articleId), articleId, projectId: projectOf(tx, articleId) });
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
export function insertGold(
  tx: Tx,
  user: User,
  article: { id: number; text: string; projectId: number },
  g: GoldInput & { decision: GoldRow['decision']; sources: string[]; annotators: string[]; openAttributes?: string[] },
  labels: LabelDef[],
): GoldRow {
  const quote = checkGold(article.text, labels, g);
  return tx
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
    .returning()
    .get();
}

/** The annotator spans named by id, all of this article (400 naming the field otherwise). */
export function spansOfArticle(tx: Tx, articleId: number, ids: string[], field: string) {
  if (!ids.length) return [];
  const rows = tx
    .select({ a: annotations, username: users.username })
    .from(annotations)
    .innerJoin(users, eq(users.id, annotations.annotatorId))
    .where(and(inArray(annotations.id, ids), eq(annotations.articleId, articleId)))
    .all();
  const missing = ids.filter((id) => !rows.some((r) => r.a.id === id));
  if (missing.length) throw fieldError(field, `no span ${missing.join(', ')} on this article`);
  return rows;
}

export function addGold(db: Db, user: User, articleId: number, input: GoldInput & { from?: string[] }) {
  const article = db.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article) throw notFound('Article');
  const labels = projectLabels(db, article.projectId);
  return db.transaction((tx) => {
    const from = spansOfArticle(tx, articleId, input.from ?? [], 'from');
    beforeDecision(tx, user, articleId);
    const row = insertGold(tx, user, article, {
      ...input,
      decision: from.length ? 'accepted' : 'added',
      sources: from.map((r) => r.a.id),
      annotators: [...new Set(from.map((r) => r.username))].sort(),
    }, labels);
    audit(tx, user.id, 'create', 'gold', row.id, { articleId, decision: row.decision }, { after: goldState(row), articleId, projectId: article.projectId });
    return goldView(row, user.username);
  });
}

export function updateGold(db: Db, user: User, id: string, input: Partial<GoldInput> & { version: number }) {
  return db.transaction((tx) => {
    const row = tx.select().from(goldSpans).where(eq(goldSpans.id, id)).get();
    if (!row) throw notFound('Gold span');
    if (row.version !== input.version)
      throw conflict(`This gold span was changed elsewhere (version ${row.version}, you sent ${input.version}).`, { current: goldView(row, null) });
    const article = tx.select().from(articles).where(eq(articles.id, row.articleId)).get()!;
    const next = { label: input.label ?? row.labelKey, start: input.start ?? row.start, end: input.end ?? row.end, attributes: input.attributes ?? row.attributes };
    const quote = checkGold(article.text, projectLabels(tx as unknown as Db, article.projectId), next);
    beforeDecision(tx, user, row.articleId);
    const updated = tx
      .update(goldSpans)
      .set({ labelKey: next.label, start: next.start, end: next.end, attributes: next.attributes, quote, openAttributes: [], decision: 'edited', curatorId: user.id, decidedAt: nowIso(), version: row.version + 1 })
      .where(eq(goldSpans.id, id))
      .returning()
      .get();
    audit(tx, user.id, 'update', 'gold', id, { from: { label: row.labelKey, start: row.start, end: row.end }, to: next }, {
      before: goldState(row),
      after: goldState(updated),
      articleId: row.articleId,
      projectId: article.projectId,
    });
    return goldView(updated, user.username);
  });
}

export function deleteGold(db: Db, user: User, id: string) {
  db.transaction((tx) => {
    const row = tx.select().from(goldSpans).where(eq(goldSpans.id, id)).get();
    if (!row) throw notFound('Gold span');
    beforeDecision(tx, user, row.articleId);
    const before = goldState(row, goldLinks(tx, id));
    tx.delete(goldSpans).where(eq(goldSpans.id, id)).run();
    audit(tx, user.id, 'delete', 'gold', id, { label: row.labelKey, start: row.start, end: row.end, articleId: row.articleId }, {
      before,
      articleId: row.articleId,
      projectId: projectOf(tx, row.articleId),
    });
  });
}

/** The project of an article (for the audit entry). */
export const projectOf = (tx: Tx, articleId: number): number | null =>
  tx.select({ p: articles.projectId }).from(articles).where(eq(articles.id, articleId)).get()?.p ?? null;

/** Which article a gold span belongs to (for the access check). */
export function goldArticleId(db: Db, id: string): number {
  const row = db.select({ articleId: goldSpans.articleId }).from(goldSpans).where(eq(goldSpans.id, id)).get();
  if (!row) throw notFound('Gold span');
  return row.articleId;
}

/** Links two gold spans of one article (e.g. an attribution to the statement it attributes); linking twice is one link. */
export function linkGold(db: Db, user: User, articleId: number, input: { from: string; to: string; type: string }) {
  return db.transaction((tx) => {
    const ends = tx.select().from(goldSpans).where(and(inArray(goldSpans.id, [input.from, input.to]), eq(goldSpans.articleId, articleId))).all();
    for (const field of ['from', 'to'] as const)
      if (!ends.some((g) => g.id === input[field])) throw fieldError(field, `no gold span "${input[field]}" on this article`);
    if (input.from === input.to) throw fieldError('to', 'a span cannot be linked to itself');
    const label = (id: string) => ends.find((g) => g.id === id)!.labelKey;
    requireRelationType(tx, articleId, input.type, label(input.from), label(input.to));
    beforeDecision(tx, user, articleId);
    const row = tx.insert(goldRelations).values({ fromId: input.from, toId: input.to, type: input.type }).onConflictDoNothing().returning().get();
    if (row) audit(tx, user.id, 'link', 'gold', input.from, input, { after: { id: row.id, ...input }, articleId, projectId: projectOf(tx, articleId) });
    return goldRelationsOf(tx, articleId);
  });
}

export function unlinkGold(db: Db, user: User, articleId: number, relationId: number) {
  return db.transaction((tx) => {
    const rel = goldRelationsOf(tx, articleId).find((r) => r.id === relationId);
    if (!rel) throw notFound('Gold link');
    beforeDecision(tx, user, articleId);
    tx.delete(goldRelations).where(eq(goldRelations.id, relationId)).run();
    audit(tx, user.id, 'unlink', 'gold', rel.from, rel, { before: rel, articleId, projectId: projectOf(tx, articleId) });
    return goldRelationsOf(tx, articleId);
  });
}
