/**
 * A project's scheme as one document (issue 10): its labels, the relation
 * types that may link their spans, and a guideline (Markdown).
 */
import { z } from 'zod';
import { labelSchemeSchema } from './scheme.js';

export const relationKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be lower case letters, digits and _');

/** A relation type: spans of a `from` label may be linked to spans of a `to` label. */
export const relationTypeDefSchema = z.object({
  key: relationKeySchema,
  name: z.string().trim().min(1).max(100),
  from: z.array(z.string().min(1).max(50)).min(1, 'must name at least one label'),
  to: z.array(z.string().min(1).max(50)).min(1, 'must name at least one label'),
});
export type RelationTypeDef = z.infer<typeof relationTypeDefSchema>;

export const projectSchemeSchema = z
  .object({
    labels: labelSchemeSchema,
    relationTypes: z.array(relationTypeDefSchema).max(50).default([]),
    guideline: z.string().max(100_000).default(''),
  })
  .superRefine((s, ctx) => {
    const labels = new Set(s.labels.map((l) => l.key));
    const seen = new Set<string>();
    s.relationTypes.forEach((t, i) => {
      if (seen.has(t.key)) ctx.addIssue({ code: 'custom', path: ['relationTypes', i, 'key'], message: `duplicate relation type "${t.key}"` });
      seen.add(t.key);
      for (const end of ['from', 'to'] as const)
        t[end].forEach((key, k) => {
          if (!labels.has(key)) ctx.addIssue({ code: 'custom', path: ['relationTypes', i, end, k], message: `no label "${key}" in the scheme` });
        });
    });
  });
export type ProjectScheme = z.infer<typeof projectSchemeSchema>;
export type ProjectSchemeInput = z.input<typeof projectSchemeSchema>;

export const schemeQuerySchema = z.object({
  /** `true`: apply a change that invalidates spans or links in use (see `details.affected` of the 409). */
  confirm: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** What a scheme change does to work in use, counted per reason. */
export interface SchemeImpact {
  /** Spans whose label is removed: deleted with their links. */
  removedLabels: Array<{ label: string; spans: number }>;
  /** Spans holding an attribute value that no longer exists: the value is cleared. */
  removedValues: Array<{ label: string; attribute: string; value: string; spans: number }>;
  /** Spans lacking an attribute made required: kept, and must be completed before submitting. */
  newlyRequired: Array<{ label: string; attribute: string; spans: number }>;
  /** Links whose type is removed or whose labels it no longer joins: deleted. */
  removedLinks: Array<{ type: string; links: number }>;
  /** Distinct spans affected, and links deleted, in all. */
  spans: number;
  links: number;
}

/** Does the scheme allow a link of `type` from a span labelled `from` to one labelled `to`? */
export function relationAllowed(types: ReadonlyArray<RelationTypeDef>, type: string, from: string, to: string): boolean {
  const t = types.find((r) => r.key === type);
  return !!t && t.from.includes(from) && t.to.includes(to);
}
