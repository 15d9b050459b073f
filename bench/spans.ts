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
 * prints the rows as JSON.
 */
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/src/app.js';
import { openDatabase } from '../server/src/db/client.js';
import { seedSampleProjectIfEmpty } from '../server/src/services/seed.js';
import { ensureAdmin } from '../server/src/services/users.js';
import { printRows, type Row } from './agreement.js';

const RUNS = 3;
const SECONDS = 4;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<{ url: string; close: () => void }> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

type Load = { method?: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string>; connections: number };
async function measure(url: string, load: Load) {
  const r = await autocannon({ url: url + load.path, method: load.method ?? 'GET', body: load.body, headers: { 'content-type': 'application/json', ...load.headers }, connections: load.connections, duration: SECONDS });
  if (r.non2xx) throw new Error(`${load.path}: ${r.non2xx} answers not 2xx`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}

export async function spansBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mbw-bench-spans-'));
  const { db, sqlite } = openDatabase(join(dir, 'bench.db'));
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
      return [
        { what: 'span writes, 50 connections (median req/s) vs bare Hono route parsing the body', value: median(runs.write.map((r) => r.rps)), baseline: median(runs.bareWrite.map((r) => r.rps)), unit: 'r/s', target: 'ratio ≥ 0.35' },
        { what: 'span writes, 50 connections, p99 (median ms) vs the bare route', value: median(runs.write.map((r) => r.p99)), baseline: median(runs.bareWrite.map((r) => r.p99)), unit: 'ms', target: '≤ 25' },
        { what: 'GET 3,000 spans (median req/s) vs the same bytes precomputed', value: median(runs.list), baseline: median(runs.bareList), unit: 'r/s', target: 'ratio ≥ 0.5' },
        { what: 'GET 3,000 spans, body built each time (as after a write)', value: median(runs.listBuilt), baseline: median(runs.bareList), unit: 'r/s', target: '(no kept body)' },
      ];
    } finally {
      bare.close();
    }
  } finally {
    app.close();
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await spansBench();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else printRows(rows);
}
