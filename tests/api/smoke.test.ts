import { describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

describe('health and sample project', () => {
  it('answers health and lists the seeded sample project to the admin', async () => {
    const wb = await freshWorkbench();
    expect((await wb.request('GET', '/api/health')).data).toEqual({ status: 'ok' });
    const cookie = await wb.admin();
    const { data } = await wb.request('GET', '/api/projects', { cookie });
    expect(data.projects).toHaveLength(1);
    expect(data.projects[0].articleCount).toBe(5);
  });
});
