import { aliasedTable, and, asc, eq, or, sql } from 'drizzle-orm';
import { relationAllowed, type Relation, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { once } from '../db/prepared.js';
import { annotations, relations, users } from '../db/schema.js';
import { badRequest, notFound } from '../http/errors.js';
import { ownAnnotation } from './annotations.js';
import { audit, type Tx } from './audit.js';
import { relationTypesForArticle } from './scheme.js';

/** The links of an article whose source span is among `visible` (the spans the caller may see). */
// Read for every span list and every exported article: built and prepared once per connection (db/prepared.ts).
const linksOfArticle = (db: Db) =>
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
export function linksBy(db: Db, articleId: number, annotator: string | undefined): Relation[] {
  const rows = linksOfArticle(db).all({ articleId }) as Relation[];
  return annotator === undefined ? rows : rows.filter((r) => r.annotator === annotator);
}

export function relationsAmong(db: Db, articleId: number, visible: ReadonlyArray<{ id: string }>): Relation[] {
  if (visible.length === 0) return [];
  const ids = new Set(visible.map((a) => a.id));
  return linksOfArticle(db)
    .all({ articleId })
    .filter((r) => ids.has(r.from)) as Relation[];
}

/** Links two of the user's own spans on one open article; linking twice answers the existing link. */
export function createRelation(db: Db, user: User, articleId: number, input: { from: string; to: string; type: string }) {
  if (input.from === input.to) throw badRequest('Invalid body: to: a span cannot be linked to itself', { issues: [{ path: 'to', message: 'must differ from from' }] });
  const fromSide = ownAnnotation(db, user, input.from);
  const from = fromSide.row;
  const to = ownAnnotation(db, user, input.to).row;
  if (from.articleId !== articleId || to.articleId !== articleId)
    throw badRequest('Invalid body: from: both spans must belong to this article', { issues: [{ path: 'from', message: 'not in this article' }] });
  return db.transaction((tx) => {
    requireRelationType(tx, articleId, input.type, from.labelKey, to.labelKey);
    const existing = tx
      .select()
      .from(relations)
      .where(and(eq(relations.fromId, from.id), eq(relations.toId, to.id), eq(relations.type, input.type)))
      .get();
    const row = existing ?? tx.insert(relations).values({ fromId: from.id, toId: to.id, type: input.type }).returning().get();
    const state = { id: row.id, from: row.fromId, to: row.toId, type: row.type };
    if (!existing) audit(tx, user.id, 'create', 'relation', row.id, state, { after: state, articleId, projectId: fromSide.article.projectId });
    return {
      relation: { id: row.id, from: row.fromId, to: row.toId, type: row.type, annotator: user.username } as Relation,
      created: !existing,
    };
  });
}

export function deleteRelation(db: Db, user: User, id: number): void {
  const row = db.select().from(relations).where(eq(relations.id, id)).get();
  if (!row) throw notFound('Link');
  const { article } = ownAnnotation(db, user, row.fromId); // only the spans' annotator, only while the article is open
  db.transaction((tx) => {
    tx.delete(relations).where(eq(relations.id, id)).run();
    const state = { id, from: row.fromId, to: row.toId, type: row.type };
    audit(tx, user.id, 'delete', 'relation', id, state, { before: state, articleId: article.id, projectId: article.projectId });
  });
}

/** A 400 naming `type` unless the project's scheme has a relation type `type` from the `from` label to the `to` label. */
export function requireRelationType(tx: Tx, articleId: number, type: string, fromLabel: string, toLabel: string): void {
  const types = relationTypesForArticle(tx, articleId);
  if (relationAllowed(types, type, fromLabel, toLabel)) return;
  const t = types.find((r) => r.key === type);
  const message = t
    ? `"${type}" links ${t.from.join(', ')} to ${t.to.join(', ')}, not ${fromLabel} to ${toLabel}`
    : `"${type}" is not a relation type of this project (${types.map((r) => r.key).join(', ') || 'it has none'})`;
  throw badRequest(`Invalid body: type: ${message}`, { issues: [{ path: 'type', message }] });
}

/** A relabel may not leave a link of the span that the scheme does not allow: 400 naming `label` (unlink first). */
export function requireLinksAllowLabel(tx: Tx, articleId: number, spanId: string, label: string): void {
  const types = relationTypesForArticle(tx, articleId);
  const a = aliasedTable(annotations, 'a');
  const b = aliasedTable(annotations, 'b');
  const links = tx
    .select({ type: relations.type, fromId: relations.fromId, toId: relations.toId, fromLabel: a.labelKey, toLabel: b.labelKey })
    .from(relations)
    .innerJoin(a, eq(a.id, relations.fromId))
    .innerJoin(b, eq(b.id, relations.toId))
    .where(or(eq(relations.fromId, spanId), eq(relations.toId, spanId)))
    .all();
  const bad = links.find((l) => !relationAllowed(types, l.type, l.fromId === spanId ? label : l.fromLabel, l.toId === spanId ? label : l.toLabel));
  if (!bad) return;
  const message = `the span has a "${bad.type}" link that a ${label} span cannot have; unlink it first`;
  throw badRequest(`Invalid body: label: ${message}`, { issues: [{ path: 'label', message }] });
}
