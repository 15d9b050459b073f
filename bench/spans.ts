/**
 * `npm run bench` (part, issue 13): the span routes against bare Hono routes
 * measured in the same run (autocannon, loopback, on a database file):
 *
 * - span writes (POST /api/articles/:id/annotations) at 50 connections vs a
 *   bare Hono route that parses the same JSON body and answers 201; target
 *   ≥ 0.35 of its req/s, p99 ≤ 25 ms;
 * - GET of 3,000 spans vs a bare route sending the same bytes precomputed;
 *   target ≥ 0.5 of its req/s. An unchanged article's body is kept
 *   (spanListCache.ts); a second row builds every body, as after a write.
 * Medians of `RUNS` runs each, alternating scenario and baseline. `--json`
 * prints the rows as JSON. `--postgres` runs the same rows on PostgreSQL
 * (issue 15): on a new database of the server TEST_DATABASE_URL names, or
 * else of a throwaway cluster (scripts/pg-cluster.sh) when PostgreSQL is
 * installed; without either it says so and skips.
 */
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createApp } from '../server/src/app.js';
import { openTarget, type OpenedDatabase } from '../server/src/db/open.js';
import { seedSampleProjectIfEmpty } from '../server/src/services/seed.js';
import { ensureAdmin } from '../server/src/services/users.js';
import { printRows, type Row } from './agreement.js';

const RUNS = 3;
const SECONDS = 4;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  // closed once the requests still in flight are answered (before the database closes under them)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

