import { aliasedTable, and, asc, eq, or, sql } from 'drizzle-orm';
import { relationAllowed, type Relation, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { once } from '../db/prepared.js';
import { first, transaction } from '../db/tx.js';
import { annotations, relations, users } from '../db/tables.js';
import { badRequest, notFound } from '../http/errors.js';
import { ownAnnotation } from './annotations.js';
import { audit, type Tx } from './audit.js';
import { relationTypesForArticle } from './scheme.js';

/** The statement of an article's links with their source span's annotator, in id order. */
// Read for every span list and every exported article: built and prepared once per connection (db/prepared.ts).
export const linksOfArticle = (db: Db) =>
  once(db, 'relations.ofArticle', () => {
    const source = aliasedTable(annotations, 'source');
    return db
      .select({ id: relations.id, from: relations.fromId, to: relations.toId, type: relations.type, annotator: users.username })
      .from(relations)
      .innerJoin(source, eq(source.id, relations.fromId))
      .innerJoin(users, eq(users.id, source.annotatorId))
      .where(eq(source.articleId, sql.placeholder('articleId')))
      .orderBy(asc(relations.id))
      .prepare();
  });

/** The links of an article whose source span is `annotator`'s (a username), or all its links (`undefined`): `relationsAmong()` of that annotator's spans. */
export async function linksBy(db: Db, articleId: number, annotator: string | undefined): Promise<Relation[]> {
  const rows = (await linksOfArticle(db).execute({ articleId })) as Relation[];
  return annotator === undefined ? rows : rows.filter((r) => r.annotator === annotator);
}

/** The links of an article whose source span is among `visible` (the spans the caller may see). */
export async function relationsAmong(db: Db, articleId: number, visible: ReadonlyArray<{ id: string }>): Promise<Relation[]> {
  if (visible.length === 0) return [];
  const ids = new Set(visible.map((a) => a.id));
  return ((await linksOfArticle(db).execute({ articleId })) as Relation[]).filter((r) => ids.has(r.from));
}

/** Links two of the user's own spans on one open article; linking twice answers the existing link. */
export async function createRelation(db: Db, user: User, articleId: number, input: { from: string; to: string; type: string }) {
  if (input.from === input.to) throw badRequest('Invalid body: to: a span cannot be linked to itself', { issues: [{ path: 'to', message: 'must differ from from' }] });
  // Every read that decides the write happens inside its transaction.
  return transaction(db, async (tx) => {
    const fromSide = await ownAnnotation(tx, user, input.from);
    const from = fromSide.row;
    const to = (await ownAnnotation(tx, user, input.to)).row;
    if (from.articleId !== articleId || to.articleId !== articleId)
      throw badRequest('Invalid body: from: both spans must belong to this article', { issues: [{ path: 'from', message: 'not in this article' }] });
    await requireRelationType(tx, articleId, input.type, from.labelKey, to.labelKey);
    const existing = await first(
      tx
        .select()
        .from(relations)
        .where(and(eq(relations.fromId, from.id), eq(relations.toId, to.id), eq(relations.type, input.type))),
    );
    const row = existing ?? (await first(tx.insert(relations).values({ fromId: from.id, toId: to.id, type: input.type }).returning()))!;
    const state = { id: row.id, from: row.fromId, to: row.toId, type: row.type };
    if (!existing) await audit(tx, user.id, 'create', 'relation', row.id, state, { after: state, articleId, projectId: fromSide.article.projectId });
    return {
      relation: { id: row.id, from: row.fromId, to: row.toId, type: row.type, annotator: user.username } as Relation,
      created: !existing,
    };
  });
}

export async function deleteRelation(db: Db, user: User, id: number): Promise<void> {
  await transaction(db, async (tx) => {
    const row = await first(tx.select().from(relations).where(eq(relations.id, id)));
    if (!row) throw notFound('Link');
    const { article } = await ownAnnotation(tx, user, row.fromId); // only the spans' annotator, only while the article is open
    await tx.delete(relations).where(eq(relations.id, id));
    const state = { id, from: row.fromId, to: row.toId, type: row.type };
    await audit(tx, user.id, 'delete', 'relation', id, state, { before: state, articleId: article.id, projectId: article.projectId });
  });
}

/** A 400 naming `type` unless the project's scheme has a relation type `type` from the `from` label to the `to` label. */
export async function requireRelationType(tx: Tx, articleId: number, type: string, fromLabel: string, toLabel: string): Promise<void> {
  const types = await relationTypesForArticle(tx, articleId);
  if (relationAllowed(types, type, fromLabel, toLabel)) return;
  const t = types.find((r) => r.key === type);
  const message = t
    ? `"${type}" links ${t.from.join(', ')} to ${t.to.join(', ')}, not ${fromLabel} to ${toLabel}`
    : `"${type}" is not a relation type of this project (${types.map((r) => r.key).join(', ') || 'it has none'})`;
  throw badRequest(`Invalid body: type: ${message}`, { issues: [{ path: 'type', message }] });
}

/** A relabel may not leave a link of the span that the scheme does not allow: 400 naming `label` (unlink first). */
export async function requireLinksAllowLabel(tx: Tx, articleId: number, spanId: string, label: string): Promise<void> {
  const types = await relationTypesForArticle(tx, articleId);
  const a = aliasedTable(annotations, 'a');
  const b = aliasedTable(annotations, 'b');
  const links = await tx
    .select({ type: relations.type, fromId: relations.fromId, toId: relations.toId, fromLabel: a.labelKey, toLabel: b.labelKey })
    .from(relations)
    .innerJoin(a, eq(a.id, relations.fromId))
    .innerJoin(b, eq(b.id, relations.toId))
    .where(or(eq(relations.fromId, spanId), eq(relations.toId, spanId)));
  const bad = links.find((l) => !relationAllowed(types, l.type, l.fromId === spanId ? label : l.fromLabel, l.toId === spanId ? label : l.toLabel));
  if (!bad) return;
  const message = `the span has a "${bad.type}" link that a ${label} span cannot have; unlink it first`;
  throw badRequest(`Invalid body: label: ${message}`, { issues: [{ path: 'label', message }] });
}
