import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/client.js';
import { isPostgres } from '../db/tx.js';
import { databaseFileCheck } from '../services/dbFile.js';
import { ApiError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * At each request: is the database file still the one the server opened
 * (same inode)? When it was deleted or replaced, health answers 503 and every
 * write is refused with 503 (it would land in a file no one opens again),
 * and the server says so on stderr. Reads still answer from the open file.
 * SQLite only.
 */
export const databaseGuard = (db: Db) => {
  // PostgreSQL: no file to lose; a lost server fails the query itself (health is the app's answer).
  if (isPostgres(db)) return createMiddleware(async (_c, next) => next());
  const check = databaseFileCheck(db.$client);
  return createMiddleware(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) && !c.req.path.startsWith('/api/health')) return next();
    const problem = check();
    if (problem) {
      console.error(`DATABASE PROBLEM: ${problem}. Refusing writes; stop the server and restore from a backup (npm run cli -- restore FILE).`);
      throw new ApiError(503, 'database_gone', `${problem}: writes are refused until the server is restarted on a restored database.`);
    }
    await next();
  });
};
