/**
 * Issue 13: what an import does to the server's other requests. A project on
 * a database file; an annotator writes a span and a client asks for
 * `/api/health`, each in a loop of its own every 50 ms (one connection each),
 * first on the idle server, then while an import job of `ARTICLES` JSONL
 * articles runs in the worker (reading and checking the file, then writing
 * it in one transaction on the worker's own connection), then, for
 * comparison, while the same import runs on the request thread
 * (`MBW_WORKERS=0`). Prints p50, p99 and max latency per phase (the job's
 * reading and writing phases apart). `npx tsx bench/importLatency.ts [articles]`.
 */
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJsonlLine } from '@mbw/shared';
import { createApp } from '../server/src/app.js';
import { openDatabase } from '../server/src/db/client.js';
import { seedSampleProjectIfEmpty } from '../server/src/services/seed.js';
import { ensureAdmin } from '../server/src/services/users.js';
import { closeWorkers } from '../server/src/workers/index.js';
import { agreementWorkload } from './agreementData.js';

const ARTICLES = Number(process.argv[2] ?? 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]! : NaN);

const dir = mkdtempSync(join(tmpdir(), 'mbw-bench-import-latency-'));
const { db, sqlite } = openDatabase(join(dir, 'bench.db'));
await ensureAdmin(db, 'bench-admin-password');
const { projectId } = await seedSampleProjectIfEmpty(db, { demo: false });
const input = agreementWorkload(ARTICLES, 5, 7);
const file = (tag: string) =>
  input.articles
    .map((a, i) => toJsonlLine({ id: `${tag}-${i}`, text: `${a.text} (${tag} ${i})`, meta: { title: a.title }, relations: [], spans: a.spans.map((s) => ({ id: String(s.id), start: s.start, end: s.end, label: 'statement', annotator: s.annotator, attributes: {}, quote: a.text.slice(s.start, s.end) })) }))
    .join('\n');
const server = serve({ fetch: createApp(db).fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const api = async (method: string, path: string, body: unknown, cookie?: string, type = 'application/json') => {
  const r = await fetch(url + path, { method, headers: { 'content-type': type, origin: url, ...(cookie ? { cookie } : {}) }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: r.status, data: await r.json().catch(() => null), cookie: r.headers.get('set-cookie')?.split(';')[0] };
};
try {
  const admin = (await api('POST', '/api/auth/login', { username: 'admin', password: 'bench-admin-password' })).cookie!;
  const user = (await api('POST', '/api/users', { username: 'bench', password: 'bench-password', role: 'annotator' }, admin)).data.user;
  const text = 'Die Regierung berichtet laut Diplomaten über eine mögliche Friedensmission. '.repeat(60);
  const articleId = (await api('POST', `/api/projects/${projectId}/articles`, { articles: [{ title: 'Bench writes', text }], onDuplicate: 'add' }, admin)).data.articles[0].id;
  await api('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [user.id], articleIds: [articleId] }, admin);
  const bench = (await api('POST', '/api/auth/login', { username: 'bench', password: 'bench-password' })).cookie!;

  /** Probes until `done()`, health and span writes in two loops of their own: each sample's latency by kind and by what the import was doing. */
  const probe = async (phaseOf: () => string, done: () => boolean) => {
    const samples: Record<string, number[]> = {};
    const add = (k: string, ms: number) => (samples[k] ??= []).push(ms);
    const loop = async (kind: string, send: () => Promise<void>) => {
      while (!done()) {
        const phase = phaseOf();
        const t = performance.now();
        await send();
        add(`${kind} ${phase}`, performance.now() - t);
        await sleep(50);
      }
    };
    await Promise.all([
      loop('health', async () => void (await (await fetch(`${url}/api/health`)).text())),
      loop('write', async () => {
        const w = await api('POST', `/api/articles/${articleId}/annotations`, { label: 'evaluative', start: 100, end: 130 }, bench);
        if (w.status !== 201) throw new Error(`span write answered ${w.status}: ${JSON.stringify(w.data)}`);
      }),
    ]);
    return samples;
  };
  const report = (name: string, samples: Record<string, number[]>) => {
    for (const [k, xs] of Object.entries(samples)) console.log(`${name.padEnd(28)} ${k.padEnd(16)} n=${String(xs.length).padStart(4)}  p50 ${pct(xs, 50).toFixed(0).padStart(5)} ms  p99 ${pct(xs, 99).toFixed(0).padStart(5)} ms  max ${Math.max(...xs).toFixed(0).padStart(5)} ms`);
  };
  const t0 = performance.now();
  report('idle', await probe(() => 'idle', () => performance.now() - t0 > 3000));
  for (const where of ['worker', 'request thread'] as const) {
    if (where === 'request thread') process.env.MBW_WORKERS = '0';
    const started = performance.now();
    const res = await fetch(`${url}/api/projects/${projectId}/import-jobs?format=jsonl&onDuplicate=add`, { method: 'POST', headers: { cookie: admin, origin: url, 'content-type': 'application/x-ndjson' }, body: file(where.replace(' ', '-')) });
    const { job } = (await res.json()) as { job: { id: string } };
    let state = { state: 'running', phase: 'reading' };
    const watch = (async () => {
      while (state.state === 'running') {
        state = (await api('GET', `/api/import-jobs/${job.id}`, undefined, admin)).data.job;
        await sleep(100);
      }
    })();
    const samples = await probe(() => state.phase, () => state.state !== 'running');
    await watch;
    report(`import in ${where}`, samples);
    console.log(`import in ${where}: ${state.state}, ${ARTICLES} articles in ${((performance.now() - started) / 1000).toFixed(1)} s (load ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`);
  }
} finally {
  server.close();
  await closeWorkers();
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}
