import { aliasedTable, eq } from 'drizzle-orm';
import { relationAllowed, type LabelDef, type ProjectScheme, type SchemeImpact } from '@mbw/shared';
import { annotations, articles, goldRelations, goldSpans, relations } from '../db/tables.js';
import type { Tx } from './audit.js';

export type SpanRow = { id: string; labelKey: string; attributes: Record<string, string> };
export type LinkRow = { id: number; gold: boolean; type: string; fromLabel: string; toLabel: string };

/** Every link of the project, annotators' and gold, with the labels of its two spans. */
export async function linksOfProject(tx: Tx, projectId: number): Promise<LinkRow[]> {
  const a = aliasedTable(annotations, 'a');
  const b = aliasedTable(annotations, 'b');
  const own = await tx
    .select({ id: relations.id, type: relations.type, fromLabel: a.labelKey, toLabel: b.labelKey })
    .from(relations)
    .innerJoin(a, eq(a.id, relations.fromId))
    .innerJoin(b, eq(b.id, relations.toId))
    .innerJoin(articles, eq(articles.id, a.articleId))
    .where(eq(articles.projectId, projectId));
  const ga = aliasedTable(goldSpans, 'ga');
  const gb = aliasedTable(goldSpans, 'gb');
  const gold = await tx
    .select({ id: goldRelations.id, type: goldRelations.type, fromLabel: ga.labelKey, toLabel: gb.labelKey })
    .from(goldRelations)
    .innerJoin(ga, eq(ga.id, goldRelations.fromId))
    .innerJoin(gb, eq(gb.id, goldRelations.toId))
    .innerJoin(articles, eq(articles.id, ga.articleId))
    .where(eq(articles.projectId, projectId));
  return [...own.map((l) => ({ ...l, gold: false })), ...gold.map((l) => ({ ...l, gold: true }))];
}

/** Links between two surviving spans that the new relation types no longer allow. */
export function droppedLinks(next: ProjectScheme, links: LinkRow[]): LinkRow[] {
  const keys = new Set(next.labels.map((l) => l.key));
  return links.filter((l) => keys.has(l.fromLabel) && keys.has(l.toLabel) && !relationAllowed(next.relationTypes, l.type, l.fromLabel, l.toLabel));
}

/** The attributes of a span that the new label still allows (values of removed attributes or values dropped). */
export function keptAttributes(label: LabelDef, attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes).filter(([k, v]) => label.attributes.some((a) => a.key === k && a.values.some((x) => x.value === v))),
  );
}

const bump = <K>(map: Map<string, K & { spans: number }>, key: string, make: () => K) => {
  const e = map.get(key) ?? { ...make(), spans: 0 };
  e.spans++;
  map.set(key, e);
};

/** What replacing the scheme does to the spans and links in use (see SchemeImpact). */
export function schemeImpact(before: LabelDef[], next: ProjectScheme, spans: SpanRow[], links: LinkRow[]): SchemeImpact {
  const defs = new Map(next.labels.map((l) => [l.key, l]));
  const old = new Map(before.map((l) => [l.key, l]));
  const removedLabels = new Map<string, { label: string; spans: number }>();
  const removedValues = new Map<string, { label: string; attribute: string; value: string; spans: number }>();
  const newlyRequired = new Map<string, { label: string; attribute: string; spans: number }>();
  const touched = new Set<string>();
  for (const s of spans) {
    const label = defs.get(s.labelKey);
    if (!label) {
      bump(removedLabels, s.labelKey, () => ({ label: s.labelKey }));
      touched.add(s.id);
      continue;
    }
    for (const [attribute, value] of Object.entries(s.attributes))
      if (!Object.hasOwn(keptAttributes(label, { [attribute]: value }), attribute)) {
        bump(removedValues, `${s.labelKey}\0${attribute}\0${value}`, () => ({ label: s.labelKey, attribute, value }));
        touched.add(s.id);
      }
    for (const a of label.attributes) {
      const wasRequired = old.get(s.labelKey)?.attributes.find((x) => x.key === a.key)?.required ?? false;
      if (a.required && !wasRequired && !Object.hasOwn(s.attributes, a.key)) {
        bump(newlyRequired, `${s.labelKey}\0${a.key}`, () => ({ label: s.labelKey, attribute: a.key }));
        touched.add(s.id);
      }
    }
  }
  const dropped = droppedLinks(next, links);
  const byType = new Map<string, number>();
  for (const l of dropped) byType.set(l.type, (byType.get(l.type) ?? 0) + 1);
  return {
    removedLabels: [...removedLabels.values()],
    removedValues: [...removedValues.values()],
    newlyRequired: [...newlyRequired.values()],
    removedLinks: [...byType].map(([type, links]) => ({ type, links })),
    spans: touched.size,
    links: dropped.length,
  };
}
