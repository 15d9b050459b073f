/**
 * The values the audit log keeps before and after a change (issue 11): whole
 * spans with their attributes, note and links, so that a deleted span can be
 * restored from its entry, and the curation state of an article around a
 * curation decision.
 */
import { eq, inArray, or } from 'drizzle-orm';
import { annotations, goldRelations, goldSpans, rejections, relations } from '../db/tables.js';
import { audit, type Tx } from './audit.js';

type SpanRow = typeof annotations.$inferSelect;
type GoldRow = typeof goldSpans.$inferSelect;

export interface LinkState {
  id: number;
  from: string;
  to: string;
  type: string;
}

/** An annotator span as the audit log keeps it (`links`: those touching it, on a deletion). */
export const spanState = (a: SpanRow, links?: LinkState[]) => ({
  id: a.id,
  articleId: a.articleId,
  annotatorId: a.annotatorId,
  label: a.labelKey,
  start: a.start,
  end: a.end,
  quote: a.quote,
  attributes: a.attributes,
  note: a.note,
  version: a.version,
  ...(links ? { links } : {}),
});
export type SpanState = ReturnType<typeof spanState>;

/** A gold span as the audit log keeps it, with its provenance. */
export const goldState = (g: GoldRow, links?: LinkState[]) => ({
  id: g.id,
  articleId: g.articleId,
  label: g.labelKey,
  start: g.start,
  end: g.end,
  quote: g.quote,
  attributes: g.attributes,
  openAttributes: g.openAttributes,
  decision: g.decision,
  sources: g.sources,
  annotators: g.annotators,
  version: g.version,
  ...(links ? { links } : {}),
});
export type GoldState = ReturnType<typeof goldState>;

/** The links from or to an annotator span. */
export const spanLinks = async (tx: Tx, spanId: string): Promise<LinkState[]> =>
  await tx
    .select({ id: relations.id, from: relations.fromId, to: relations.toId, type: relations.type })
    .from(relations)
    .where(or(eq(relations.fromId, spanId), eq(relations.toId, spanId)));

/** The links from or to a gold span. */
export const goldLinks = async (tx: Tx, goldId: string): Promise<LinkState[]> =>
  await tx
    .select({ id: goldRelations.id, from: goldRelations.fromId, to: goldRelations.toId, type: goldRelations.type })
    .from(goldRelations)
    .where(or(eq(goldRelations.fromId, goldId), eq(goldRelations.toId, goldId)));

/** An article's curation as the audit log keeps it around a decision: gold spans, gold links, rejections. */
export async function curationState(tx: Tx, articleId: number) {
  const gold = await tx.select().from(goldSpans).where(eq(goldSpans.articleId, articleId));
  const ids = gold.map((g) => g.id);
  return {
    gold: gold.map((g) => goldState(g)),
    links: ids.length
      ? await tx
          .select({ id: goldRelations.id, from: goldRelations.fromId, to: goldRelations.toId, type: goldRelations.type })
          .from(goldRelations)
          .where(inArray(goldRelations.fromId, ids))
      : [],
    rejections: await tx
      .select({ spanId: rejections.annotationId, reason: rejections.reason })
      .from(rejections)
      .where(eq(rejections.articleId, articleId)),
  };
}

/**
 * Records the deletion of each of these spans (annotator's or gold) with its
 * values and links, before a bulk change deletes them (a scheme change that
 * removes their label): each can be restored from its entry later, once the
 * label is back.
 */
export async function recordSpanDeletions(tx: Tx, actorId: number, projectId: number, kind: 'annotation' | 'gold', ids: string[], data: unknown): Promise<void> {
  if (!ids.length) return;
  if (kind === 'annotation')
    for (const row of await tx.select().from(annotations).where(inArray(annotations.id, ids)))
      await audit(tx, actorId, 'delete', 'annotation', row.id, data, { before: spanState(row, await spanLinks(tx, row.id)), articleId: row.articleId, projectId });
  else
    for (const row of await tx.select().from(goldSpans).where(inArray(goldSpans.id, ids)))
      await audit(tx, actorId, 'delete', 'gold', row.id, data, { before: goldState(row, await goldLinks(tx, row.id)), articleId: row.articleId, projectId });
}
