import { Hono } from 'hono';
import { idParamSchema, profileQuerySchema, profileSpansQuerySchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validParam, validQuery } from '../http/validate.js';
import { profileSpans, projectProfile } from '../services/profile.js';

/** Issue 14: the media-bias profile of a project (supervisors). */
export const profileRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id/profile', validParam(idParamSchema), validQuery(profileQuerySchema), async (c) =>
      c.json(await projectProfile(db, c.var.user, c.req.valid('param').id, c.req.valid('query')), 200),
    )
    .get('/:id/profile/spans', validParam(idParamSchema), validQuery(profileSpansQuerySchema), async (c) =>
      c.json(await profileSpans(db, c.var.user, c.req.valid('param').id, c.req.valid('query')), 200),
    );
