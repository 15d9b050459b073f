/**
 * Issue 13: exports as jobs in a worker thread, with progress and cancel. On
 * a database file the export runs off the request thread: a span write is
 * answered while it runs (order of answers, not timings); the file equals
 * the streamed export; a cancelled job leaves no file; a job is its
 * starter's alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementWorkload } from '../../bench/agreementData.js';
import { articles } from '../../server/src/db/tables.js';
import { exportJobEnded } from '../../server/src/services/exportJobs.js';
import { closeWorkers, runsOffThread } from '../../server/src/workers/index.js';
import { freshWorkbench, ON_POSTGRES } from './harness.js';
import { insertAgreementWorkloadOnEngine } from '../../bench/agreementDb.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

describe('export jobs off the request thread', () => {
  let dir: string;
  let wb: Workbench;
  let admin: string;
  let adminUser: { id: number; username: string; role: 'admin' };
  let projectId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mbw-export-jobs-'));
    wb = await freshWorkbench({ demo: false, path: join(dir, 'wb.db') });
    admin = await wb.admin();
    adminUser = (await wb.request('GET', '/api/auth/me', { cookie: admin })).data.user;
    projectId = wb.sampleProjectId!;
    await insertAgreementWorkloadOnEngine(wb.db, projectId, agreementWorkload(150, 40, 9));
  });
  afterAll(async () => {
    await closeWorkers();
    await wb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // PostgreSQL's export reads every document first, twice here (the job and the streamed export): slow under load
  it('answers a span write while an export runs, reports progress, and gives the same file as the streamed export', { timeout: ON_POSTGRES ? 90_000 : 30_000 }, async () => {
    expect(runsOffThread(wb.db)).toBe(true);
    const writer = await wb.userWithSession('writer');
    const [article] = await wb.db.select().from(articles).limit(1);
    if (!article) throw new Error('no article');
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: admin, json: { annotatorIds: [writer.user.id], articleIds: [article.id] } });

    const started = await wb.request('POST', `/api/projects/${projectId}/export-jobs?format=conll&conllShape=columns`, { cookie: admin });
    expect(started.status, JSON.stringify(started.data)).toBe(202);
    const job = started.data.job;
    expect(job.state).toBe('running');
    const order: string[] = [];
    const ended = exportJobEnded(adminUser as never, job.id).then(() => order.push('export'));
    const write = await wb.request('POST', `/api/articles/${article.id}/annotations`, { cookie: writer.cookie, json: { label: 'evaluative', start: 0, end: 10 } });
    order.push('write');
    expect(write.status).toBe(201);
    const during = await wb.request('GET', `/api/export-jobs/${job.id}`, { cookie: admin });
    expect(during.status).toBe(200);
    await ended;
    expect(order).toEqual(['write', 'export']);
    const done = (await wb.request('GET', `/api/export-jobs/${job.id}`, { cookie: admin })).data.job;
    expect(done).toMatchObject({ state: 'done', fileName: `project-${projectId}-all.conll`, error: null });
    expect(done.total).toBeGreaterThanOrEqual(150);
    expect(done.done).toBe(done.total);
    expect(during.data.job.done).toBeLessThanOrEqual(done.total);

    const file = await wb.request('GET', `/api/export-jobs/${job.id}/file`, { cookie: admin });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(done.fileName);
    // the streamed export of the same content (the span written meanwhile is a draft, not exported)
    const streamed = await wb.request('GET', `/api/projects/${projectId}/export?format=conll&conllShape=columns`, { cookie: admin });
    expect(file.data).toBe(streamed.data);
  });

  it('cancels a running job: no file, and its state says so', async () => {
    const started = await wb.request('POST', `/api/projects/${projectId}/export-jobs?format=jsonl`, { cookie: admin });
    const id = started.data.job.id;
    const cancel = await wb.request('DELETE', `/api/export-jobs/${id}`, { cookie: admin });
    expect(cancel.status).toBe(200);
    const end = await exportJobEnded(adminUser as never, id);
    expect(end.state).toBe('cancelled');
    const file = await wb.request('GET', `/api/export-jobs/${id}/file`, { cookie: admin });
    expect(file.status).toBe(409);
    expect(JSON.stringify(file.data)).toMatch(/cancelled/);
  });

  it('checks the request before starting, and shows a job to its starter only', async () => {
    const bad = await wb.request('POST', `/api/projects/${projectId}/export-jobs?source=nobody`, { cookie: admin });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toContain('source');
    const started = await wb.request('POST', `/api/projects/${projectId}/export-jobs?format=csv`, { cookie: admin });
    await exportJobEnded(adminUser as never, started.data.job.id);
    const other = await wb.userWithSession('other-supervisor', 'supervisor');
    expect((await wb.request('GET', `/api/export-jobs/${started.data.job.id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await wb.request('GET', `/api/export-jobs/not-a-uuid`, { cookie: admin })).status).toBe(400);
    const annotator = await wb.userWithSession('plain-annotator');
    expect((await wb.request('POST', `/api/projects/${projectId}/export-jobs`, { cookie: annotator.cookie })).status).toBe(403);
  });
});
