import { Hono } from 'hono';
import {
  completeSchema,
  createGoldSchema,
  goldLinkParamSchema,
  goldLinkSchema,
  idParamSchema,
  mergeSchema,
  projectSettingsSchema,
  rejectSchema,
  reopenSchema,
  resolveSchema,
  updateGoldSchema,
  uuidParamSchema,
} from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam } from '../http/validate.js';
import { articleFor, projectFor, requireSupervisor } from '../services/access.js';
import { completeCuration, curationView, mergeArticle, rejectSpans, resolveConflict } from '../services/curation.js';
import { mergeProjectOffThread } from '../services/mergeJobs.js';
import { curationQueue, feedbackView, projectGoldScores, setGoldFeedback } from '../services/curationQueue.js';
import { addGold, deleteGold, goldArticleId, linkGold, undoDecision, unlinkGold, updateGold } from '../services/gold.js';
import { reopenArticle } from '../services/reopen.js';
import type { User } from '@mbw/shared';

/** Supervisors only, and only on an article they can reach. */
const supervisedArticle = async (db: Db, user: User, id: number) => {
  requireSupervisor(user);
  return (await articleFor(db, user, id)).article;
};

/** Curation of one article (mounted under /articles). */
export const articleCurationRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id/gold', validParam(idParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      await supervisedArticle(db, c.var.user, id);
      return c.json(await curationView(db, id), 200);
    })
    .post('/:id/gold', validParam(idParamSchema), validJson(createGoldSchema), async (c) => {
      const { id } = c.req.valid('param');
      await supervisedArticle(db, c.var.user, id);
      return c.json({ gold: await addGold(db, c.var.user, id, c.req.valid('json')) }, 201);
    })
    .post('/:id/curation/merge', validParam(idParamSchema), validJson(mergeSchema), async (c) => {
      const { id } = c.req.valid('param');
      await supervisedArticle(db, c.var.user, id);
      return c.json(await mergeArticle(db, c.var.user, id, c.req.valid('json')), 200);
    })
    .post('/:id/curation/reject', validParam(idParamSchema), validJson(rejectSchema), async (c) => {
      const { id } = c.req.valid('param');
      await supervisedArticle(db, c.var.user, id);
      return c.json(await rejectSpans(db, c.var.user, id, c.req.valid('json')), 200);
    })
    .post('/:id/curation/resolve', validParam(idParamSchema), validJson(resolveSchema), async (c) => {
      const { id } = c.req.valid('param');
      await supervisedArticle(db, c.var.user, id);
      return c.json(await resolveConflict(db, c.var.user, id, c.req.valid('json')), 200);
    })
    .post('/:id/curation/undo', validParam(idParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      await supervisedArticle(db, c.var.user, id);
      await undoDecision(db, c.var.user, id);
      return c.json(await curationView(db, id), 200);
    })
    .post('/:id/curation/complete', validParam(idParamSchema), validJson(completeSchema), async (c) => {
      const { id } = c.req.valid('param');
      await supervisedArticle(db, c.var.user, id);
      return c.json(await completeCuration(db, c.var.user, id, c.req.valid('json').force), 200);
    })
    .post('/:id/reopen', validParam(idParamSchema), validJson(reopenSchema), async (c) => {
      const { id } = c.req.valid('param');
      await supervisedArticle(db, c.var.user, id);
      return c.json(await reopenArticle(db, c.var.user, id, c.req.valid('json')), 200);
    })
    .post('/:id/gold/links', validParam(idParamSchema), validJson(goldLinkSchema), async (c) => {
      const { id } = c.req.valid('param');
      await supervisedArticle(db, c.var.user, id);
      return c.json({ relations: await linkGold(db, c.var.user, id, c.req.valid('json')) }, 201);
    })
    .delete('/:id/gold/links/:linkId', validParam(goldLinkParamSchema), async (c) => {
      const { id, linkId } = c.req.valid('param');
      await supervisedArticle(db, c.var.user, id);
      return c.json({ relations: await unlinkGold(db, c.var.user, id, linkId) }, 200);
    })
    .get('/:id/feedback', validParam(idParamSchema), async (c) => c.json(await feedbackView(db, c.var.user, c.req.valid('param').id), 200));

/** Editing one gold span (mounted under /gold). */
export const goldRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .patch('/:id', validParam(uuidParamSchema), validJson(updateGoldSchema), async (c) => {
      const { id } = c.req.valid('param');
      requireSupervisor(c.var.user); // before looking the id up: an annotator learns nothing of which ids exist
      await supervisedArticle(db, c.var.user, await goldArticleId(db, id));
      return c.json({ gold: await updateGold(db, c.var.user, id, c.req.valid('json')) }, 200);
    })
    .delete('/:id', validParam(uuidParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      requireSupervisor(c.var.user); // before looking the id up: an annotator learns nothing of which ids exist
      await supervisedArticle(db, c.var.user, await goldArticleId(db, id));
      await deleteGold(db, c.var.user, id);
      return c.body(null, 204);
    });

/** Project-wide curation (mounted under /projects). */
export const projectCurationRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .post('/:id/curation/merge', validParam(idParamSchema), validJson(mergeSchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      return c.json(await mergeProjectOffThread(db, c.var.user, id, c.req.valid('json')), 200);
    })
    .get('/:id/curation', validParam(idParamSchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      return c.json(await curationQueue(db, id), 200);
    })
    .get('/:id/gold-scores', validParam(idParamSchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      return c.json(await projectGoldScores(db, id), 200);
    })
    .get('/:id/settings', validParam(idParamSchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      return c.json({ goldFeedback: (await projectFor(db, c.var.user, id)).goldFeedback }, 200);
    })
    .put('/:id/settings', validParam(idParamSchema), validJson(projectSettingsSchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      await projectFor(db, c.var.user, id);
      return c.json(await setGoldFeedback(db, c.var.user, id, c.req.valid('json').goldFeedback), 200);
    });
