import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/**
 * Issue 15: two server processes on one database see each other's state:
 * sessions, spans and span versions live in the database, not in a process.
 * On SQLite (WAL, one file) today; the same test is the one to run on
 * PostgreSQL once the server runs there (docs/postgres.md).
 */
describe('two server processes on one SQLite database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mbw-two-'));
  const databasePath = join(dir, 'wb.db');
  let a: Awaited<ReturnType<typeof startServer>>;
  let b: Awaited<ReturnType<typeof startServer>>;
  let articleId: number;

  beforeAll(async () => {
    a = await startServer({ databasePath });
    b = await startServer({ databasePath });
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
    rmSync(dir, { recursive: true, force: true });
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
