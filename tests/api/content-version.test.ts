/**
 * The content version (services/contentVersion.ts) on both engines: it
 * stays while only reads happen (so the caches keyed by it hit), and moves
 * with every committed write, through this server or through another
 * connection to the same database (another process, the command line).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type OpenedDatabase } from '../../server/src/db/open.js';
import { contentVersion } from '../../server/src/services/contentVersion.js';
import { cachedSpanList } from '../../server/src/services/spanListCache.js';
import { createUser } from '../../server/src/services/users.js';
import { freshWorkbench, ON_POSTGRES } from './harness.js';

/**
 * On PostgreSQL the version is the cluster's snapshot, so a commit in another
 * database of the cluster (another test file's, in this pass) moves it too:
 * what must hold while only this test reads is that it stays in some try.
 */
async function inSomeTry(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < (ON_POSTGRES ? 30 : 1); i++) if (await check()) return true;
  return false;
}

describe('the content version', () => {
  let dir: string;
  let wb: Awaited<ReturnType<typeof freshWorkbench>>;
  let other: OpenedDatabase;
  let admin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mbw-content-version-'));
    // a file on SQLite, so that a second connection can open it
    wb = await freshWorkbench({ path: join(dir, 'wb.db') });
    other = await openTarget(wb.target, { hold: false, poolSize: 1 });
    admin = await wb.admin();
  });
  afterAll(async () => {
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays while the database is only read', async () => {
    const stays = await inSomeTry(async () => {
      const before = await contentVersion(wb.db);
      for (const path of ['/api/projects', `/api/projects/${wb.sampleProjectId}/articles`, '/api/users'])
        expect((await wb.request('GET', path, { cookie: admin })).status).toBe(200);
      return (await contentVersion(wb.db)) === before;
    });
    expect(stays).toBe(true);
  });

  it('moves with a write through the server, and with one through another connection', async () => {
    const v1 = await contentVersion(wb.db);
    expect((await wb.request('POST', '/api/users', { cookie: admin, json: { username: 'cv-one', password: 'cv-one-password', role: 'annotator' } })).status).toBe(201);
    const v2 = await contentVersion(wb.db);
    expect(v2).not.toBe(v1);
    await createUser(other.db, null, { username: 'cv-two', password: 'cv-two-password', role: 'annotator' });
    const v3 = await contentVersion(wb.db);
    expect(v3).not.toBe(v2);
    expect(v3).not.toBe(v1);
  });

  it('lets the span-list cache hit until another connection writes', async () => {
    let builds = 0;
    const build = async () => {
      builds++;
      return new TextEncoder().encode(`[${builds}]`);
    };
    const hits = await inSomeTry(async () => {
      const first = await cachedSpanList(wb.db, 'content-version-test', build);
      const built = builds;
      return (await cachedSpanList(wb.db, 'content-version-test', build)) === first && builds === built;
    });
    expect(hits).toBe(true);
    const before = builds;
    await createUser(other.db, null, { username: 'cv-three', password: 'cv-three-password', role: 'annotator' });
    const again = await cachedSpanList(wb.db, 'content-version-test', build);
    expect(builds).toBe(before + 1);
    expect(new TextDecoder().decode(again)).toBe(`[${before + 1}]`);
  });
});
