import { Hono } from 'hono';
import { exportJobParamSchema, exportQuerySchema, idParamSchema } from '@mbw/shared';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validParam, validQuery } from '../http/validate.js';
import { projectFor, requireSupervisor } from '../services/access.js';
import { cancelExportJob, exportJob, exportJobFile, startExportJob } from '../services/exportJobs.js';

/** `POST /api/projects/:id/export-jobs?<the export query>` (mounted under /projects): an export written off the request thread. */
export const projectExportJobRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .post('/:id/export-jobs', validParam(idParamSchema), validQuery(exportQuerySchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      return c.json({ job: await startExportJob(db, c.var.user, id, c.req.valid('query')) }, 202);
    });

/** `/api/export-jobs/:id`: progress (GET), cancel (DELETE), the finished file (GET …/file; 410 when this process cannot find it). */
export const exportJobRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id', validParam(exportJobParamSchema), async (c) => c.json({ job: await exportJob(db, c.var.user, c.req.valid('param').id) }, 200))
    .delete('/:id', validParam(exportJobParamSchema), async (c) => c.json({ job: await cancelExportJob(db, c.var.user, c.req.valid('param').id) }, 200))
    .get('/:id/file', validParam(exportJobParamSchema), async (c) => {
      const { file, fileName, contentType } = await exportJobFile(db, c.var.user, c.req.valid('param').id);
      return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream, {
        status: 200,
        headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
      });
    });
