/**
 * The contract of issue 10's assignment routes beyond round-robin: an
 * annotator's skip of an article with a reason (a flag the supervisor sees
 * and clears).
 */
import { z } from 'zod';

/** `POST /api/articles/:id/flag`: skip this article, saying why. */
export const flagArticleSchema = z.object({
  reason: z.string().trim().min(1, 'must not be blank').max(1000),
});

/** `DELETE /api/articles/:id/flag`: the annotator withdraws their own flag; a supervisor names whose flag to clear. */
export const clearFlagQuerySchema = z.object({
  annotator: z.coerce.number().int().positive().optional(),
});

/** An annotator's skip of an assigned article. */
export interface ArticleFlag {
  reason: string;
  /** ISO time of the flag. */
  at: string;
}
