/** Issue 9: the command line exports gold, with provenance. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run.js';
import { openDatabase } from '../../server/src/db/client.js';
import { completeCuration, mergeProject } from '../../server/src/services/curation.js';
import { seedSampleProjectIfEmpty } from '../../server/src/services/seed.js';
import { ensureAdmin, listUsers } from '../../server/src/services/users.js';



describe('npm run cli -- export --source gold', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mbw-cli-gold-'));
    env = { DATABASE_PATH: join(dir, 'wb.db') };
    const { db, sqlite } = openDatabase(env.DATABASE_PATH!);
    await ensureAdmin(db, 'cli-admin-password-1');
    const { projectId } = await seedSampleProjectIfEmpty(db, { demo: true });
    const admin = (await listUsers(db)).find((u) => u.username === 'admin')!;
    await mergeProject(db, admin, projectId!, { strategy: 'majority', match: 'exact' });
    await completeCuration(db, admin, 1, true);
    sqlite.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
