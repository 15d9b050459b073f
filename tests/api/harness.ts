import { expect, inject } from 'vitest';
import { createApp } from '@mbw/server';
import type { Role } from '@mbw/shared';
import type Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../server/src/db/client.js';
import type { DatabaseTarget } from '../../server/src/db/engine.js';
import { openTarget } from '../../server/src/db/open.js';
import { databaseFromTemplate } from '../pg/template.js';
import { seedSampleProjectIfEmpty } from '../../server/src/services/seed.js';
import { createUser, ensureAdmin } from '../../server/src/services/users.js';

export const ADMIN_PASSWORD = 'admin-password-1';

/** The API pass on PostgreSQL (vitest.config.ts): the same tests, each workbench a new PostgreSQL database. */
export const ON_POSTGRES = process.env.MBW_TEST_ENGINE === 'postgres';

/** A new database: SQLite in memory or at `path`, or on PostgreSQL a copy of the migrated template. */
async function openFresh(path: string): Promise<{ db: Db; sqlite: Database.Database; target: DatabaseTarget; close: () => Promise<void> }> {
  if (!ON_POSTGRES) {
    const opened = openDatabase(path);
    const close = async () => {
      opened.sqlite.close();
    };
    return { ...opened, target: { engine: 'sqlite', path }, close };
  }
  const target: DatabaseTarget = { engine: 'postgres', url: await databaseFromTemplate(inject('pgTemplate')) };
  const { db, close } = await openTarget(target, { poolSize: 2 });
  // The SQLite connection itself: a test that reads it is for SQLite only (it is left out of the PostgreSQL pass).
  const sqlite = new Proxy({} as Database.Database, {
    get: () => {
      throw new Error('this test reads the SQLite file directly: it belongs to the SQLite pass only (vitest.config.ts)');
    },
  });
  return { db, sqlite, target, close };
}

/**
 * A fresh workbench on an in-memory SQLite database (or a new file at
 * `path`, for the command line to read too), or on PostgreSQL in the
 * PostgreSQL pass, with every migration applied: the real app, called
 * through `app.request()`.
 */
export async function freshWorkbench({ seed = true, demo = true, path = ':memory:' } = {}) {
  const { db, sqlite, target, close } = await openFresh(path);
  await ensureAdmin(db, ADMIN_PASSWORD);
  const sample = seed ? await seedSampleProjectIfEmpty(db, { demo }) : { seeded: false, projectId: undefined };
  const app = createApp(db);

  /** Sends a request; `cookie` signs it in, `json` becomes the body. */
  async function request(
    method: string,
    path: string,
    opts: { cookie?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ) {
    // The app's own origin, as a browser sends it on every state-changing request (CSRF check).
    const headers: Record<string, string> = { origin: 'http://localhost', ...opts.headers };
    if (opts.cookie) headers.cookie = opts.cookie;
    let body = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let data: any;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = text;
    }
    return { status: res.status, data, headers: res.headers };
  }

  /** Logs in and returns the session cookie to send with later requests. */
  async function login(username: string, password: string): Promise<string> {
    const res = await request('POST', '/api/auth/login', { json: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.data)}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  /** Creates an account directly and returns it with a signed-in cookie. */
  async function userWithSession(username: string, role: Role = 'annotator') {
    const password = `${username}-password`;
    const user = await createUser(db, null, { username, password, role });
    return { user, cookie: await login(username, password) };
  }

  return {
    app,
    db,
    sqlite,
    /** Closes the database: the SQLite connection, or the PostgreSQL pool. */
    close,
    /** Where the database is (a second connection opens it here). */
    target,
    request,
    login,
    userWithSession,
    sampleProjectId: sample.projectId,
    admin: () => login('admin', ADMIN_PASSWORD),
  };
}

type Answer = { status: number; data: any };

/** An error answer: its status, its code, and each word in its message (a field's name, say). */
export function expectError(res: Answer, status: number, code: string, ...words: string[]) {
  expect(res.status, JSON.stringify(res.data)).toBe(status);
  expect(res.data.error.code).toBe(code);
  for (const w of words) expect(res.data.error.message).toContain(w);
}