type Load = { method?: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string>; connections: number };
async function measure(url: string, load: Load) {
  const r = await autocannon({ url: url + load.path, method: load.method ?? 'GET', body: load.body, headers: { 'content-type': 'application/json', ...load.headers }, connections: load.connections, duration: SECONDS });
  if (r.non2xx) throw new Error(`${load.path}: ${r.non2xx} answers not 2xx`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}

type Engine = 'sqlite' | 'postgres';

/** A new database of the engine, opened as the server opens it, and how to remove it. */
async function benchDatabase(engine: Engine): Promise<{ opened: OpenedDatabase; remove: () => Promise<void> }> {
  if (engine === 'postgres') {
    const { freshDatabase } = await import('../tests/pg/fresh.js'); // reads TEST_DATABASE_URL as it loads
    const { url, drop } = await freshDatabase();
    const opened = await openTarget({ engine, url });
    return { opened, remove: async () => (await opened.close(), await drop()) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'mbw-bench-spans-'));
  const opened = await openTarget({ engine, path: join(dir, 'bench.db') }, { hold: false });
  return { opened, remove: async () => (await opened.close(), rmSync(dir, { recursive: true, force: true })) };
}

export async function spansBench(engine: Engine = 'sqlite'): Promise<Row[]> {
  const { opened, remove } = await benchDatabase(engine);
  const { db } = opened;
  await ensureAdmin(db, 'bench-admin-password');
  await seedSampleProjectIfEmpty(db, { demo: false });
  const app = await listen(createApp(db).fetch);
  const api = async (method: string, path: string, body: unknown, cookie?: string) => {
    const r = await fetch(app.url + path, { method, headers: { 'content-type': 'application/json', origin: app.url, ...(cookie ? { cookie } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, data: await r.json().catch(() => null), cookie: r.headers.get('set-cookie')?.split(';')[0] };
  };
  try {
    const admin = (await api('POST', '/api/auth/login', { username: 'admin', password: 'bench-admin-password' })).cookie!;
    const user = (await api('POST', '/api/users', { username: 'bench', password: 'bench-password', role: 'annotator' }, admin)).data.user;
    const projectId = (await api('GET', '/api/projects', undefined, admin)).data.projects[0].id;
    const text = 'Die Regierung berichtet laut Diplomaten über eine mögliche Friedensmission. '.repeat(1300);
    const imported = await api('POST', `/api/projects/${projectId}/articles`, { articles: [{ title: 'Bench list', text }, { title: 'Bench writes', text }], onDuplicate: 'add' }, admin);
    const [listed, written] = imported.data.articles.map((a: { id: number }) => a.id);
    await api('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [user.id], articleIds: [listed, written] }, admin);
    const bench = (await api('POST', '/api/auth/login', { username: 'bench', password: 'bench-password' })).cookie!;
    for (let i = 0; i < 3000; i++) {
      const start = (i * 31) % (text.length - 200);
      const r = await api('POST', `/api/articles/${listed}/annotations`, { label: ['attribution', 'evaluative', 'unsupported_claim'][i % 3], start, end: start + 20 + (i % 11) * 15 }, bench);
      if (r.status !== 201) throw new Error(`span ${i}: ${r.status} ${JSON.stringify(r.data)}`);
    }
    const listPath = `/api/articles/${listed}/annotations`;
    const listBytes = await (await fetch(app.url + listPath, { headers: { cookie: bench } })).arrayBuffer();
    const body = JSON.stringify({ label: 'evaluative', start: 100, end: 130 });
    const bare = await listen(
      new Hono()
        .post('/bare', async (c) => c.json({ ok: Boolean(await c.req.json()) }, 201))
        .get('/bytes', (c) => c.body(listBytes.slice(0), 200, { 'content-type': 'application/json' })).fetch,
    );
    try {
      const runs = { write: [] as Array<{ rps: number; p99: number }>, bareWrite: [] as Array<{ rps: number; p99: number }>, list: [] as number[], listBuilt: [] as number[], bareList: [] as number[] };
      for (let i = 0; i < RUNS; i++) {
        runs.bareWrite.push(await measure(bare.url, { method: 'POST', path: '/bare', body, connections: 50 }));
        runs.write.push(await measure(app.url, { method: 'POST', path: `/api/articles/${written}/annotations`, body, headers: { cookie: bench, origin: app.url }, connections: 50 }));
        runs.bareList.push((await measure(bare.url, { path: '/bytes', connections: 4 })).rps);
        runs.list.push((await measure(app.url, { path: listPath, headers: { cookie: bench }, connections: 4 })).rps);
        process.env.MBW_SPAN_LIST_CACHE = '0'; // every body built by SQLite, as after each write
        runs.listBuilt.push((await measure(app.url, { path: listPath, headers: { cookie: bench }, connections: 4 })).rps);
        delete process.env.MBW_SPAN_LIST_CACHE;
      }
      const on = engine === 'postgres' ? 'PostgreSQL: ' : '';
      return [
        { what: `${on}span writes, 50 connections (median req/s) vs bare Hono route parsing the body`, value: median(runs.write.map((r) => r.rps)), baseline: median(runs.bareWrite.map((r) => r.rps)), unit: 'r/s', target: 'ratio ≥ 0.35' },
        { what: `${on}span writes, 50 connections, p99 (median ms) vs the bare route`, value: median(runs.write.map((r) => r.p99)), baseline: median(runs.bareWrite.map((r) => r.p99)), unit: 'ms', target: '≤ 25' },
        { what: `${on}GET 3,000 spans (median req/s) vs the same bytes precomputed`, value: median(runs.list), baseline: median(runs.bareList), unit: 'r/s', target: 'ratio ≥ 0.5' },
        { what: `${on}GET 3,000 spans, body built each time (as after a write)`, value: median(runs.listBuilt), baseline: median(runs.bareList), unit: 'r/s', target: '(no kept body)' },
      ];
    } finally {
      await bare.close();
    }
  } finally {
    await app.close();
    await remove();
  }
}

/** A throwaway cluster when PostgreSQL is installed and no server is named: its stop, or null. */
function startCluster(): (() => void) | null {
  try {
    const out = execFileSync('scripts/pg-cluster.sh', ['start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const vars = Object.fromEntries([...out.matchAll(/export (\w+)='([^']*)'/g)].map((m) => [m[1]!, m[2]!]));
    process.env.TEST_DATABASE_URL = vars.TEST_DATABASE_URL;
    return () => execFileSync('scripts/pg-cluster.sh', ['stop', vars.PG_CLUSTER_DIR!], { stdio: 'ignore' });
  } catch {
    return null;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const engine: Engine = process.argv.includes('--postgres') ? 'postgres' : 'sqlite';
  const stop = engine === 'postgres' && !process.env.TEST_DATABASE_URL ? startCluster() : null;
  if (engine === 'postgres' && !process.env.TEST_DATABASE_URL) {
    console.log('PostgreSQL span rows skipped: no TEST_DATABASE_URL and no PostgreSQL to start a cluster with (apt-get install postgresql).');
    process.exit(0);
  }
  const rows = await spansBench(engine).finally(() => stop?.());
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else printRows(rows);
}
