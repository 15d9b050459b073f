import type { MiddlewareHandler } from 'hono';
import { importWriting } from '../services/importJobs.js';

/**
 * Requests that may write wait (asynchronously) while an import job holds
 * SQLite's write lock in its worker, then run: the event loop stays free for
 * reads and the health check, and a span write is answered right after the
 * import commits instead of blocking the thread in SQLite's busy wait (issue
 * 13). The import jobs' own routes (progress, cancel) never wait.
 */
export const holdWritesDuringImport: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !c.req.path.startsWith('/api/import-jobs'))
    for (let writing = importWriting(); writing; writing = importWriting()) await writing;
  await next();
};
