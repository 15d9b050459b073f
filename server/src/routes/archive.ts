import { Hono } from 'hono';
import { idParamSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validParam } from '../http/validate.js';
import { archivedArticles, setArticleArchived, setProjectArchived } from '../services/archive.js';

/** Archive and restore (supervisor members): `DELETE` archives, `POST …/restore` restores. Mounted under /articles. */
export const articleArchiveRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .delete('/:id', validParam(idParamSchema), (c) => c.json({ article: setArticleArchived(db, c.var.user, c.req.valid('param').id, true) }, 200))
    .post('/:id/restore', validParam(idParamSchema), (c) => c.json({ article: setArticleArchived(db, c.var.user, c.req.valid('param').id, false) }, 200));

/** The same for projects, and a project's archived articles. Mounted under /projects. */
export const projectArchiveRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .delete('/:id', validParam(idParamSchema), (c) => c.json({ project: setProjectArchived(db, c.var.user, c.req.valid('param').id, true) }, 200))
    .post('/:id/restore', validParam(idParamSchema), (c) => c.json({ project: setProjectArchived(db, c.var.user, c.req.valid('param').id, false) }, 200))
    .get('/:id/archived-articles', validParam(idParamSchema), (c) => c.json({ articles: archivedArticles(db, c.var.user, c.req.valid('param').id) }, 200));
