/**
 * `npm run bench` (part, issue 13): agreement at the speed of the data.
 *
 * - The agreement report of 1,000 articles × 3 annotators × ~40 spans (every
 *   metric, bootstrap of 1,000) in process: the first run (tokens computed)
 *   and repeats (tokens cached), medians; target ≤ 500 ms.
 * - The command line on the same data as JSONL, wall time including start
 *   (node scripts/cli.mjs, as `npm run cli` runs it), against `cli --help`
 *   (the start alone); target ≤ 2 s.
 * - GET /api/health p99 while agreement reports run back to back, against
 *   the idle server, with the report in a worker (now) and in the request
 *   thread (`MBW_WORKERS=0`, before); target ≤ 50 ms.
 * `--json` prints the rows as JSON.
 */
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agreementReport, toJsonlLine, type AgreementInput } from '@mbw/shared';
import { createApp } from '../server/src/app.js';
import { openDatabase } from '../server/src/db/client.js';
import { seedSampleProjectIfEmpty } from '../server/src/services/seed.js';
import { ensureAdmin } from '../server/src/services/users.js';
import { closeWorkers } from '../server/src/workers/index.js';
import { agreementWorkload } from './agreementData.js';
import { insertAgreementWorkload } from './agreementDb.js';

export interface Row {
  what: string;
  value: number;
  baseline: number | null;
  unit: string;
  target: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => unknown) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

/** CPU time of this process (less disturbed than wall time by other work on a loaded machine). */
const cpu = (f: () => unknown) => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

function inProcess(input: AgreementInput): Row[] {
  const first = time(() => agreementReport(input));
  const repeats = [0, 1, 2].map(() => time(() => agreementReport(input)));
  const cpus = [0, 1, 2].map(() => cpu(() => agreementReport(input)));
  return [
    { what: 'agreement report 1,000×3×40, first run (ms)', value: first, baseline: null, unit: 'ms', target: '≤ 500' },
    { what: 'agreement report, tokens cached (median ms)', value: median(repeats), baseline: null, unit: 'ms', target: '≤ 500' },
    { what: 'agreement report, tokens cached (median CPU ms)', value: median(cpus), baseline: null, unit: 'ms', target: '≤ 500' },
  ];
}

function cliWall(input: AgreementInput, dir: string): Row {
  const file = join(dir, 'agreement.jsonl');
  const docs = input.articles.map((a) => toJsonlLine({
    id: String(a.id), text: a.text, meta: { title: a.title }, labels: input.labels, attributeKeys: input.attributeKeys,
    annotators: a.annotators.map((annotator) => ({ annotator, status: 'submitted' as const })),
    spans: a.spans.map((s) => ({ id: String(s.id), start: s.start, end: s.end, label: s.label, annotator: s.annotator, attributes: s.attributes as Record<string, string>, quote: a.text.slice(s.start, s.end) })),
    relations: (a.relations ?? []).map((r) => ({ from: String(r.from), to: String(r.to), type: r.type })),
  }));
  writeFileSync(file, `${docs.join('\n')}\n`);
  // as `npm run cli` runs it (without npm's own start): the bundle built ahead by `npm run build`, rebuilt first if a source is newer
  const run = (args: string[]) => time(() => execFileSync(process.execPath, ['scripts/cli.mjs', ...args], { stdio: ['ignore', 'ignore', 'ignore'] }));
  run(['--help']); // a build when the bundle is stale is not the command's time
  const start = [0, 1, 2].map(() => run(['--help']));
  const wall = [0, 1, 2].map(() => run(['agreement', file, '--json']));
  return { what: 'CLI agreement on the JSONL, wall incl. start (median ms) vs cli --help', value: median(wall), baseline: median(start), unit: 'ms', target: '≤ 2000' };
}

async function healthDuringReports(input: AgreementInput, dir: string): Promise<Row[]> {
  const { db, sqlite } = openDatabase(join(dir, 'bench.db'));
  await ensureAdmin(db, 'bench-admin-password');
  const { projectId } = await seedSampleProjectIfEmpty(db, { demo: false });
  insertAgreementWorkload(db, sqlite, projectId!, input);
  const server = serve({ fetch: createApp(db).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ username: 'admin', password: 'bench-admin-password' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const p99 = async (busy: boolean) => {
    let running = busy;
    const reports = (async () => {
      // a new seed every time: the server's cache (by content version) would answer a repeated query without computing
      for (let seed = 1; running; seed++) await (await fetch(`${url}/api/projects/${projectId}/agreement?iterations=1000&seed=${seed}`, { headers: { cookie } })).text();
    })();
    const r = await autocannon({ url: `${url}/api/health`, connections: 4, duration: 5 });
    running = false;
    await reports;
    return r.latency.p99;
  };
  try {
    const idle = await p99(false);
    const worker = await p99(true);
    process.env.MBW_WORKERS = '0';
    const inThread = await p99(true);
    delete process.env.MBW_WORKERS;
    return [
      { what: 'GET /api/health p99 during reports, report in a worker (ms)', value: worker, baseline: idle, unit: 'ms', target: '≤ 50' },
      { what: 'GET /api/health p99 during reports, report in the request thread (ms)', value: inThread, baseline: idle, unit: 'ms', target: '(before)' },
    ];
  } finally {
    server.close();
    await closeWorkers();
    sqlite.close();
  }
}

export async function agreementBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mbw-bench-agreement-'));
  try {
    const input = agreementWorkload(1000, 40);
    return [...inProcess(input), cliWall(input, dir), ...(await healthDuringReports(input, dir))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printRows(rows: Row[]): void {
  for (const r of rows) {
    const base = r.baseline === null ? ''.padEnd(30) : `baseline ${r.baseline.toFixed(1).padStart(8)} ${r.unit}  ratio ${(r.value / r.baseline).toFixed(2).padStart(6)}`;
    console.log(`${r.what.padEnd(72)} ${r.value.toFixed(1).padStart(9)} ${r.unit}  ${base}  target ${r.target}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await agreementBench();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else printRows(rows);
}
