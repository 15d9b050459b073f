/**
 * An import whose text PostgreSQL refuses (a NUL character; SQLite stores it)
 * answers a 400 naming the character there, as every route does
 * (http/errors.ts), not a 500: the hostile-input test found it (seed 813522070).
 */
import { expect, it } from 'vitest';
import { freshWorkbench, ON_POSTGRES } from './harness.js';

it('answers an import of a NUL character without a 5xx (PostgreSQL: 400 invalid_input naming it)', async () => {
  const wb = await freshWorkbench({ demo: false });
  const r = await wb.request('POST', `/api/projects/${wb.sampleProjectId}/import`, { cookie: await wb.admin(), body: '\u0000', headers: { 'content-type': 'application/x-ndjson' } });
  expect(r.status, JSON.stringify(r.data)).toBeLessThan(500);
  if (ON_POSTGRES) {
    expect(r.status).toBe(400);
    expect(r.data.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('NUL') });
  }
});
