import { Hono, type TypedResponse } from 'hono';
import {
  agreementQuerySchema,
  createAssignmentsSchema,
  createProjectSchema,
  exportQuerySchema,
  idParamSchema,
  importArticlesSchema,
  importQuerySchema,
  projectListQuerySchema,
  type AgreementReport,
} from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam, validQuery } from '../http/validate.js';
import { streamResponse } from '../http/stream.js';
import { cachedAgreementJson } from '../services/agreementCache.js';
import { exportManifest, planExport } from '../services/exports.js';
import { importNow, saveUpload } from '../services/importJobs.js';
import { projectFor, requireSupervisor } from '../services/access.js';
import { importArticles, listArticles } from '../services/articles.js';
import { archivedProjects } from '../services/archivedProjects.js';
import { assignArticles } from '../services/assign.js';
import { createProject, listProjects, projectLabels } from '../services/projects.js';

export const projectRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    // `?archived=true`: the archived projects the supervisor manages instead (with their spans), to restore or purge.
    .get('/', validQuery(projectListQuerySchema), async (c) =>
      c.req.valid('query').archived === 'true'
        ? c.json({ projects: await archivedProjects(db, c.var.user) }, 200)
        : c.json({ projects: await listProjects(db, c.var.user) }, 200),
    )
    .post('/', validJson(createProjectSchema), async (c) => {
      requireSupervisor(c.var.user);
      return c.json({ project: await createProject(db, c.var.user, c.req.valid('json')) }, 201);
    })
    .get('/:id', validParam(idParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      // An archived project is reached only by those who manage it (projectFor), to restore it.
      const project = (await listProjects(db, c.var.user)).find((p) => p.id === id) ?? (await archivedProjects(db, c.var.user)).find((p) => p.id === id)!;
      return c.json({ project }, 200);
    })
    .get('/:id/labels', validParam(idParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      return c.json({ labels: await projectLabels(db, id) }, 200);
    })
    .get('/:id/articles', validParam(idParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      return c.json({ articles: await listArticles(db, c.var.user, id) }, 200);
    })
    .post('/:id/articles', validParam(idParamSchema), validJson(importArticlesSchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      const { articles, onDuplicate } = c.req.valid('json');
      return c.json(await importArticles(db, c.var.user, id, articles, onDuplicate), 201);
    })
    .get('/:id/agreement', validParam(idParamSchema), validQuery(agreementQuerySchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      // In a worker thread on a database file (the server answers meanwhile); cached while nothing is written.
      // The report's JSON comes as bytes from the worker and is sent as it is (issue 13): what c.json({ report }) would send.
      const report = await cachedAgreementJson(db, id, c.req.valid('query'));
      const body = Buffer.concat([Buffer.from('{"report":'), report, Buffer.from('}')]) as Uint8Array<ArrayBuffer>;
      return c.body(body, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<{ report: AgreementReport }, 200, 'json'>;
    })
    .get('/:id/export', validParam(idParamSchema), validQuery(exportQuerySchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      const plan = await planExport(db, id, c.req.valid('query'));
      return streamResponse(plan.chunks, {
        'content-type': plan.contentType,
        'content-disposition': `attachment; filename="${plan.fileName}"`,
        'x-article-count': String(plan.articleCount),
        'cache-control': 'no-store',
      });
    })
    .get('/:id/export/manifest', validParam(idParamSchema), validQuery(exportQuerySchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      return c.json({ manifest: await exportManifest(db, id, c.req.valid('query')) }, 200);
    })
    .post('/:id/import', validParam(idParamSchema), validQuery(importQuerySchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      const { format, ...options } = c.req.valid('query');
      // Bytes, streamed to a file and imported in a worker (importJobs.ts): a zip's files, or the one file; only UTF-8 and BOM-marked UTF-16 are read, anything else is refused by line.
      const file = await saveUpload(c.req.raw.body);
      const result = await importNow(db, c.var.user, { projectId: id, name: 'upload', ...(format ? { format } : {}), options }, file);
      return c.json({ result }, options.dryRun ? 200 : 201);
    })
    .post('/:id/assignments', validParam(idParamSchema), validJson(createAssignmentsSchema), async (c) =>
      c.json(await assignArticles(db, c.var.user, c.req.valid('param').id, c.req.valid('json')), 201),
    );
