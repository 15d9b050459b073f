/**
 * Issue 13: the project-wide pre-merge as a job. On database files (so the
 * worker really reads on its own connection): the proposals are computed in
 * the worker and written here article by article with progress; the totals
 * and the gold equal an in-process merge of an equal project; a curator's
 * writes between articles are honoured (the article's plan is computed again
 * inside its transaction); cancel stops early and keeps what was merged; a
 * job is its starter's alone and supervisors' only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { and, asc, count, countDistinct, eq } from 'drizzle-orm';
import type { AgreementInput, User } from '@mbw/shared';
import { agreementWorkload } from '../../bench/agreementData.js';
import { articles, auditLog, goldRelations, goldSpans } from '../../server/src/db/tables.js';
import { mergeProject } from '../../server/src/services/curation.js';
import { MERGE_BATCH, mergeJobEnded } from '../../server/src/services/mergeJobs.js';
import { closeWorkers, runsOffThread } from '../../server/src/workers/index.js';
import { expectError, freshWorkbench } from './harness.js';
import { insertAgreementWorkloadOnEngine } from '../../bench/agreementDb.js';

const ARTICLES = 40;
const dir = mkdtempSync(join(tmpdir(), 'mbw-merge-jobs-'));
let made = 0;

/** The workload's attribute values, in the sample scheme's terms (gold is checked against the scheme). */
function inSchemeTerms(input: AgreementInput): AgreementInput {
  const attributes = (label: string, a: Record<string, unknown>) =>
    label === 'attribution' ? { sourceType: a.sourceType === 'official' ? 'named_person' : 'anonymous' } : label === 'evaluative' ? { polarity: a.polarity === 'neg' ? 'negative' : 'positive' } : {};
  return { ...input, articles: input.articles.map((a) => ({ ...a, spans: a.spans.map((s) => ({ ...s, attributes: attributes(s.label, s.attributes as Record<string, unknown>) })) })) };
}

/** A workbench (on a database file on SQLite, so that the worker reads on its own connection) whose project has ARTICLES articles × 3 annotators, submitted. */
async function project() {
  const wb = await freshWorkbench({ demo: false, path: join(dir, `wb${made++}.db`) });
  const projectId = wb.sampleProjectId!;
  await insertAgreementWorkloadOnEngine(wb.db, projectId, inSchemeTerms(agreementWorkload(ARTICLES, 12, 3)));
  const admin = await wb.admin();
  const adminUser: User = (await wb.request('GET', '/api/auth/me', { cookie: admin })).data.user;
  const start = (json: unknown = { strategy: 'majority', match: 'exact' }, cookie = admin) => wb.request('POST', `/api/projects/${projectId}/merge-jobs`, { cookie, json });
  const get = (id: string, cookie = admin) => wb.request('GET', `/api/merge-jobs/${id}`, { cookie });
  /** Polls until the job has written at least `n` articles. */
  const until = async (id: string, n: number) => {
    let job = (await get(id)).data.job;
    while (job.state === 'running' && job.done < n) {
      await new Promise((r) => setImmediate(r));
      job = (await get(id)).data.job;
    }
    return job;
  };
  const counts = async () => {
    const [gold] = await wb.db.select({ gold: count(), articles: countDistinct(goldSpans.articleId) }).from(goldSpans);
    const [links] = await wb.db.select({ n: count() }).from(goldRelations);
    const [audits] = await wb.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'merge'));
    return { gold: gold!.gold, links: links!.n, articles: gold!.articles, audits: audits!.n };
  };
  const articleIds = async () => (await wb.db.select({ id: articles.id }).from(articles).where(and(eq(articles.projectId, projectId))).orderBy(asc(articles.id))).map((r) => r.id);
  return { wb, admin, adminUser, projectId, start, get, until, counts, articleIds };
}

