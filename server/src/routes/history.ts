import { Hono } from 'hono';
import { historyQuerySchema, idParamSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validParam, validQuery } from '../http/validate.js';
import { articleHistory } from '../services/history.js';
import { restoreFromEntry } from '../services/restore.js';

/** `GET /api/articles/:id/history` (mounted under /articles). */
export const articleHistoryRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id/history', validParam(idParamSchema), validQuery(historyQuerySchema), async (c) =>
      c.json(await articleHistory(db, c.var.user, c.req.valid('param').id, c.req.valid('query')), 200),
    );

/** `POST /api/audit/:id/restore`: brings back the span or gold span a deletion entry recorded. */
export const auditRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .post('/:id/restore', validParam(idParamSchema), async (c) => c.json({ restored: await restoreFromEntry(db, c.var.user, c.req.valid('param').id) }, 201));
