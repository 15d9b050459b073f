/**
 * Archive and purge (issue 10): an archived article or project is hidden and
 * restorable; an admin may then delete it permanently, confirmed by typing its
 * name (an article's title, a project's name).
 */
import { z } from 'zod';

/** `POST /api/articles/:id/purge` and `POST /api/projects/:id/purge`. */
export const purgeSchema = z.object({ confirmName: z.string().max(1000) });

/** `GET /api/projects?archived=true` lists the archived projects the supervisor manages instead. */
export const projectListQuerySchema = z.object({ archived: z.enum(['true', 'false']).optional() });

/** An archived project, with the spans it holds. */
export interface ArchivedProject {
  id: number;
  name: string;
  description: string;
  createdAt: string;
  archivedAt: string;
  articleCount: number;
  spans: number;
}

/** What a purge deleted, counted before it went. */
export interface PurgeResult {
  kind: 'article' | 'project';
  id: number;
  name: string;
  deleted: { articles: number; spans: number; links: number; goldSpans: number; assignments: number };
}
