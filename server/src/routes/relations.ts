import { Hono } from 'hono';
import { idParamSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validParam } from '../http/validate.js';
import { deleteRelation } from '../services/relations.js';

export const relationRoutes = (db: Db) =>
  new Hono<AppEnv>().use(requireUser(db)).delete('/:id', validParam(idParamSchema), async (c) => {
    await deleteRelation(db, c.var.user, c.req.valid('param').id);
    return c.body(null, 204);
  });
