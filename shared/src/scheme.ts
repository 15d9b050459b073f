import { z } from 'zod';

/**
 * Keys a label or attribute may not have, compared without case: the fields
 * exports write beside a span's attributes (JSONL and CSV fields, WebAnno's
 * `label|annotator|status|note|spanId` features, brat's `annotator` and
 * `status` attributes), which such a key would overwrite or be taken for,
 * and the names of Object's own properties (`constructor`, `toString`…),
 * which `key in obj` tests and plain-object lookups would find on every object.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(
  [
    ...['id', 'spanId', 'span_id', 'article_id', 'start', 'end', 'label', 'annotator', 'status', 'note', 'quote', 'text', 'attributes'],
    ...Object.getOwnPropertyNames(Object.prototype),
  ].map((k) => k.toLowerCase()),
);

export const isReservedKey = (key: string) => RESERVED_KEYS.has(key.toLowerCase());

const notReserved = (key: string) => !isReservedKey(key);
const reservedMessage = (what: string) =>
  `is reserved: a ${what} may not be named like an export field (id, label, annotator, status, note, spanId…) or a property of every object (constructor, toString…)`;

/** One attribute of a label: a closed list of values (e.g. polarity). */
export const attributeDefSchema = z.object({
  key: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'must be an identifier')
    .refine(notReserved, reservedMessage('attribute')),
  name: z.string().min(1).max(100),
  values: z
    .array(z.object({ value: z.string().min(1).max(100), name: z.string().min(1).max(100) }))
    .min(1),
  required: z.boolean().default(false),
});
export type AttributeDef = z.infer<typeof attributeDefSchema>;

export const labelDefSchema = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be lower case letters, digits and _')
    .refine(notReserved, reservedMessage('label')),
  name: z.string().min(1).max(100),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f77b4'),
  hotkey: z.string().length(1).nullable().default(null),
  description: z.string().max(2000).default(''),
  /** Guidelines by language code (e.g. `en`, `de`). */
  guidelines: z.record(z.string(), z.string().max(20000)).default({}),
  attributes: z.array(attributeDefSchema).default([]),
});
export type LabelDef = z.infer<typeof labelDefSchema>;
export type LabelDefInput = z.input<typeof labelDefSchema>;

export const labelSchemeSchema = z
  .array(labelDefSchema)
  .min(1)
  .superRefine((labels, ctx) => {
    const keys = new Set<string>();
    const hotkeys = new Set<string>();
    labels.forEach((l, i) => {
      if (keys.has(l.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate label key "${l.key}"` });
      keys.add(l.key);
      if (l.hotkey !== null) {
        if (hotkeys.has(l.hotkey)) ctx.addIssue({ code: 'custom', path: [i, 'hotkey'], message: `duplicate hotkey "${l.hotkey}"` });
        hotkeys.add(l.hotkey);
      }
    });
  });

/** The keys of required attributes a span has no value for: allowed in a draft, refused on submit. */
export function missingRequiredAttributes(label: LabelDef, attributes: Record<string, string>): string[] {
  // Object.hasOwn, not `in`: an attribute named `constructor` is no inherited property.
  return label.attributes.filter((a) => a.required && !Object.hasOwn(attributes, a.key)).map((a) => a.key);
}

/**
 * What a relabel does to a span's attributes (the one rule, for the server
 * and the page's optimistic view): those the new label defines, with a value
 * it allows, are kept; the others are dropped.
 */
export function attributesForLabel(label: Pick<LabelDef, 'attributes'>, attributes: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const def of label.attributes)
    if (Object.hasOwn(attributes, def.key) && def.values.some((v) => v.value === attributes[def.key])) kept[def.key] = attributes[def.key]!;
  return kept;
}

/**
 * Checks a span's attributes against its label's definitions. Returns the
 * problems as `[attributeKey, message]` pairs (empty when they fit).
 */
export function attributeProblems(label: Pick<LabelDef, 'key' | 'attributes'>, attributes: Record<string, string>): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const defs = new Map(label.attributes.map((a) => [a.key, a]));
  for (const [key, value] of Object.entries(attributes)) {
    const def = defs.get(key);
    if (!def) problems.push([key, `label "${label.key}" has no attribute "${key}"`]);
    else if (!def.values.some((v) => v.value === value))
      problems.push([key, `"${value}" is not one of ${def.values.map((v) => v.value).join(', ')}`]);
  }
  return problems;
}
