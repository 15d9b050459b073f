import { Hono } from 'hono';
import { agreementJobParamSchema, agreementQuerySchema, idParamSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validParam, validQuery } from '../http/validate.js';
import { projectFor, requireSupervisor } from '../services/access.js';
import { agreementJob, cancelAgreementJob, startAgreementJob } from '../services/agreementJobs.js';

/**
 * `POST /api/projects/:id/agreement-jobs?<the agreement query>` (mounted under /projects): the report
 * computed off the request thread with progress; 200 with the report when it is cached, else 202.
 */
export const projectAgreementJobRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .post('/:id/agreement-jobs', validParam(idParamSchema), validQuery(agreementQuerySchema), (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      projectFor(db, c.var.user, id);
      const job = startAgreementJob(db, c.var.user, id, c.req.valid('query'));
      return c.json({ job }, job.state === 'done' ? 200 : 202);
    });

/** `/api/agreement-jobs/:id`: progress and, once done, the report (GET); cancel (DELETE). */
export const agreementJobRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id', validParam(agreementJobParamSchema), (c) => c.json({ job: agreementJob(c.var.user, c.req.valid('param').id) }, 200))
    .delete('/:id', validParam(agreementJobParamSchema), (c) => c.json({ job: cancelAgreementJob(c.var.user, c.req.valid('param').id) }, 200));
