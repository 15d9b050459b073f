import { Hono } from 'hono';
import { idParamSchema, mergeJobParamSchema, mergeSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam } from '../http/validate.js';
import { projectFor, requireSupervisor } from '../services/access.js';
import { cancelMergeJob, mergeJob, startMergeJob } from '../services/mergeJobs.js';

/** `POST /api/projects/:id/merge-jobs` with the merge route's body (mounted under /projects): 202 with the job. */
export const projectMergeJobRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .post('/:id/merge-jobs', validParam(idParamSchema), validJson(mergeSchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      return c.json({ job: await startMergeJob(db, c.var.user, id, c.req.valid('json')) }, 202);
    });

/** `/api/merge-jobs/:id`: articles done of all and the totals so far (GET); cancel (DELETE). */
export const mergeJobRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id', validParam(mergeJobParamSchema), async (c) => c.json({ job: await mergeJob(db, c.var.user, c.req.valid('param').id) }, 200))
    .delete('/:id', validParam(mergeJobParamSchema), async (c) => c.json({ job: await cancelMergeJob(db, c.var.user, c.req.valid('param').id) }, 200));
