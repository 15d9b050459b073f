/**
 * Issue 15: an import runs on both engines, through the route and as a job
 * (on PostgreSQL the job's worker writes through its own pool), and a
 * refused one writes nothing. tests/pg/import-engines.test.ts compares the
 * answers and rows of the two engines.
 */
import { describe, expect, it } from 'vitest';
import { expectError, freshWorkbench, ON_POSTGRES } from './harness.js';

describe(`an import on ${ON_POSTGRES ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('imports through the route and as a job; a refused one writes nothing', async () => {
    const wb = await freshWorkbench({ seed: false });
    const admin = await wb.admin();
    const projectId = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Engine' } })).data.project.id;
    const articles = async () => (await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: admin })).data.articles.length;
    const res = await wb.request('POST', `/api/projects/${projectId}/import?format=txt`, { cookie: admin, body: 'Ein Satz.', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(201);
    expect(await articles()).toBe(1);
    const jsonl = { 'content-type': 'application/x-ndjson' };
    const job = await wb.request('POST', `/api/projects/${projectId}/import-jobs?format=jsonl`, { cookie: admin, body: '{"id":"j1","text":"Zwei Sätze hier."}\n', headers: jsonl });
    expect(job.status, JSON.stringify(job.data)).toBe(202);
    let state = job.data.job;
    for (let i = 0; i < 200 && state.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = (await wb.request('GET', `/api/import-jobs/${state.id}`, { cookie: admin })).data.job;
    }
    expect(state).toMatchObject({ state: 'done', result: { articles: 1 } });
    expect(await articles()).toBe(2);
    const bad = await wb.request('POST', `/api/projects/${projectId}/import?format=jsonl`, { cookie: admin, body: '{"id":"j2","text":"Drei."}\n{"id":"j3","text":"Vier.","spans":[{"start":0,"end":4,"label":"nope","annotator":"x"}]}\n', headers: jsonl });
    expectError(bad, 400, 'invalid_input', 'Line 2');
    expect(await articles()).toBe(2);
    await wb.close();
  });
});
