/**
 * Issue 13: the agreement report as a job in a worker thread, with progress
 * and cancel (the agreement page's progress bar). On a database file: the
 * job's report equals the one computed in process, progress comes from the
 * worker while it runs, a cached report answers at once, cancelling stops
 * the worker midway (the job ends cancelled, without a report, and the next
 * job computes anew), two jobs for one report share it, and a job is its
 * starter's alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@mbw/shared';
import { agreementWorkload } from '../../bench/agreementData.js';
import { projectAgreement } from '../../server/src/services/agreement.js';
import { eq } from 'drizzle-orm';
import { jobs } from '../../server/src/db/tables.js';
import { agreementJobEnded } from '../../server/src/services/agreementJobs.js';
import { PROCESS_ID } from '../../server/src/services/jobState.js';
import { closeWorkers, runsOffThread } from '../../server/src/workers/index.js';
import { expectError, freshWorkbench, ON_POSTGRES } from './harness.js';
import { insertAgreementWorkloadOnEngine } from '../../bench/agreementDb.js';

/** On PostgreSQL the content version is the cluster's snapshot, which every write moves (a job's own row, other tests' databases): a report is rarely served from the cache there. */
const CACHE_HITS = !ON_POSTGRES;

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

describe('agreement report jobs', () => {
  let dir: string;
  let wb: Workbench;
  let admin: string;
  let adminUser: User;
  let projectId: number;
  const start = (query: string) => wb.request('POST', `/api/projects/${projectId}/agreement-jobs?${query}`, { cookie: admin });
  const get = (id: string) => wb.request('GET', `/api/agreement-jobs/${id}`, { cookie: admin });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mbw-agreement-jobs-'));
    wb = await freshWorkbench({ demo: false, path: join(dir, 'wb.db') });
    admin = await wb.admin();
    adminUser = (await wb.request('GET', '/api/auth/me', { cookie: admin })).data.user;
    projectId = wb.sampleProjectId!;
    await insertAgreementWorkloadOnEngine(wb.db, projectId, agreementWorkload(200, 40, 3));
  });
  afterAll(async () => {
    await closeWorkers();
    await wb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes the report in a worker with progress, the same as in process, and (on SQLite) answers a repeat from the cache at once', async () => {
    expect(runsOffThread(wb.db)).toBe(true);
    const started = await start('iterations=200&seed=7');
    expect(started.status, JSON.stringify(started.data)).toBe(202);
    expect(started.data.job).toMatchObject({ state: 'running', report: null });
    const end = await agreementJobEnded(adminUser, started.data.job.id);
    expect(end.state).toBe('done');
    const done = (await get(started.data.job.id)).data.job;
    expect(done.total).toBeGreaterThan(400); // an article read and an article's figures each, and the labels
    expect(done.done).toBe(done.total);
    const here = await projectAgreement(wb.db, projectId, { drafts: false, seed: 7, iterations: 200 });
    expect(done.report).toEqual(JSON.parse(JSON.stringify(here)));
    // the report spliced in as the worker's bytes: the same text as c.json({ job }), key order included
    expect(JSON.stringify(done)).toBe(JSON.stringify({ id: done.id, state: 'done', done: done.total, total: done.total, error: null, report: here }));

    if (!CACHE_HITS) return;
    const again = await start('iterations=200&seed=7');
    expect(again.status).toBe(200);
    expect(again.data.job.state).toBe('done');
    expect(again.data.job.report).toEqual(done.report);
  });

  it('cancels a running report: the worker stops midway, the job ends cancelled without a report, and the next job computes anew', async () => {
    const started = await start('iterations=1000&seed=11');
    const id = started.data.job.id;
    let during = started.data.job;
    while (during.state === 'running' && during.done === 0) {
      await new Promise((r) => setTimeout(r, 10));
      during = (await get(id)).data.job;
    }
    expect(during.state).toBe('running'); // the worker has begun and reports progress
    expect(during.total).toBeGreaterThan(0);
    const cancel = await wb.request('DELETE', `/api/agreement-jobs/${id}`, { cookie: admin });
    expect(cancel.status).toBe(200);
    const end = await agreementJobEnded(adminUser, id);
    expect(end).toMatchObject({ state: 'cancelled', report: null, error: null });
    expect(end.done).toBeLessThan(end.total); // stopped before the last step
    // nothing of the cancelled run is cached: the same query starts a new computation, which finishes
    const next = await start('iterations=1000&seed=11');
    expect(next.status).toBe(202);
    expect((await agreementJobEnded(adminUser, next.data.job.id)).state).toBe('done');
  });

  it.skipIf(!CACHE_HITS)('lets two jobs share one report: cancelling one leaves the other to finish (SQLite only: two jobs share a cached run)', async () => {
    const a = (await start('iterations=100&seed=21')).data.job;
    const b = (await start('iterations=100&seed=21')).data.job;
    const cancel = await wb.request('DELETE', `/api/agreement-jobs/${a.id}`, { cookie: admin });
    expect(cancel.data.job.state).toBe('cancelled');
    expect((await agreementJobEnded(adminUser, b.id)).state).toBe('done');
    expect((await get(b.id)).data.job.report.counts.articles).toBeGreaterThanOrEqual(200);
    expect((await get(a.id)).data.job.report).toBeNull();
  });

  it('stops a running job when another process asks for it in the job row (seen at the next progress beat)', async () => {
    const id = (await start('iterations=10000&seed=13')).data.job.id; // long enough that the next beat comes before its end
    let during = (await get(id)).data.job;
    while (during.state === 'running' && during.done === 0) {
      await new Promise((r) => setTimeout(r, 10));
      during = (await get(id)).data.job;
    }
    expect(during.state).toBe('running');
    // what DELETE on another server process writes
    await wb.db.update(jobs).set({ cancelRequested: true }).where(eq(jobs.id, id));
    const end = await agreementJobEnded(adminUser, id);
    // (its progress may have reached the last step: the beat that reads the row comes up to 400 ms later)
    expect(end).toMatchObject({ state: 'cancelled', report: null });
    expect((await wb.db.select().from(jobs).where(eq(jobs.id, id)))[0]).toMatchObject({ state: 'cancelled', owner: PROCESS_ID });
  });

  it('checks the query and the id, and shows a job to its starter only', async () => {
    expectError(await start('iterations=-1'), 400, 'invalid_input', 'iterations');
    expectError(await get('not-a-uuid'), 400, 'invalid_input', 'id');
    const started = await start('iterations=10&seed=31');
    const other = await wb.userWithSession('other-supervisor', 'supervisor');
    expect((await wb.request('GET', `/api/agreement-jobs/${started.data.job.id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await wb.request('DELETE', `/api/agreement-jobs/${started.data.job.id}`, { cookie: other.cookie })).status).toBe(404);
    const annotator = await wb.userWithSession('plain-annotator');
    expect((await wb.request('POST', `/api/projects/${projectId}/agreement-jobs`, { cookie: annotator.cookie })).status).toBe(403);
    await agreementJobEnded(adminUser, started.data.job.id);
  });
});
