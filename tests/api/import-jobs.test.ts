/**
 * Issue 13: imports as jobs in a worker thread, with progress and cancel. On
 * a database file the import runs off the request thread (the health check
 * is answered while it runs: order of answers, not timings); progress moves
 * from reading the file to writing its articles; a cancel while the articles
 * are being written leaves nothing written (one transaction); a span write
 * while the import writes waits for its commit without holding up the health
 * check (order of answers); a refused file
 * fails the job with its bad line; a job is its starter's alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { toJsonlLine } from '@mbw/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementWorkload } from '../../bench/agreementData.js';
import { annotations, articles, auditLog, users } from '../../server/src/db/tables.js';
import { importJobEnded } from '../../server/src/services/importJobs.js';
import { closeWorkers, runsOffThread } from '../../server/src/workers/index.js';
import { freshWorkbench, ON_POSTGRES } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/** `n` articles of the agreement workload as interchange JSONL (spans of 3 annotators, no attributes). */
function jsonl(n: number, seed: number): string {
  const input = agreementWorkload(n, 4, seed);
  return input.articles
    .map((a) =>
      toJsonlLine({
        id: `job-${seed}-${a.id}`,
        text: a.text,
        meta: { title: a.title },
        relations: [],
        spans: a.spans.map((s) => ({ id: String(s.id), start: s.start, end: s.end, label: 'statement', annotator: s.annotator, attributes: {}, quote: a.text.slice(s.start, s.end) })),
      }),
    )
    .join('\n');
}

