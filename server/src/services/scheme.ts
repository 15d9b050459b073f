import { eq, inArray, sql } from 'drizzle-orm';
import type { LabelDef, ProjectScheme, RelationTypeDef, User } from '@mbw/shared';
import { defaultRelationTypes } from '../../../seeds/scheme.js';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { annotations, articles, goldRelations, goldSpans, labels, projects, relations } from '../db/tables.js';
import { conflict } from '../http/errors.js';
import { managedProject, projectFor } from './access.js';
import { audit, nowIso, type Tx } from './audit.js';
import { recordSpanDeletions } from './auditState.js';
import { projectLabels } from './projects.js';
import { droppedLinks, keptAttributes, linksOfProject, schemeImpact, type LinkRow, type SpanRow } from './schemeImpact.js';

type ProjectRow = typeof projects.$inferSelect;

/**
 * The project's relation types. Projects made before relation types were data
 * (null) get the default types, restricted to the labels they have.
 */
export function relationTypesOf(project: ProjectRow, labelKeys: ReadonlyArray<string>): RelationTypeDef[] {
  if (project.relationTypes) return project.relationTypes as RelationTypeDef[];
  const has = new Set(labelKeys);
  return defaultRelationTypes
    .map((t) => ({ ...t, from: t.from.filter((k) => has.has(k)), to: t.to.filter((k) => has.has(k)) }))
    .filter((t) => t.from.length && t.to.length);
}

/** The scheme of a project with these labels. */
export function schemeWith(project: ProjectRow, labelDefs: LabelDef[]): ProjectScheme {
  return { labels: labelDefs, relationTypes: relationTypesOf(project, labelDefs.map((l) => l.key)), guideline: project.guideline };
}

export async function schemeOf(db: Tx, project: ProjectRow): Promise<ProjectScheme> {
  return schemeWith(project, await projectLabels(db, project.id));
}

/** The scheme, for anyone who may see the project. */
export async function getScheme(db: Db, user: User, projectId: number): Promise<ProjectScheme> {
  return schemeOf(db, await projectFor(db, user, projectId));
}

/** The relation types of an article's project (for checking a link). */
export async function relationTypesForArticle(db: Tx, articleId: number): Promise<RelationTypeDef[]> {
  const project = (await first(
    db
      .select({ p: projects })
      .from(articles)
      .innerJoin(projects, eq(projects.id, articles.projectId))
      .where(eq(articles.id, articleId)),
  ))!.p;
  return (await schemeOf(db, project)).relationTypes;
}

const projectSpans = async (tx: Tx, projectId: number) => ({
  annotator: (await tx
    .select({ id: annotations.id, labelKey: annotations.labelKey, attributes: annotations.attributes })
    .from(annotations)
    .innerJoin(articles, eq(articles.id, annotations.articleId))
    .where(eq(articles.projectId, projectId))) as SpanRow[],
  gold: (await tx
    .select({ id: goldSpans.id, labelKey: goldSpans.labelKey, attributes: goldSpans.attributes })
    .from(goldSpans)
    .innerJoin(articles, eq(articles.id, goldSpans.articleId))
    .where(eq(articles.projectId, projectId))) as SpanRow[],
});

/**
 * Replaces the scheme. A change that touches work in use (spans of a removed
 * label, a removed attribute value, an attribute made required, links the new
 * relation types do not allow) is refused with 409 and `details.affected`
 * unless `confirm`; confirmed, those spans are deleted, those values cleared,
 * those links deleted (required attributes only block the next submit).
 */
export function putScheme(db: Db, actor: User, projectId: number, next: ProjectScheme, confirm: boolean) {
  return transaction(db, async (tx) => {
    await lock(tx, 'project', projectId);
    const project = await managedProject(tx, actor, projectId);
    const before = await schemeOf(tx, project);
    const spans = await projectSpans(tx, projectId);
    const links = await linksOfProject(tx, projectId);
    const impact = schemeImpact(before.labels, next, [...spans.annotator, ...spans.gold], links);
    if ((impact.spans > 0 || impact.links > 0) && !confirm)
      throw conflict(
        `This change affects ${impact.spans} spans and ${impact.links} links in use; send it again with ?confirm=true to apply it.`,
        { affected: impact },
      );
    await applyToWork(tx, { actorId: actor.id, projectId }, next, spans, droppedLinks(next, links));
    await writeScheme(tx, projectId, next);
    await audit(tx, actor.id, 'update_scheme', 'project', projectId, { labels: next.labels.map((l) => l.key), relationTypes: next.relationTypes.map((t) => t.key), impact }, {
      before,
      after: next,
      projectId,
    });
    return { scheme: await schemeOf(tx, { ...project, relationTypes: next.relationTypes, guideline: next.guideline }), impact };
  });
}

async function writeScheme(tx: Tx, projectId: number, next: ProjectScheme) {
  await tx.delete(labels).where(eq(labels.projectId, projectId));
  await tx.insert(labels).values(next.labels.map((l: LabelDef, position) => ({ ...l, projectId, position })));
  await tx.update(projects).set({ relationTypes: next.relationTypes, guideline: next.guideline }).where(eq(projects.id, projectId));
}

/** Deletes spans of removed labels (their links go with them), clears removed values, deletes disallowed links. */
async function applyToWork(tx: Tx, by: { actorId: number; projectId: number }, next: ProjectScheme, spans: { annotator: SpanRow[]; gold: SpanRow[] }, drop: LinkRow[]) {
  const defs = new Map(next.labels.map((l) => [l.key, l]));
  const now = nowIso();
  const gone = (rows: SpanRow[]) => rows.filter((r) => !defs.has(r.labelKey)).map((r) => r.id);
  const changed = (rows: SpanRow[]) =>
    rows.flatMap((r) => {
      const label = defs.get(r.labelKey);
      if (!label) return [];
      const kept = keptAttributes(label, r.attributes);
      return Object.keys(kept).length === Object.keys(r.attributes).length ? [] : [{ id: r.id, kept }];
    });
  // Each deleted span gets its own entry (values and links), so that it can be restored once its label is back.
  const via = { via: 'scheme', reason: 'its label was removed from the scheme' };
  for (const ids of chunks(gone(spans.annotator))) {
    await recordSpanDeletions(tx, by.actorId, by.projectId, 'annotation', ids, via);
    await tx.delete(annotations).where(inArray(annotations.id, ids));
  }
  for (const ids of chunks(gone(spans.gold))) {
    await recordSpanDeletions(tx, by.actorId, by.projectId, 'gold', ids, via);
    await tx.delete(goldSpans).where(inArray(goldSpans.id, ids));
  }
  for (const c of changed(spans.annotator))
    await tx.update(annotations).set({ attributes: c.kept, version: sql`${annotations.version} + 1`, updatedAt: now }).where(eq(annotations.id, c.id));
  for (const c of changed(spans.gold))
    await tx.update(goldSpans).set({ attributes: c.kept, version: sql`${goldSpans.version} + 1` }).where(eq(goldSpans.id, c.id));
  for (const ids of chunks(drop.filter((d) => !d.gold).map((d) => d.id))) await tx.delete(relations).where(inArray(relations.id, ids));
  for (const ids of chunks(drop.filter((d) => d.gold).map((d) => d.id))) await tx.delete(goldRelations).where(inArray(goldRelations.id, ids));
}

function* chunks<T>(items: T[], size = 500): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
