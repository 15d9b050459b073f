import { Hono, type TypedResponse } from 'hono';
import { annotationsQuerySchema, createAnnotationSchema, createRelationSchema, idParamSchema, updateArticleSchema, type Annotation, type Relation } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam, validQuery } from '../http/validate.js';
import { articleFor } from '../services/access.js';
import { createAnnotationBatched, spanListBody } from '../services/annotations.js';
import { updateArticleMeta } from '../services/articleMeta.js';
import { articleView } from '../services/articles.js';
import { submitArticle } from '../services/assignments.js';
import { reopenComment } from '../services/reopen.js';
import { createRelation } from '../services/relations.js';

export const articleRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id', validParam(idParamSchema), async (c) => {
      const { article, assignment } = await articleFor(db, c.var.user, c.req.valid('param').id);
      // `reopened`: the supervisor's comment while the caller's work is open again.
      return c.json({ article: articleView(article, assignment?.status ?? null), reopened: await reopenComment(db, assignment) }, 200);
    })
    .patch('/:id', validParam(idParamSchema), validJson(updateArticleSchema), async (c) =>
      c.json({ article: await updateArticleMeta(db, c.var.user, c.req.valid('param').id, c.req.valid('json')) }, 200),
    )
    .get('/:id/annotations', validParam(idParamSchema), validQuery(annotationsQuerySchema), async (c) => {
      // The body as bytes built by SQLite (issue 13): the same as c.json() of listAnnotations() and their links.
      const body = await spanListBody(db, c.var.user, c.req.valid('param').id, c.req.valid('query').annotator);
      return c.body(body, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<{ annotations: Annotation[]; relations: Relation[] }, 200, 'json'>;
    })
    .post('/:id/annotations', validParam(idParamSchema), validJson(createAnnotationSchema), async (c) => {
      const { annotation, created } = await createAnnotationBatched(db, c.var.user, c.req.valid('param').id, c.req.valid('json'));
      return c.json({ annotation }, created ? 201 : 200);
    })
    .post('/:id/relations', validParam(idParamSchema), validJson(createRelationSchema), async (c) => {
      const { relation, created } = await createRelation(db, c.var.user, c.req.valid('param').id, c.req.valid('json'));
      return c.json({ relation }, created ? 201 : 200);
    })
    .post('/:id/submit', validParam(idParamSchema), async (c) => {
      return c.json(await submitArticle(db, c.var.user, c.req.valid('param').id), 200);
    });
