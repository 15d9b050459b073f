import { z } from 'zod';

// --- article metadata (issue 14) -------------------------------------------

/** `PATCH /api/articles/:id`: outlet, story and title; `null` clears source or story. */
export const updateArticleSchema = z
  .object({
    source: z.string().trim().max(500).nullable().optional(),
    story: z.string().trim().max(500).nullable().optional(),
    title: z.string().trim().min(1, 'must not be blank').max(500).optional(),
  })
  .strict()
  .refine((v) => v.source !== undefined || v.story !== undefined || v.title !== undefined, {
    message: 'name at least one of source, story, title',
  });
export type UpdateArticle = z.infer<typeof updateArticleSchema>;

// --- the bias profile --------------------------------------------------------

export const profileBySchema = z.enum(['article', 'outlet', 'story']);
export type ProfileBy = z.infer<typeof profileBySchema>;

/** `gold` (curated articles' gold, else consensus), `consensus`, or one annotator's username. */
export const profileQuerySchema = z.object({
  by: profileBySchema.default('outlet'),
  basis: z.string().trim().min(1).max(100).default('gold'),
});
