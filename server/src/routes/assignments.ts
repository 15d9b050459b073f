import { Hono } from 'hono';
import { confirmQuerySchema, idParamSchema, removeAssignmentsSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam, validQuery } from '../http/validate.js';
import { unassign } from '../services/unassign.js';

/** `DELETE /api/projects/:id/assignments` (supervisor members): unassign, 409 with counts when work exists unless confirmed. */
export const unassignRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .delete('/:id/assignments', validParam(idParamSchema), validQuery(confirmQuerySchema), validJson(removeAssignmentsSchema), async (c) => {
      const counts = await unassign(db, c.var.user, c.req.valid('param').id, c.req.valid('json'), c.req.valid('query').confirm);
      return c.json({ removed: counts }, 200);
    });
