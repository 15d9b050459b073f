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
const supervisedArticle = (db: Db, user: User, id: number) => {
  requireSupervisor(user);
  return articleFor(db, user, id).article;
};

/** Curation of one article (mounted under /articles). */
export const articleCurationRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id/gold', validParam(idParamSchema), (c) => {
      const { id } = c.req.valid('param');
      supervisedArticle(db, c.var.user, id);
      return c.json(curationView(db, id), 200);
    })
    .post('/:id/gold', validParam(idParamSchema), validJson(createGoldSchema), (c) => {
      const { id } = c.req.valid('param');
      supervisedArticle(db, c.var.user, id);
      return c.json({ gold: addGold(db, c.var.user, id, c.req.valid('json')) }, 201);
    })
    .post('/:id/curation/merge', validParam(idParamSchema), validJson(mergeSchema), (c) => {
      const { id } = c.req.valid('param');
      supervisedArticle(db, c.var.user, id);
      return c.json(mergeArticle(db, c.var.user, id, c.req.valid('json')), 200);
    })
    .post('/:id/curation/reject', validParam(idParamSchema), validJson(rejectSchema), (c) => {
      const { id } = c.req.valid('param');
      supervisedArticle(db, c.var.user, id);
      return c.json(rejectSpans(db, c.var.user, id, c.req.valid('json')), 200);
    })
    .post('/:id/curation/resolve', validParam(idParamSchema), validJson(resolveSchema), (c) => {
      const { id } = c.req.valid('param');
      supervisedArticle(db, c.var.user, id);
      return c.json(resolveConflict(db, c.var.user, id, c.req.valid('json')), 200);
    })
    .post('/:id/curation/undo', validParam(idParamSchema), (c) => {
      const { id } = c.req.valid('param');
      supervisedArticle(db, c.var.user, id);
      undoDecision(db, c.var.user, id);
      return c.json(curationView(db, id), 200);
    })
    .post('/:id/curation/complete', validParam(idParamSchema), validJson(completeSchema), (c) => {
      const { id } = c.req.valid('param');
      supervisedArticle(db, c.var.user, id);
      return c.json(completeCuration(db, c.var.user, id, c.req.valid('json').force), 200);
    })
    .post('/:id/reopen', validParam(idParamSchema), validJson(reopenSchema), (c) => {
      const { id } = c.req.valid('param');
      supervisedArticle(db, c.var.user, id);
      return c.json(reopenArticle(db, c.var.user, id, c.req.valid('json')), 200);
    })
    .post('/:id/gold/links', validParam(idParamSchema), validJson(goldLinkSchema), (c) => {
      const { id } = c.req.valid('param');
      supervisedArticle(db, c.var.user, id);
      return c.json({ relations: linkGold(db, c.var.user, id, c.req.valid('json')) }, 201);
    })
    .delete('/:id/gold/links/:linkId', validParam(goldLinkParamSchema), (c) => {
      const { id, linkId } = c.req.valid('param');
      supervisedArticle(db, c.var.user, id);
      return c.json({ relations: unlinkGold(db, c.var.user, id, linkId) }, 200);
    })
    .get('/:id/feedback', validParam(idParamSchema), (c) => c.json(feedbackView(db, c.var.user, c.req.valid('param').id), 200));

/** Editing one gold span (mounted under /gold). */
export const goldRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .patch('/:id', validParam(uuidParamSchema), validJson(updateGoldSchema), (c) => {
      const { id } = c.req.valid('param');
      requireSupervisor(c.var.user); // before looking the id up: an annotator learns nothing of which ids exist
      supervisedArticle(db, c.var.user, goldArticleId(db, id));
      return c.json({ gold: updateGold(db, c.var.user, id, c.req.valid('json')) }, 200);
    })
    .delete('/:id', validParam(uuidParamSchema), (c) => {
      const { id } = c.req.valid('param');
      requireSupervisor(c.var.user); // before looking the id up: an annotator learns nothing of which ids exist
      supervisedArticle(db, c.var.user, goldArticleId(db, id));
      deleteGold(db, c.var.user, id);
      return c.body(null, 204);
    });

/** Project-wide curation (mounted under /projects). */
export const projectCurationRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .post('/:id/curation/merge', validParam(idParamSchema), validJson(mergeSchema), async (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      projectFor(db, c.var.user, id);
      return c.json(await mergeProjectOffThread(db, c.var.user, id, c.req.valid('json')), 200);
    })
    .get('/:id/curation', validParam(idParamSchema), (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      projectFor(db, c.var.user, id);
      return c.json(curationQueue(db, id), 200);
    })
    .get('/:id/gold-scores', validParam(idParamSchema), (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      projectFor(db, c.var.user, id);
      return c.json(projectGoldScores(db, id), 200);
    })
    .get('/:id/settings', validParam(idParamSchema), (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      return c.json({ goldFeedback: projectFor(db, c.var.user, id).goldFeedback }, 200);
    })
    .put('/:id/settings', validParam(idParamSchema), validJson(projectSettingsSchema), (c) => {
      requireSupervisor(c.var.user);
      const { id } = c.req.valid('param');
      projectFor(db, c.var.user, id);
      return c.json(setGoldFeedback(db, c.var.user, id, c.req.valid('json').goldFeedback), 200);
    });
