/**
 * Issue 15: an import on PostgreSQL says plainly that it is not available yet
 * (501, with what to do instead) and writes nothing; on SQLite the same
 * request imports.
 */
import { describe, expect, it } from 'vitest';
import { expectError, freshWorkbench, ON_POSTGRES } from './harness.js';

describe(`an import on ${ON_POSTGRES ? 'PostgreSQL' : 'SQLite'}`, () => {
  it(ON_POSTGRES ? 'answers 501 naming the way round, and writes nothing' : 'imports', async () => {
    const wb = await freshWorkbench({ seed: false });
    const admin = await wb.admin();
    const projectId = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Engine' } })).data.project.id;
    const res = await wb.request('POST', `/api/projects/${projectId}/import?format=txt`, { cookie: admin, body: 'Ein Satz.', headers: { 'content-type': 'text/plain' } });
    const articles = async () => (await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: admin })).data.articles.length;
    if (ON_POSTGRES) {
      expectError(res, 501, 'not_available', 'PostgreSQL', 'copy');
      expect(await articles()).toBe(0);
    } else {
      expect(res.status).toBe(201);
      expect(await articles()).toBe(1);
    }
  });
});
