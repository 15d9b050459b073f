import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliWorkbench } from './run.js';

/** Issue 14: `npm run cli -- profile FILE.jsonl` gives the API's figures for the same data. */
describe('profile: API = CLI', () => {
  let dir: string;
  let done: () => Promise<void>;
  let wb: Awaited<ReturnType<typeof cliWorkbench>>['wb'];
  let admin: string;
  let files: string[];

  beforeAll(async () => {
    ({ wb, dir, done } = await cliWorkbench());
    admin = await wb.admin();
    const p = wb.sampleProjectId!;
    const ids = (await wb.request('GET', `/api/projects/${p}/articles`, { cookie: admin })).data.articles.map((a: { id: number }) => a.id);
    // two outlets, one article curated into gold
    for (const [i, id] of ids.entries()) await wb.request('PATCH', `/api/articles/${id}`, { cookie: admin, json: { source: i < 2 ? 'Blatt A' : 'Blatt B' } });
    await wb.request('POST', `/api/articles/${ids[0]}/curation/merge`, { cookie: admin, json: {} });
    await wb.request('POST', `/api/articles/${ids[0]}/curation/complete`, { cookie: admin, json: { force: true } });
    const text = async (q: string) => (await wb.app.request(`/api/projects/${p}/export?format=jsonl&${q}`, { headers: { cookie: admin } })).text();
    files = [join(dir, 'all.jsonl'), join(dir, 'gold.jsonl')];
    writeFileSync(files[0]!, await text('source=all'));
    writeFileSync(files[1]!, await text('source=gold'));
  });
  afterAll(() => done());

  for (const [by, basis] of [['outlet', 'gold'], ['article', 'consensus'], ['story', 'demo-ben']] as const)
    it(`by ${by} over ${basis}: the same JSON`, async () => {
      const api = await wb.request('GET', `/api/projects/${wb.sampleProjectId}/profile?by=${by}&basis=${basis}`, { cookie: admin });
      const out = await cli(['profile', ...files, '--by', by, '--basis', basis, '--json'], {});
      expect(out.code, out.stderr).toBe(0);
      expect(JSON.parse(out.stdout)).toEqual(api.data);
      if (basis === 'gold') expect(api.data.groups.map((g: { key: string; bases: object }) => [g.key, g.bases])).toEqual([['Blatt A', { gold: 1, consensus: 1 }], ['Blatt B', { consensus: 3 }]]);
    });

  it('prints a table by default and refuses a bad option naming it', async () => {
    const out = await cli(['profile', ...files, '--by', 'outlet'], {});
    expect(out.stdout.split('\n')[0]).toContain('attributionsPer1000');
    expect(out.stdout).toContain('Blatt A');
    const bad = await cli(['profile', ...files, '--by', 'paper'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--by');
  });
});
