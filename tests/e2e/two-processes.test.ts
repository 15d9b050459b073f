import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementWorkload } from '../../bench/agreementData.js';
import { openTarget } from '../../server/src/db/open.js';
import { useEngineTables } from '../../server/src/db/tables.js';
import { freshDatabase, TEST_DATABASE_URL } from '../pg/fresh.js';
import { insertAgreementWorkloadOnEngine } from '../../bench/agreementDb.js';
import { ADMIN_PASSWORD, apiAs, startServer } from './harness.js';

const PASSWORD = 'Zwei-Prozesse-2026';

/** Signs in on one server and returns the session cookie (valid wherever the session is). */
async function login(url: string, username: string): Promise<string> {
  const res = await fetch(new URL('/api/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(url).origin },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** One request to `url` with `cookie`: status and JSON. */
async function call(url: string, cookie: string, method: string, path: string, json?: unknown) {
  const res = await fetch(new URL(path, url), {
    method,
    headers: { cookie, origin: new URL(url).origin, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await res.text();
  return { status: res.status, data: text ? JSON.parse(text) : null };
}

interface Engine {
  name: string;
  /** Where both servers' database is, and how to remove it. */
  open(): Promise<{ where: { databasePath?: string; databaseUrl?: string }; remove: () => Promise<void> }>;
}

const sqlite: Engine = {
  name: 'SQLite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'mbw-two-'));
    return { where: { databasePath: join(dir, 'wb.db') }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

const postgres: Engine = {
  name: 'PostgreSQL',
  async open() {
    const { url, drop } = await freshDatabase();
    return { where: { databaseUrl: url }, remove: drop };
  },
};

/**
 * Issue 15: two server processes on one database see each other's state:
 * sessions, spans and span versions live in the database, not in a process.
 * On SQLite (WAL, one file), and on PostgreSQL when TEST_DATABASE_URL names a
 * server.
 */
describe.each(TEST_DATABASE_URL ? [sqlite, postgres] : [sqlite])('two server processes on one $name database', (engine) => {
  let a: Awaited<ReturnType<typeof startServer>>;
  let b: Awaited<ReturnType<typeof startServer>>;
  let remove: () => Promise<void>;
  let articleId: number;
  let projectId: number;
  let where: { databasePath?: string; databaseUrl?: string };

  beforeAll(async () => {
    const opened = await engine.open();
    remove = opened.remove;
    where = opened.where;
    a = await startServer(opened.where);
    b = await startServer(opened.where);
    const admin = await apiAs(a.url, 'admin', ADMIN_PASSWORD);
    const ute = await admin('POST', '/api/users', { username: 'ute', password: PASSWORD, role: 'annotator' });
    await admin('POST', '/api/users', { username: 'sven', password: PASSWORD, role: 'supervisor' });
    // the supervisor works through the other process
    const sven = await apiAs(b.url, 'sven', PASSWORD);
    projectId = (await sven('POST', '/api/projects', { name: 'Zwei Prozesse' })).data.project.id;
    const imported = await sven('POST', `/api/projects/${projectId}/articles`, {
      articles: [{ title: 'Geteilt', text: 'Der Minister sagte, die Lage sei ernst. Die Opposition schweigt.' }],
    });
    articleId = imported.data.articles[0].id;
    expect((await sven('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [ute.data.user.id] })).status).toBe(201);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await remove?.();
  });

  it('keeps idle connections longer than a reverse proxy does (60 s), so none reuses one a process closed', async () => {
    for (const server of [a, b]) expect((await fetch(`${server.url}/api/health`)).headers.get('keep-alive')).toBe('timeout=65');
  });

  it('a sign-in on one process is valid on the other, and a sign-out on one ends it on both', async () => {
    const cookie = await login(a.url, 'ute');
    const me = await call(b.url, cookie, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.data.user.username).toBe('ute');
    expect((await call(b.url, cookie, 'POST', '/api/auth/logout')).status).toBeLessThan(300);
    expect((await call(a.url, cookie, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('a span written through one process is read, field for field, through the other', async () => {
    const cookie = await login(a.url, 'ute');
    const created = await call(a.url, cookie, 'POST', `/api/articles/${articleId}/annotations`, {
      label: 'attribution',
      start: 0,
      end: 18,
      note: 'wer spricht',
    });
    expect(created.status).toBe(201);
    const listed = await call(b.url, cookie, 'GET', `/api/articles/${articleId}/annotations`);
    expect(listed.status).toBe(200);
    expect(listed.data.annotations).toContainEqual(created.data.annotation);
  });

  it('two processes editing the same span at once give one 200 and one 409, and the winner is what both read', async () => {
    const cookie = await login(a.url, 'ute');
    // several rounds: which process wins, and when, varies from round to round
    for (let round = 0; round < 6; round++) {
      const span = (await call(a.url, cookie, 'POST', `/api/articles/${articleId}/annotations`, { label: 'evaluative', start: 33, end: 38 })).data.annotation;
      const [fromA, fromB] = await Promise.all([
        call(a.url, cookie, 'PATCH', `/api/annotations/${span.id}`, { version: span.version, note: `von A ${round}` }),
        call(b.url, cookie, 'PATCH', `/api/annotations/${span.id}`, { version: span.version, note: `von B ${round}` }),
      ]);
      expect([fromA.status, fromB.status].sort()).toEqual([200, 409]);
      const winner = fromA.status === 200 ? fromA : fromB;
      expect(winner.data.annotation.version).toBe(span.version + 1);
      for (const url of [a.url, b.url]) {
        const list = (await call(url, cookie, 'GET', `/api/articles/${articleId}/annotations`)).data.annotations as { id: string }[];
        expect(list.find((s) => s.id === span.id)).toEqual(winner.data.annotation);
      }
    }
  });

  it('background jobs: one started on one process is followed, cancelled and downloaded through the other', { timeout: 120_000 }, async () => {
    // a workload for the jobs to chew on, written straight into the shared database
    useEngineTables(where.databaseUrl ? 'postgres' : 'sqlite');
    const opened = await openTarget(where.databaseUrl ? { engine: 'postgres', url: where.databaseUrl } : { engine: 'sqlite', path: where.databasePath! }, { hold: false, poolSize: 1 });
    try {
      await insertAgreementWorkloadOnEngine(opened.db, projectId, agreementWorkload(120, 30, 5));
    } finally {
      await opened.close?.();
    }
    // the insert held this process's event loop for seconds: let fetch see the servers close its idle connections first
    await new Promise((r) => setTimeout(r, 200));
    const cookie = await login(b.url, 'sven');
    const poll = async (path: string, until: (job: { state: string; done: number }) => boolean) => {
      for (;;) {
        const res = await call(b.url, cookie, 'GET', path);
        expect(res.status, JSON.stringify(res.data)).toBe(200);
        if (until(res.data.job)) return res.data;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    // progress, then the report, read through process B
    const started = await call(a.url, cookie, 'POST', `/api/projects/${projectId}/agreement-jobs?iterations=300&seed=3`);
    expect(started.status, JSON.stringify(started.data)).toBe(202);
    const id = started.data.job.id;
    const during = await poll(`/api/agreement-jobs/${id}`, (j) => j.state !== 'running' || j.done > 0);
    expect(during.job.total).toBeGreaterThan(0);
    const done = await poll(`/api/agreement-jobs/${id}`, (j) => j.state !== 'running');
    expect(done.job).toMatchObject({ state: 'done', error: null });
    expect(done.job.done).toBe(done.job.total);
    expect(done.job.report.counts.articles).toBeGreaterThanOrEqual(120);
    expect((await call(a.url, cookie, 'GET', `/api/agreement-jobs/${id}`)).data).toEqual(done);

    // cancelled through B: A sees it at its next beat and stops the worker before its report (its progress may
    // have counted every article already: the bootstrap runs after)
    const long = (await call(a.url, cookie, 'POST', `/api/projects/${projectId}/agreement-jobs?iterations=3000&seed=4`)).data.job;
    await poll(`/api/agreement-jobs/${long.id}`, (j) => j.done > 0);
    expect((await call(b.url, cookie, 'DELETE', `/api/agreement-jobs/${long.id}`)).status).toBe(200);
    const cancelled = await poll(`/api/agreement-jobs/${long.id}`, (j) => j.state !== 'running');
    expect(cancelled.job).toMatchObject({ state: 'cancelled', error: null });
    expect(cancelled.job.report).toBeNull();

    // an export written by A, downloaded through B (both processes share the job-files folder on one machine)
    const exp = (await call(a.url, cookie, 'POST', `/api/projects/${projectId}/export-jobs?format=jsonl`)).data.job;
    const finished = await poll(`/api/export-jobs/${exp.id}`, (j) => j.state !== 'running');
    expect(finished.job).toMatchObject({ state: 'done', error: null });
    expect(finished.job.fileName).toMatch(/\.jsonl$/);
    const download = async (url: string) => {
      const res = await fetch(new URL(`/api/export-jobs/${exp.id}/file`, url), { headers: { cookie } });
      return { status: res.status, text: await res.text() };
    };
    const viaA = await download(a.url);
    const viaB = await download(b.url);
    expect(viaB.status).toBe(200);
    expect(viaB.text).toBe(viaA.text);
    expect(viaB.text.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(120);
  });
});
