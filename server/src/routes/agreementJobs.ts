import { Hono, type TypedResponse } from 'hono';
import { agreementJobParamSchema, agreementQuerySchema, idParamSchema, type AgreementJob } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validParam, validQuery } from '../http/validate.js';
import { projectFor, requireSupervisor } from '../services/access.js';
import { agreementJobBody, cancelAgreementJob, startAgreementJob } from '../services/agreementJobs.js';

/** `{"job": …}` built as bytes by the service (the report spliced in as the worker's JSON, issue 13): what c.json() would send. */
const jobJson = <S extends 200 | 202>(c: { body: (b: Uint8Array<ArrayBuffer>, s: S, h: Record<string, string>) => Response }, body: Uint8Array<ArrayBuffer>, status: S) =>
  c.body(body, status, { 'content-type': 'application/json' }) as unknown as TypedResponse<{ job: AgreementJob }, S, 'json'>;

/**
 * `POST /api/projects/:id/agreement-jobs?<the agreement query>` (mounted under /projects): the report
 * computed off the request thread with progress; 200 with the report when it is cached, else 202.
 */
export const projectAgreementJobRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .post('/:id/agreement-jobs', validParam(idParamSchema), validQuery(agreementQuerySchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      const { state, body } = await startAgreementJob(db, c.var.user, id, c.req.valid('query'));
      return state === 'done' ? jobJson(c, body, 200) : jobJson(c, body, 202);
    });

/** `/api/agreement-jobs/:id`: progress and, once done, the report (GET); cancel (DELETE). */
export const agreementJobRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id', validParam(agreementJobParamSchema), async (c) => jobJson(c, await agreementJobBody(db, c.var.user, c.req.valid('param').id), 200))
    .delete('/:id', validParam(agreementJobParamSchema), async (c) => jobJson(c, await cancelAgreementJob(db, c.var.user, c.req.valid('param').id), 200));
