import { Hono } from 'hono';
import { idParamSchema, lexiconSchema, suggestionDecisionSchema, suggestionSwitchSchema } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { requireUser, type AppEnv } from '../http/session.js';
import { validJson, validParam } from '../http/validate.js';
import { lexiconOf, setLexicon } from '../services/lexicon.js';
import { acceptSuggestion, rejectSuggestion, setSuggestions, suggestionQualityOf, suggestionsEnabled, suggestionsFor } from '../services/suggestions.js';

/** Issue 14: suggestions for the assigned annotator (under /articles). */
export const articleSuggestionRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id/suggestions', validParam(idParamSchema), async (c) => c.json(await suggestionsFor(db, c.var.user, c.req.valid('param').id), 200))
    .post('/:id/suggestions/accept', validParam(idParamSchema), validJson(suggestionDecisionSchema), async (c) =>
      c.json({ annotation: await acceptSuggestion(db, c.var.user, c.req.valid('param').id, c.req.valid('json').id) }, 201),
    )
    .post('/:id/suggestions/reject', validParam(idParamSchema), validJson(suggestionDecisionSchema), async (c) =>
      c.json(await rejectSuggestion(db, c.var.user, c.req.valid('param').id, c.req.valid('json').id), 200),
    );

/** The project's switch, suggestion quality and lexicon (under /projects, supervisors). */
export const projectSuggestionRoutes = (db: Db) =>
  new Hono<AppEnv>()
    .use(requireUser(db))
    .get('/:id/suggestions', validParam(idParamSchema), async (c) => c.json(await suggestionsEnabled(db, c.var.user, c.req.valid('param').id), 200))
    .patch('/:id/suggestions', validParam(idParamSchema), validJson(suggestionSwitchSchema), async (c) =>
      c.json(await setSuggestions(db, c.var.user, c.req.valid('param').id, c.req.valid('json').enabled), 200),
    )
    .get('/:id/suggestion-quality', validParam(idParamSchema), async (c) => c.json(await suggestionQualityOf(db, c.var.user, c.req.valid('param').id), 200))
    .get('/:id/lexicon', validParam(idParamSchema), async (c) => c.json(await lexiconOf(db, c.var.user, c.req.valid('param').id), 200))
    .put('/:id/lexicon', validParam(idParamSchema), validJson(lexiconSchema), async (c) =>
      c.json(await setLexicon(db, c.var.user, c.req.valid('param').id, c.req.valid('json')), 200),
    );
