import { z } from 'zod';
import type { ImportResult } from './api.js';

/**
 * An import running off the request thread (issue 13): started with
 * `POST /api/projects/:id/import-jobs?<import query>` and the file as the
 * body, watched with `GET /api/import-jobs/:id` (the file checked, then the
 * articles written), cancelled with `DELETE /api/import-jobs/:id` (nothing
 * is written: the import is one transaction).
 */
export interface ImportJob {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** `reading`: the file is read and checked (bytes); `writing`: the articles are written (articles). */
  phase: 'reading' | 'writing';
  /** Bytes or articles done so far, and in all, in the current phase. */
  done: number;
  total: number;
  /** What was imported, once done. */
  result: ImportResult | null;
  /** Why it failed (the import's refusal: bad lines are in `details.errors`). */
  error: { code: string; message: string; details?: unknown } | null;
}

export const importJobParamSchema = z.object({ id: z.string().uuid() });
