import { Hono } from 'hono';
import { idParamSchema, projectSchemeSchema, schemeQuerySchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam, validQuery } from '../http/validate.js';
import { getScheme, putScheme } from '../services/scheme.js';

/** `/api/projects/:id/scheme`: labels, relation types and guideline; members read it, supervisor members replace it. */
export const schemeRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id/scheme', validParam(idParamSchema), async (c) => c.json({ scheme: await getScheme(db, c.var.user, c.req.valid('param').id) }, 200))
    .put('/:id/scheme', validParam(idParamSchema), validQuery(schemeQuerySchema), validJson(projectSchemeSchema), async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await putScheme(db, c.var.user, id, c.req.valid('json'), c.req.valid('query').confirm), 200);
    });
