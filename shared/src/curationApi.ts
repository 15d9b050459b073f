/** The HTTP contract of curation (issue 9): request bodies and queries. */
import { z } from 'zod';

export const mergeSchema = z
  .object({
    strategy: z.enum(['unanimous', 'majority', 'threshold']).default('majority'),
    minAgree: z.number().int().min(1).max(1000).optional(),
    match: z.enum(['exact', 'overlap']).default('exact'),
  })
  .refine((v) => v.strategy !== 'threshold' || v.minAgree !== undefined, { path: ['minAgree'], message: 'is required with strategy "threshold"' });

const attributes = z.record(z.string(), z.string());
const spanIds = z.array(z.string().min(1).max(64)).max(10_000);

export const createGoldSchema = z.object({
  label: z.string().min(1).max(50),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  attributes: attributes.optional(),
  /** Annotator span ids this gold span is taken from (`accepted`); none: `added`. */
  from: spanIds.optional(),
});

export const updateGoldSchema = z.object({
  version: z.number().int().min(1),
  label: z.string().min(1).max(50).optional(),
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(0).optional(),
  attributes: attributes.optional(),
});

export const rejectSchema = z.object({ spanIds: spanIds.min(1), reason: z.string().trim().min(1, 'must say why').max(2000) });

export const resolveSchema = z.object({
  /** The conflict's spans; those not accepted are rejected with the reason. */
  spanIds: spanIds.min(1),
  accept: spanIds,
  reason: z.string().trim().min(1).max(2000).default('another version was chosen'),
});

export const completeSchema = z.object({ force: z.boolean().default(false) });

export const reopenSchema = z.object({ annotator: z.string().min(1).max(50), comment: z.string().trim().min(1, 'must say what to change').max(5000) });

export const projectSettingsSchema = z.object({ goldFeedback: z.boolean() });

export const goldLinkSchema = z.object({
  from: z.string().min(1).max(64),
  to: z.string().min(1).max(64),
  type: z.string().min(1).max(50).default('attributes'),
});

export const goldLinkParamSchema = z.object({ id: z.coerce.number().int().positive(), linkId: z.coerce.number().int().positive() });
