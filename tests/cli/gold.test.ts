/** Issue 9: the command line exports gold, with provenance. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliWorkbench } from './run.js';
import { completeCuration, mergeProject } from '../../server/src/services/curation.js';
import { listUsers } from '../../server/src/services/users.js';

describe('npm run cli -- export --source gold', () => {
  let env: Record<string, string>;
  let done: () => Promise<void>;

  beforeAll(async () => {
    let wb: Awaited<ReturnType<typeof cliWorkbench>>['wb'];
    ({ wb, env, done } = await cliWorkbench());
    const admin = (await listUsers(wb.db)).find((u) => u.username === 'admin')!;
    await mergeProject(wb.db, admin, wb.sampleProjectId!, { strategy: 'majority', match: 'exact' });
    await completeCuration(wb.db, admin, 1, true);
  });
  afterAll(() => done());

  it('exports the curated articles’ gold with provenance, and the rest with --include uncurated', async () => {
    const curated = await cli(['export', '--project', '1', '--source', 'gold'], env);
    expect(curated.code, curated.stderr).toBe(0);
    const docs = curated.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs).toHaveLength(1);
    expect(docs[0].meta.curation).toBe('curated');
    expect(docs[0].spans.length).toBeGreaterThan(0);
    for (const s of docs[0].spans) {
      expect(s.annotator).toBe('gold');
      expect(s.provenance).toMatchObject({ decision: 'merged', curator: 'admin' });
      expect(s.provenance.annotators.length).toBeGreaterThanOrEqual(2);
    }
    const all = await cli(['export', '--project', '1', '--source', 'gold', '--include', 'uncurated'], env);
    expect(all.stdout.trim().split('\n')).toHaveLength(5);
  });
});