describe('pre-merge jobs', () => {
  afterAll(async () => {
    await closeWorkers();
    rmSync(dir, { recursive: true, force: true });
  });

  // two projects, a job and an in-process merge: slow under load on a shared machine
  it('plans in a worker, writes article by article with progress, and ends with the totals and gold of an in-process merge', { timeout: 90_000 }, async () => {
    const a = await project();
    const b = await project();
    expect(runsOffThread(a.wb.db)).toBe(true);
    const started = await a.start();
    expect(started.status, JSON.stringify(started.data)).toBe(202);
    expect(started.data.job).toMatchObject({ state: 'running', done: 0, total: ARTICLES });
    const seen = new Set<number>();
    let job = started.data.job;
    while (job.state === 'running') {
      seen.add(job.done);
      await new Promise((r) => setTimeout(r, 5));
      job = (await a.get(job.id)).data.job;
    }
    expect(job.error).toBeNull();
    expect([...seen].some((d) => d > 0 && d < ARTICLES), `progress seen: ${[...seen].join(',')}`).toBe(true);
    expect(job).toMatchObject({ state: 'done', done: ARTICLES, total: ARTICLES, error: null });

    const expected = await mergeProject(b.wb.db, b.adminUser, b.projectId, { strategy: 'majority', match: 'exact' });
    expect(expected.merged).toBeGreaterThan(0);
    expect(job.result).toEqual(expected);
    expect(await a.counts()).toEqual(await b.counts());
    await a.wb.close();
    await b.wb.close();
  });

  it('honours a curator’s writes between articles: an article planned before them is planned again, its rejections and added gold kept', async () => {
    const p = await project();
    // the last article of the first batch: planned before any article is written, written after the curator's writes below
    const ids = await p.articleIds();
    const last = ids[MERGE_BATCH - 1]!;
    const started = (await p.start()).data.job;
    await p.until(started.id, 1);
    const view = (await p.wb.request('GET', `/api/articles/${last}/gold`, { cookie: p.admin })).data;
    expect(view.spans.length).toBeGreaterThan(0);
    const reject = await p.wb.request('POST', `/api/articles/${last}/curation/reject`, { cookie: p.admin, json: { spanIds: view.spans.map((s: { id: string }) => s.id), reason: 'off topic' } });
    expect(reject.status, JSON.stringify(reject.data)).toBe(200);
    const { label, start, end } = view.spans[0];
    const added = await p.wb.request('POST', `/api/articles/${last}/gold`, { cookie: p.admin, json: { label, start, end } });
    expect(added.status, JSON.stringify(added.data)).toBe(201);
    const during = (await p.get(started.id)).data.job;
    expect(during.done).toBeLessThan(MERGE_BATCH); // the writes came before that article was merged
    expect((await mergeJobEnded(p.adminUser, started.id)).state).toBe('done');
    const after = (await p.wb.request('GET', `/api/articles/${last}/gold`, { cookie: p.admin })).data;
    expect(after.gold.map((g: { id: string }) => g.id)).toEqual([added.data.gold.id]); // nothing merged from the rejected spans
    expect(after.rejected).toHaveLength(view.spans.length);
    expect((await p.counts()).articles).toBe(ARTICLES); // every other article was merged
    await p.wb.close();
  });

  it('cancel stops after the article being written: those before stay merged and audited, the rest untouched', async () => {
    const p = await project();
    const started = (await p.start()).data.job;
    await p.until(started.id, 2);
    const cancel = await p.wb.request('DELETE', `/api/merge-jobs/${started.id}`, { cookie: p.admin });
    expect(cancel.status).toBe(200);
    const end = await mergeJobEnded(p.adminUser, started.id);
    expect(end.state).toBe('cancelled');
    expect(end.done).toBeGreaterThanOrEqual(2);
    expect(end.done).toBeLessThan(ARTICLES);
    expect(end.result.articles).toBe(end.done);
    const c = await p.counts();
    expect(c.gold).toBe(end.result.merged);
    expect(c.audits).toBeLessThanOrEqual(end.done);
    expect(c.articles).toBeLessThanOrEqual(end.done);
    // a new job merges the rest and leaves the merged articles as they are
    const rest = (await p.start()).data.job;
    const done = await mergeJobEnded(p.adminUser, rest.id);
    expect(done.state).toBe('done');
    expect((await p.counts()).articles).toBe(ARTICLES);
    expect((await p.counts()).audits).toBe(c.audits + ARTICLES - c.articles);
    await p.wb.close();
  });

  it('supervisors only; a job is its starter’s alone; the body and the id are checked', async () => {
    const p = await project();
    const annotator = await p.wb.userWithSession('plain-annotator');
    expect((await p.start(undefined, annotator.cookie)).status).toBe(403);
    expectError(await p.start({ strategy: 'threshold' }), 400, 'invalid_input', 'minAgree');
    expectError(await p.get('not-a-uuid'), 400, 'invalid_input', 'id');
    const started = (await p.start()).data.job;
    const other = await p.wb.userWithSession('other-supervisor', 'supervisor');
    for (const cookie of [annotator.cookie, other.cookie]) {
      expect((await p.get(started.id, cookie)).status).toBe(404);
      expect((await p.wb.request('DELETE', `/api/merge-jobs/${started.id}`, { cookie })).status).toBe(404);
    }
    expect((await mergeJobEnded(p.adminUser, started.id)).state).toBe('done');
    await p.wb.close();
  });
});
