import { Hono } from 'hono';
import { idParamSchema, importJobParamSchema, importQuerySchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validParam, validQuery } from '../http/validate.js';
import { projectFor, requireSupervisor } from '../services/access.js';
import { cancelImportJob, importJob, saveUpload, startImportJob } from '../services/importJobs.js';

/** `POST /api/projects/:id/import-jobs?<the import query>` with the file as the body (mounted under /projects): an import off the request thread. */
export const projectImportJobRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .post('/:id/import-jobs', validParam(idParamSchema), validQuery(importQuerySchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      const { format, ...options } = c.req.valid('query');
      const file = await saveUpload(c.req.raw.body);
      return c.json({ job: await startImportJob(db, c.var.user, { projectId: id, name: 'upload', ...(format ? { format } : {}), options }, file) }, 202);
    });

/** `/api/import-jobs/:id`: progress and, once done, the result (GET); cancel (DELETE). */
export const importJobRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id', validParam(importJobParamSchema), async (c) => c.json({ job: await importJob(db, c.var.user, c.req.valid('param').id) }, 200))
    .delete('/:id', validParam(importJobParamSchema), async (c) => c.json({ job: await cancelImportJob(db, c.var.user, c.req.valid('param').id) }, 200));
