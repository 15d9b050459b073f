import type { MiddlewareHandler } from 'hono';
import { importWriting } from '../services/importJobs.js';
import { enterWrite, leaveWrite, tryEnterWrite } from '../services/writeGate.js';

/** The import routes write nothing on this thread (their worker does), and progress and cancel must pass while it writes. */
const IMPORT_PATHS = /^\/api\/(import-jobs(\/|$)|projects\/[^/]+\/import(-jobs)?\/?$)/;

/**
 * Requests that may write pass the write gate (services/writeGate.ts): while
 * an import job writes in its worker they wait asynchronously for its
 * commit, and the import waits for the requests in flight (issue 13). The
 * event loop stays free for reads and the health check, and a span write is
 * answered right after the import commits instead of blocking the thread in
 * SQLite's busy wait and failing after busy_timeout.
 */
export const holdWritesDuringImport: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || IMPORT_PATHS.test(c.req.path)) return next();
  if (!tryEnterWrite()) await enterWrite(importWriting);
  try {
    await next();
  } finally {
    leaveWrite();
  }
};
