/**
 * Issue 13: the agreement report runs in a worker thread on its own read-only
 * connection when the database is a file (or on PostgreSQL, its URL), gives
 * the same report as in process, and the server answers a span write and the
 * health check while it runs (order of answers, not timings).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementWorkload } from '../../bench/agreementData.js';
import { insertAgreementWorkloadOnEngine } from '../../bench/agreementDb.js';
import { articles } from '../../server/src/db/tables.js';
import { projectAgreement } from '../../server/src/services/agreement.js';
import { cachedAgreement } from '../../server/src/services/agreementCache.js';
import { contentVersion } from '../../server/src/services/contentVersion.js';
import { closeWorkers, runsOffThread } from '../../server/src/workers/index.js';
import { freshWorkbench, ON_POSTGRES } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/**
 * On PostgreSQL the content version is the cluster's snapshot (db/pg/contentVersion.ts), so a commit in another
 * database of the cluster (another test file's) moves it too: what must hold while only this test reads is that the
 * cache hits in some try (as in content-version.test.ts).
 */
async function inSomeTry(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < (ON_POSTGRES ? 30 : 1); i++) if (await check()) return true;
  return false;
}

describe('the agreement report off the request thread', () => {
  let dir: string;
  let wb: Workbench;
  let admin: string;
  let projectId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mbw-agreement-worker-'));
    wb = await freshWorkbench({ demo: false, path: join(dir, 'wb.db') });
    admin = await wb.admin();
    projectId = wb.sampleProjectId!;
    await insertAgreementWorkloadOnEngine(wb.db, projectId, agreementWorkload(300, 40, 5));
  });
  afterAll(async () => {
    await closeWorkers();
    await wb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in a worker on a database file (or PostgreSQL) and gives the report computed in process', async () => {
    expect(runsOffThread(wb.db)).toBe(true);
    const r = await wb.request('GET', `/api/projects/${projectId}/agreement?iterations=100&seed=4`, { cookie: admin });
    expect(r.status, JSON.stringify(r.data).slice(0, 2000)).toBe(200);
    const here = await projectAgreement(wb.db, projectId, { drafts: false, seed: 4, iterations: 100 });
    expect(r.data.report).toEqual(JSON.parse(JSON.stringify(here)));
    // the worker's bytes are sent as they are: the same text as c.json({ report }), key order included
    expect(JSON.stringify(r.data)).toBe(JSON.stringify({ report: here }));
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.data.report.counts.articles).toBeGreaterThanOrEqual(300);
  });

  it('answers a span write and the health check while a report runs', async () => {
    const writer = await wb.userWithSession('writer');
    const [article] = await wb.db.select().from(articles).orderBy(articles.id).limit(1);
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: admin, json: { annotatorIds: [writer.user.id], articleIds: [article!.id] } });
    const order: string[] = [];
    const report = wb.request('GET', `/api/projects/${projectId}/agreement?iterations=1000`, { cookie: admin }).then((r) => {
      order.push('report');
      return r;
    });
    const write = await wb.request('POST', `/api/articles/${article!.id}/annotations`, { cookie: writer.cookie, json: { label: 'evaluative', start: 0, end: 10 } });
    order.push('write');
    const health = await wb.request('GET', '/api/health');
    order.push('health');
    expect(write.status).toBe(201);
    expect(health.status).toBe(200);
    expect((await report).status).toBe(200);
    expect(order).toEqual(['write', 'health', 'report']);
  });

  it('serves the report of an unchanged project from the cache, and a write invalidates it', async () => {
    const opts = { drafts: true, seed: 2, iterations: 10 };
    const first = cachedAgreement(wb.db, projectId, opts);
    expect(await cachedAgreement(wb.db, projectId, opts)).toBe(await first); // shared while it runs
    // and after, while nothing is written (on PostgreSQL in some try: see inSomeTry)
    let before = await first;
    const kept = await inSomeTry(async () => {
      const now = await cachedAgreement(wb.db, projectId, opts);
      const hit = now === before;
      before = now;
      return hit;
    });
    expect(kept).toBe(true);
    expect(await cachedAgreement(wb.db, projectId, { ...opts, seed: 3 })).not.toBe(before);
    const version = await contentVersion(wb.db);
    const writer = await wb.userWithSession('cache-writer');
    const [article] = await wb.db.select().from(articles).orderBy(articles.id).limit(1);
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: admin, json: { annotatorIds: [writer.user.id], articleIds: [article!.id] } });
    const write = await wb.request('POST', `/api/articles/${article!.id}/annotations`, { cookie: writer.cookie, json: { label: 'evaluative', start: 0, end: 10 } });
    expect(write.status).toBe(201);
    expect(await contentVersion(wb.db)).not.toBe(version);
    const again = cachedAgreement(wb.db, projectId, opts);
    expect(await again).not.toBe(before);
    expect((await again).counts.spans).toBe(before.counts.spans + 1);
    expect((await again).annotators).toContain('cache-writer');
  });

  it.skipIf(ON_POSTGRES)('runs in process on an in-memory database, which a worker cannot open (SQLite only: a PostgreSQL database is always reachable by its URL)', async () => {
    const mem = await freshWorkbench({ demo: false });
    expect(runsOffThread(mem.db)).toBe(false);
    const r = await mem.request('GET', `/api/projects/${mem.sampleProjectId}/agreement`, { cookie: await mem.admin() });
    expect(r.status).toBe(200);
    await mem.close();
  });
});
