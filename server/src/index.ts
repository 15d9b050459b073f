import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { openDatabase } from './db/client.js';
import { holdDatabase } from './services/dbFile.js';
import { seedSampleProjectIfEmpty } from './services/seed.js';
import { ensureAdmin } from './services/users.js';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const databasePath = resolve(process.env.DATABASE_PATH ?? './data/workbench.db');
const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));

// PostgreSQL is not served yet (docs/postgres.md): refuse rather than quietly use the SQLite file instead.
if (process.env.DATABASE_URL) {
  console.error('DATABASE_URL is set, but the server runs on SQLite only for now (see docs/postgres.md). Unset it to use DATABASE_PATH.');
  process.exit(1);
}

// A database that existed once and is gone now is not silently replaced by an empty one.
const marker = `${databasePath}.created`;
if (!existsSync(databasePath) && existsSync(marker) && process.env.ALLOW_NEW_DATABASE !== '1') {
  console.error(`The database ${databasePath} is missing, though one was created there (${marker}). Restore a backup (npm run cli -- restore FILE), or start with ALLOW_NEW_DATABASE=1 for an empty one.`);
  process.exit(1);
}
const { db, sqlite } = openDatabase(databasePath);
if (!existsSync(marker)) writeFileSync(marker, `${new Date().toISOString()}\n`);
const release = holdDatabase(databasePath);
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
  console.log(`Database: ${databasePath}${seed.seeded ? ' (sample project loaded)' : ''}`);
  if (seed.demoAnnotators) console.log(`Demo annotations loaded (accounts ${seed.demoAnnotators.join(', ')}; for looking at, not for signing in).`);
  if (seed.demoSkipped) console.warn(`Demo annotations left out: ${seed.demoSkipped}.`);
  if (admin.generatedPassword)
    console.log(`Created the admin account. Username: admin  Password: ${admin.generatedPassword}  (shown once)`);
  else if (admin.created) console.log('Created the admin account with the password in ADMIN_PASSWORD.');
  console.log(`Media Bias Workbench on http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}/`);
});

function shutdown() {
  server.close();
  sqlite.close();
  release();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
