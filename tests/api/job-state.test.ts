/**
 * Issue 15: background-job state lives in the `jobs` table (services/
 * jobState.ts), so a process answers for jobs another process runs. Rows
 * written here as another process would write them: a job whose process
 * stopped heartbeating is answered (and written) as failed; a cancel of
 * another process's running job is left in its row for that process; a
 * finished export whose file this process cannot find answers 410; old rows
 * are swept. On both engines.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { jobs } from '../../server/src/db/tables.js';
import { STALE_MS, sweepJobs } from '../../server/src/services/jobState.js';
import { expectError, freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

describe('job state in the database', () => {
  let wb: Workbench;
  let admin: string;
  let adminId: number;
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  /** A row as another process writes it. */
  const row = async (kind: 'agreement' | 'export' | 'import' | 'merge', values: Partial<typeof jobs.$inferInsert> = {}) => {
    const id = randomUUID();
    await wb.db.insert(jobs).values({ id, kind, userId: adminId, projectId: wb.sampleProjectId!, state: 'running', done: 3, total: 10, owner: 'another-process', heartbeatAt: ago(1000), ...values });
    return id;
  };
  const stored = async (id: string) => (await wb.db.select().from(jobs).where(eq(jobs.id, id)))[0];

  beforeAll(async () => {
    wb = await freshWorkbench({ demo: false });
    admin = await wb.admin();
    adminId = (await wb.request('GET', '/api/auth/me', { cookie: admin })).data.user.id;
  });
  afterAll(() => wb.close());

  it('answers a running job of another process from its row, and leaves a cancel there for that process', async () => {
    const id = await row('merge', { result: JSON.stringify({ articles: 3, merged: 5, open: 1, units: 9, resolvedUnits: 8 }) });
    const got = await wb.request('GET', `/api/merge-jobs/${id}`, { cookie: admin });
    expect(got.data.job).toEqual({ id, state: 'running', done: 3, total: 10, error: null, result: { articles: 3, merged: 5, open: 1, units: 9, resolvedUnits: 8 } });
    const cancel = await wb.request('DELETE', `/api/merge-jobs/${id}`, { cookie: admin });
    expect(cancel.status).toBe(200);
    expect(cancel.data.job.state).toBe('running'); // its process stops it at its next beat
    expect((await stored(id))!.cancelRequested).toBe(true);
    const other = await wb.userWithSession('other-supervisor', 'supervisor');
    expect((await wb.request('GET', `/api/merge-jobs/${id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await wb.request('GET', `/api/export-jobs/${id}`, { cookie: admin })).status).toBe(404); // another kind's id
  });

  it('answers a job whose process stopped heartbeating as failed, saying why, and writes it so', async () => {
    const id = await row('export', { heartbeatAt: ago(STALE_MS + 5000) });
    const got = await wb.request('GET', `/api/export-jobs/${id}`, { cookie: admin });
    expect(got.status).toBe(200);
    expect(got.data.job).toMatchObject({ id, state: 'failed', done: 3, total: 10, fileName: null });
    expect(got.data.job.error).toMatch(/server process running this job stopped/);
    expect((await stored(id))!.state).toBe('failed');
    // a fresh heartbeat is alive
    const alive = await row('import', { heartbeatAt: ago(2000), phase: 'writing' });
    expect((await wb.request('GET', `/api/import-jobs/${alive}`, { cookie: admin })).data.job).toMatchObject({ state: 'running', phase: 'writing', done: 3, total: 10 });
  });

  it('answers 410 for a finished export whose file this process cannot find, and 409 while one runs', async () => {
    const running = await row('export');
    expectError(await wb.request('GET', `/api/export-jobs/${running}/file`, { cookie: admin }), 409, 'not_ready', 'still running');
    const done = await row('export', { state: 'done', done: 10, finishedAt: ago(0), result: JSON.stringify({ fileName: 'p.jsonl', contentType: 'application/x-ndjson', articleCount: 10 }) });
    expect((await wb.request('GET', `/api/export-jobs/${done}`, { cookie: admin })).data.job).toMatchObject({ state: 'done', fileName: 'p.jsonl' });
    expectError(await wb.request('GET', `/api/export-jobs/${done}/file`, { cookie: admin }), 410, 'file_gone', 'JOB_FILES_DIR');
  });

  it('sweeps rows an hour after they ended, and running ones not heard of for an hour', async () => {
    const old = await row('agreement', { state: 'done', finishedAt: ago(3_700_000) });
    const dead = await row('agreement', { heartbeatAt: ago(3_700_000) });
    const recent = await row('agreement', { state: 'done', finishedAt: ago(60_000) });
    await sweepJobs(wb.db);
    expect(await stored(old)).toBeUndefined();
    expect(await stored(dead)).toBeUndefined();
    expect(await stored(recent)).toBeDefined();
  });
});
