import { z } from 'zod';

/**
 * An export running off the request thread (issue 13): started with
 * `POST /api/projects/:id/export-jobs?<export query>`, watched with
 * `GET /api/export-jobs/:id` (articles done of all), cancelled with
 * `DELETE /api/export-jobs/:id`, downloaded once done from
 * `GET /api/export-jobs/:id/file`.
 */
export interface ExportJob {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Articles written so far, and in all (0 until the worker has counted them). */
  done: number;
  total: number;
  /** The download's name, once done. */
  fileName: string | null;
  /** Why it failed. */
  error: string | null;
}

export const exportJobParamSchema = z.object({ id: z.string().uuid() });
