import { Hono } from 'hono';
import { idParamSchema, purgeSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam } from '../http/validate.js';
import { archivedArticles, setArticleArchived, setProjectArchived } from '../services/archive.js';
import { purgeArticle, purgeProject } from '../services/purge.js';

/**
 * Archive and restore (supervisor members): `DELETE` archives, `POST …/restore` restores;
 * `POST …/purge {confirmName}` deletes an archived one permanently (admins). Mounted under /articles.
 */
export const articleArchiveRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .delete('/:id', validParam(idParamSchema), async (c) => c.json({ article: await setArticleArchived(db, c.var.user, c.req.valid('param').id, true) }, 200))
    .post('/:id/restore', validParam(idParamSchema), async (c) => c.json({ article: await setArticleArchived(db, c.var.user, c.req.valid('param').id, false) }, 200))
    .post('/:id/purge', validParam(idParamSchema), validJson(purgeSchema), async (c) =>
      c.json({ purged: await purgeArticle(db, c.var.user, c.req.valid('param').id, c.req.valid('json').confirmName) }, 200),
    );

/** The same for projects, and a project's archived articles. Mounted under /projects. */
export const projectArchiveRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .delete('/:id', validParam(idParamSchema), async (c) => c.json({ project: await setProjectArchived(db, c.var.user, c.req.valid('param').id, true) }, 200))
    .post('/:id/restore', validParam(idParamSchema), async (c) => c.json({ project: await setProjectArchived(db, c.var.user, c.req.valid('param').id, false) }, 200))
    .post('/:id/purge', validParam(idParamSchema), validJson(purgeSchema), async (c) =>
      c.json({ purged: await purgeProject(db, c.var.user, c.req.valid('param').id, c.req.valid('json').confirmName) }, 200),
    )
    .get('/:id/archived-articles', validParam(idParamSchema), async (c) => c.json({ articles: await archivedArticles(db, c.var.user, c.req.valid('param').id) }, 200));
