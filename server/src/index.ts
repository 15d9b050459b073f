import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { databaseFromEnv } from './db/engine.js';
import { openTarget, type OpenedDatabase } from './db/open.js';
import { stopLocalJobs } from './services/jobState.js';
import { seedSampleProjectIfEmpty } from './services/seed.js';
import { ensureAdmin } from './services/users.js';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));

let opened: OpenedDatabase;
try {
  opened = await openTarget(databaseFromEnv());
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const { db } = opened;
const admin = await ensureAdmin(db, process.env.ADMIN_PASSWORD);
const seed = await seedSampleProjectIfEmpty(db);

const app = createApp(db, (app) => {
  if (!existsSync(clientDir)) {
    console.warn(`No built client in ${clientDir}: run "npm run build". Serving the API only.`);
    return;
  }
  const indexHtml = readFileSync(resolve(clientDir, 'index.html'), 'utf8');
  app.use('/*', serveStatic({ root: relative(process.cwd(), clientDir) }));
  // Client-side routes (e.g. /projects/1) all load the single page.
  app.get('*', (c) => c.html(indexHtml));
});

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  console.log(`Database: ${opened.where}${seed.seeded ? ' (sample project loaded)' : ''}`);
  if (seed.demoAnnotators) console.log(`Demo annotations loaded (accounts ${seed.demoAnnotators.join(', ')}; for looking at, not for signing in).`);
  if (seed.demoSkipped) console.warn(`Demo annotations left out: ${seed.demoSkipped}.`);
  if (admin.generatedPassword)
    console.log(`Created the admin account. Username: admin  Password: ${admin.generatedPassword}  (shown once)`);
  else if (admin.created) console.log('Created the admin account with the password in ADMIN_PASSWORD.');
  console.log(`Media Bias Workbench on http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}/`);
});

// Idle connections are kept longer than a reverse proxy's usual idle timeout (60 s) and a client's own
// (undici: 4 s), so neither reuses a connection this process has just closed ("other side closed", a 502).
if ('keepAliveTimeout' in server) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

function shutdown() {
  server.close();
  void stopLocalJobs()
    .then(() => opened.close())
    .finally(() => process.exit(0));
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
