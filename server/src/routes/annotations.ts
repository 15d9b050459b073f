import { Hono } from 'hono';
import { updateAnnotationSchema, uuidParamSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam } from '../http/validate.js';
import { deleteAnnotationBatched, updateAnnotationBatched } from '../services/annotations.js';

export const annotationRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .patch('/:id', validParam(uuidParamSchema), validJson(updateAnnotationSchema), async (c) =>
      c.json({ annotation: await updateAnnotationBatched(db, c.var.user, c.req.valid('param').id, c.req.valid('json')) }, 200),
    )
    .delete('/:id', validParam(uuidParamSchema), async (c) => {
      await deleteAnnotationBatched(db, c.var.user, c.req.valid('param').id);
      return c.body(null, 204);
    });
