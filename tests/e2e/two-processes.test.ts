import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, TEST_DATABASE_URL } from '../pg/fresh.js';
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

  beforeAll(async () => {
    const opened = await engine.open();
    remove = opened.remove;
    a = await startServer(opened.where);
    b = await startServer(opened.where);
    const admin = await apiAs(a.url, 'admin', ADMIN_PASSWORD);
    const ute = await admin('POST', '/api/users', { username: 'ute', password: PASSWORD, role: 'annotator' });
    await admin('POST', '/api/users', { username: 'sven', password: PASSWORD, role: 'supervisor' });
    // the supervisor works through the other process
    const sven = await apiAs(b.url, 'sven', PASSWORD);
    const projectId = (await sven('POST', '/api/projects', { name: 'Zwei Prozesse' })).data.project.id;
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
});
