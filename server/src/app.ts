import { Hono } from 'hono';
import type { Db } from './db/client.js';
import { databaseGuard } from './http/dbGuard.js';
import { notFoundHandler, onError } from './http/errors.js';
import { holdWritesDuringImport } from './http/importWrites.js';
import { bodyLimits, importContentType } from './http/limits.js';
import { noStore, sameOriginOnly, securityHeaders } from './http/security.js';
import type { AppEnv } from './http/session.js';
import { agreementJobRoutes, projectAgreementJobRoutes } from './routes/agreementJobs.js';
import { annotationRoutes } from './routes/annotations.js';
import { exportJobRoutes, projectExportJobRoutes } from './routes/exportJobs.js';
import { importJobRoutes, projectImportJobRoutes } from './routes/importJobs.js';
import { articleArchiveRoutes, projectArchiveRoutes } from './routes/archive.js';
import { articleRoutes } from './routes/articles.js';
import { unassignRoutes } from './routes/assignments.js';
import { authRoutes } from './routes/auth.js';
import { articleCurationRoutes, goldRoutes, projectCurationRoutes } from './routes/curation.js';
import { articleHistoryRoutes, auditRoutes } from './routes/history.js';
import { flagRoutes } from './routes/flags.js';
import { memberRoutes } from './routes/members.js';
import { mergeJobRoutes, projectMergeJobRoutes } from './routes/mergeJobs.js';
import { profileRoutes } from './routes/profile.js';
import { projectRoutes } from './routes/projects.js';
import { relationRoutes } from './routes/relations.js';
import { schemeRoutes } from './routes/scheme.js';
import { articleSuggestionRoutes, projectSuggestionRoutes } from './routes/suggestions.js';
import { userRoutes } from './routes/users.js';

/** The API as a Hono app. It does not listen: tests call `app.request()`, index.ts serves it. */
export function createApi(db: Db) {
  return new Hono<AppEnv>()
    .basePath('/api')
    .use(noStore, sameOriginOnly, bodyLimits(), databaseGuard(db))
    .use(holdWritesDuringImport)
    .use('/projects/:id/import', importContentType)
    .use('/projects/:id/import-jobs', importContentType)
    .get('/health', (c) => c.json({ status: 'ok' as const }, 200))
    .route('/auth', authRoutes(db))
    .route('/users', userRoutes(db))
    .route('/projects', projectRoutes(db))
    .route('/projects', memberRoutes(db))
    .route('/projects', schemeRoutes(db))
    .route('/projects', unassignRoutes(db))
    .route('/projects', projectArchiveRoutes(db))
    .route('/articles', articleArchiveRoutes(db))
    .route('/projects', profileRoutes(db))
    .route('/projects', projectSuggestionRoutes(db))
    .route('/articles', articleSuggestionRoutes(db))
    .route('/articles', articleRoutes(db))
    .route('/articles', flagRoutes(db))
    .route('/articles', articleCurationRoutes(db))
    .route('/articles', articleHistoryRoutes(db))
    .route('/audit', auditRoutes(db))
    .route('/projects', projectCurationRoutes(db))
    .route('/gold', goldRoutes(db))
    .route('/annotations', annotationRoutes(db))
    .route('/relations', relationRoutes(db))
    .route('/projects', projectExportJobRoutes(db))
    .route('/export-jobs', exportJobRoutes(db))
    .route('/projects', projectImportJobRoutes(db))
    .route('/import-jobs', importJobRoutes(db))
    .route('/projects', projectAgreementJobRoutes(db))
    .route('/agreement-jobs', agreementJobRoutes(db))
    .route('/projects', projectMergeJobRoutes(db))
    .route('/merge-jobs', mergeJobRoutes(db));
}

export type AppType = ReturnType<typeof createApi>;

/** The API with JSON errors everywhere, plus (when given) the built client. */
export function createApp(db: Db, setupStatic?: (app: Hono) => void) {
  const app = new Hono();
  app.use(securityHeaders());
  app.route('/', createApi(db));
  app.all('/api/*', notFoundHandler);
  setupStatic?.(app);
  app.notFound(notFoundHandler);
  app.onError(onError);
  return app;
}