describe('import jobs off the request thread', () => {
  let dir: string;
  let wb: Workbench;
  let admin: string;
  let projectId: number;
  const post = (body: string, query = '') =>
    wb.app.request(`/api/projects/${projectId}/import-jobs?format=jsonl${query}`, { method: 'POST', headers: { cookie: admin, origin: 'http://localhost', 'content-type': 'application/x-ndjson' }, body });
  const poll = (id: string, cookie = admin) => wb.request('GET', `/api/import-jobs/${id}`, { cookie });
  const countOf = async (table: typeof articles | typeof annotations | typeof users | typeof auditLog) => (await wb.db.select({ n: count() }).from(table as typeof articles))[0]!.n;

  /** Polls until the job ends, collecting every view seen. */
  async function until(id: string, stop: (job: { state: string; phase: string; done: number }) => boolean) {
    const seen = [];
    for (;;) {
      const { data } = await poll(id);
      seen.push(data.job);
      if (stop(data.job) || data.job.state !== 'running') return seen;
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mbw-import-jobs-'));
    wb = await freshWorkbench({ demo: false, path: join(dir, 'wb.db') });
    admin = await wb.admin();
    projectId = wb.sampleProjectId!;
  });
  afterAll(async () => {
    await closeWorkers();
    await wb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in a worker: health is answered meanwhile, progress goes from reading to writing, the result and the articles arrive', async () => {
    expect(runsOffThread(wb.db)).toBe(true);
    const before = await countOf(articles);
    const res = await post(jsonl(400, 1), '&onDuplicate=add');
    const started = (await res.json()) as { job: { id: string; state: string } };
    expect(res.status, JSON.stringify(started)).toBe(202);
    expect(started.job.state).toBe('running');
    const health = await wb.request('GET', '/api/health');
    expect(health.status).toBe(200);
    const afterHealth = (await poll(started.job.id)).data.job;
    const seen = [afterHealth, ...(await until(started.job.id, () => false))];
    const last = seen.at(-1)!;
    expect(last.state, JSON.stringify(last.error)).toBe('done');
    // the health check did not wait for the import
    expect(afterHealth.state).toBe('running');
    expect(last.result.articles).toBe(400);
    expect(last.result.spans).toBeGreaterThan(400);
    expect(await countOf(articles)).toBe(before + 400);
    // progress: reading (bytes of the file) comes before writing (articles), and never goes back within a phase
    const phases = seen.filter((j) => j.state === 'running').map((j) => j.phase);
    expect(phases.join(' ')).toMatch(/^(reading ?)*(writing ?)*$/);
    for (let i = 1; i < seen.length; i++) if (seen[i]!.state === 'running' && seen[i]!.phase === seen[i - 1]!.phase) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
  }, 60_000);

  it('a cancel while the articles are written leaves nothing written: no article, span, account or audit entry', async () => {
    const before = { articles: await countOf(articles), spans: await countOf(annotations), users: await countOf(users), audit: await countOf(auditLog) };
    const res = await post(jsonl(1500, 2), '&onDuplicate=add');
    const { job } = (await res.json()) as { job: { id: string } };
    const seen = await until(job.id, (j) => j.phase === 'writing' && j.done > 0);
    expect(seen.at(-1)!.state, 'the import ended before its writing could be cancelled').toBe('running');
    const cancelled = await wb.request('DELETE', `/api/import-jobs/${job.id}`, { cookie: admin });
    expect(cancelled.status).toBe(200);
    const end = await until(job.id, () => false);
    expect(end.at(-1)!.state).toBe('cancelled');
    expect(end.at(-1)!.result).toBeNull();
    expect({ articles: await countOf(articles), spans: await countOf(annotations), users: await countOf(users), audit: await countOf(auditLog) }).toEqual(before);
    expect(await wb.db.select().from(articles).where(eq(articles.externalId, 'job-2-1'))).toEqual([]);
  }, 60_000);

  it.skipIf(ON_POSTGRES)('holds a span write while the import writes (answered after its commit, not failed) and answers health meanwhile (SQLite only: its one writer and the write gate)', async () => {
    const adminUser = (await wb.request('GET', '/api/auth/me', { cookie: admin })).data.user;
    const writer = await wb.userWithSession('import-time-writer');
    const [article] = await wb.db.select().from(articles).limit(1);
    if (!article) throw new Error('no article');
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: admin, json: { annotatorIds: [writer.user.id], articleIds: [article.id] } });
    const res = await post(jsonl(1500, 4), '&onDuplicate=add');
    const { job } = (await res.json()) as { job: { id: string } };
    const seen = await until(job.id, (j) => j.phase === 'writing');
    expect(seen.at(-1)!.state, 'the import ended before its writing phase was seen').toBe('running');
    const order: string[] = [];
    const ended = importJobEnded(adminUser, job.id).then(() => order.push('import'));
    const write = wb.request('POST', `/api/articles/${article.id}/annotations`, { cookie: writer.cookie, json: { label: 'evaluative', start: 0, end: 10 } }).then((r) => (order.push('write'), r));
    const health = await wb.request('GET', '/api/health');
    order.push('health');
    expect(health.status).toBe(200);
    expect((await write).status).toBe(201);
    await ended;
    expect(order).toEqual(['health', 'import', 'write']);
  }, 60_000);

  it('fails a refused file with its bad line and writes nothing; a job is its starter’s alone', async () => {
    const before = await countOf(articles);
    const good = jsonl(3, 3).split('\n');
    const res = await post([good[0], '{"text": "x", "spans": 5}', good[1]].join('\n'));
    const { job } = (await res.json()) as { job: { id: string } };
    const other = await wb.userWithSession('other-supervisor', 'supervisor');
    expect((await poll(job.id, other.cookie)).status).toBe(404);
    const end = (await until(job.id, () => false)).at(-1)!;
    expect(end.state).toBe('failed');
    expect(end.error.message).toContain('Line 2');
    expect(end.error.details.errors[0].line).toBe(2);
    expect(await countOf(articles)).toBe(before);
    expect((await wb.request('GET', '/api/import-jobs/not-a-uuid', { cookie: admin })).status).toBe(400);
    // the query and the content type are checked before anything is read
    const badQuery = await post(good[0]!, '&onDuplicate=sometimes');
    expect(badQuery.status).toBe(400);
    expect(((await badQuery.json()) as { error: { message: string } }).error.message).toContain('onDuplicate');
    const form = await wb.request('POST', `/api/projects/${projectId}/import-jobs?format=jsonl`, { cookie: admin, body: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  }, 60_000);
});
