import { Hono } from 'hono';
import { clearFlagQuerySchema, flagArticleSchema, idParamSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam, validQuery } from '../http/validate.js';
import { clearFlag, flagArticle } from '../services/flags.js';

/**
 * `POST /api/articles/:id/flag {reason}` (the assigned annotator): skip the article with a reason;
 * `DELETE /api/articles/:id/flag[?annotator=<userId>]`: withdraw one's own flag, or (supervisor members) clear one.
 */
export const flagRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .post('/:id/flag', validParam(idParamSchema), validJson(flagArticleSchema), async (c) =>
      c.json(await flagArticle(db, c.var.user, c.req.valid('param').id, c.req.valid('json').reason), 200),
    )
    .delete('/:id/flag', validParam(idParamSchema), validQuery(clearFlagQuerySchema), async (c) =>
      c.json(await clearFlag(db, c.var.user, c.req.valid('param').id, c.req.valid('query').annotator), 200),
    );
