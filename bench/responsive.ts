/**
 * `npm run bench` (part, issue 13): the server stays responsive while heavy
 * work runs. A project of 2,500 articles × 3 annotators × ~30 spans
 * (≈ 200,000 spans, the agreement workload) on a database file; one
 * supervisor's client requests agreement reports back to back (a new seed
 * each, so the report cache cannot answer) and exports the project as CoNLL
 * back to back, while autocannon measures:
 *
 * - `GET /api/health` p99 (4 connections) against the same on the idle
 *   server, same run; target ≤ 50 ms;
 * - a span write p99 (an annotator's POST …/annotations, 4 connections)
 *   against the same write on the idle server; target ≤ 50 ms.
 * The export runs as an export job (worker thread: what the export panel's
 * "Prepare file in the background" does) and, for comparison, as the
 * streamed `GET …/export` (computed on the request thread).
 * Medians of `RUNS` runs of `SECONDS` s. `--json` prints the rows as JSON.
 */
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/src/app.js';
import { openDatabase } from '../server/src/db/client.js';
import { seedSampleProjectIfEmpty } from '../server/src/services/seed.js';
import { ensureAdmin } from '../server/src/services/users.js';
import { closeWorkers } from '../server/src/workers/index.js';
import { printRows, type Row } from './agreement.js';
import { agreementWorkload } from './agreementData.js';
import { insertAgreementWorkload } from './agreementDb.js';

const RUNS = 3;
const SECONDS = 4;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Busy = 'idle' | 'job' | 'stream';

export async function responsiveBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mbw-bench-responsive-'));
  const { db, sqlite } = openDatabase(join(dir, 'bench.db'));
  await ensureAdmin(db, 'bench-admin-password');
  const { projectId } = await seedSampleProjectIfEmpty(db, { demo: false });
  insertAgreementWorkload(db, sqlite, projectId!, agreementWorkload(2500, 30));
  const server = serve({ fetch: createApp(db).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = async (method: string, path: string, body: unknown, cookie?: string) => {
    const r = await fetch(url + path, { method, headers: { 'content-type': 'application/json', origin: url, ...(cookie ? { cookie } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, data: await r.json().catch(() => null), cookie: r.headers.get('set-cookie')?.split(';')[0] };
  };
  try {
    const admin = (await api('POST', '/api/auth/login', { username: 'admin', password: 'bench-admin-password' })).cookie!;
    const user = (await api('POST', '/api/users', { username: 'bench', password: 'bench-password', role: 'annotator' }, admin)).data.user;
    const text = 'Die Regierung berichtet laut Diplomaten über eine mögliche Friedensmission. '.repeat(60);
    const articleId = (await api('POST', `/api/projects/${projectId}/articles`, { articles: [{ title: 'Bench writes', text }], onDuplicate: 'add' }, admin)).data.articles[0].id;
    await api('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [user.id], articleIds: [articleId] }, admin);
    const bench = (await api('POST', '/api/auth/login', { username: 'bench', password: 'bench-password' })).cookie!;
    const writeBody = JSON.stringify({ label: 'evaluative', start: 100, end: 130 });

    /** Heavy work back to back until `stop()`: agreement reports, and CoNLL exports as jobs or streamed. */
    const load = (kind: Busy) => {
      let running = kind !== 'idle';
      const counts = { reports: 0, exports: 0 };
      const reports = (async () => {
        for (let seed = 1; running; seed++) {
          await (await fetch(`${url}/api/projects/${projectId}/agreement?iterations=1000&seed=${seed}`, { headers: { cookie: admin } })).text();
          counts.reports++;
        }
      })();
      const exports = (async () => {
        while (running) {
          if (kind === 'stream') await (await fetch(`${url}/api/projects/${projectId}/export?format=conll`, { headers: { cookie: admin } })).arrayBuffer();
          else {
            const job = (await api('POST', `/api/projects/${projectId}/export-jobs?format=conll`, undefined, admin)).data.job;
            while (running && (await api('GET', `/api/export-jobs/${job.id}`, undefined, admin)).data.job.state === 'running') await sleep(250);
            await api('DELETE', `/api/export-jobs/${job.id}`, undefined, admin);
          }
          counts.exports++;
        }
      })();
      return async () => {
        running = false;
        await Promise.all([reports, exports]);
        return counts;
      };
    };
    const p99 = async (path: string, extra: Partial<autocannon.Options>) => {
      const r = await autocannon({ url: url + path, connections: 4, duration: SECONDS, ...extra });
      if (r.non2xx) throw new Error(`${path}: ${r.non2xx} answers not 2xx`);
      return r.latency.p99;
    };
    const phase = async (kind: Busy) => {
      const stop = load(kind);
      if (kind !== 'idle') await sleep(1500); // the report and the export under way
      const health: number[] = [];
      const write: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        health.push(await p99('/api/health', {}));
        write.push(await p99(`/api/articles/${articleId}/annotations`, { method: 'POST', body: writeBody, headers: { 'content-type': 'application/json', cookie: bench, origin: url } }));
      }
      const counts = await stop();
      return { health: median(health), write: median(write), counts };
    };
    const idle = await phase('idle');
    const job = await phase('job');
    const stream = await phase('stream');
    const during = (c: { reports: number; exports: number }) => `${c.reports} reports, ${c.exports} exports done`;
    return [
      { what: `GET /api/health p99, report + export job running (${during(job.counts)})`, value: job.health, baseline: idle.health, unit: 'ms', target: '≤ 50' },
      { what: `span write p99, report + export job running, vs idle write`, value: job.write, baseline: idle.write, unit: 'ms', target: '≤ 50' },
      { what: `GET /api/health p99, report + streamed export (${during(stream.counts)})`, value: stream.health, baseline: idle.health, unit: 'ms', target: '(comparison)' },
      { what: `span write p99, report + streamed export, vs idle write`, value: stream.write, baseline: idle.write, unit: 'ms', target: '(comparison)' },
    ];
  } finally {
    server.close();
    await closeWorkers();
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await responsiveBench();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else printRows(rows);
}
