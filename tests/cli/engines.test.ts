/**
 * Issue 15: the command line's exports are the same bytes on both engines.
 * The PostgreSQL pass prepares a workbench (the sample project with its demo
 * annotations and one article curated into gold, and the export scene: nested
 * and sub-token spans, a link, a draft, an annotator with no span), copies it
 * into a new SQLite file with `cli copy` (every id kept), and exports each
 * format from both: standard output and standard error must be equal, byte
 * for byte (an ORDER BY missing on one engine shows here).
 */
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliWorkbench } from './run.js';
import { buildExportScene } from '../api/exportScene.js';
import { ON_POSTGRES } from '../api/harness.js';
import { completeCuration, mergeProject } from '../../server/src/services/curation.js';
import { listUsers } from '../../server/src/services/users.js';

describe.runIf(ON_POSTGRES)('exports from PostgreSQL and from its copy in SQLite', () => {
  let pg: Record<string, string>;
  let sqlite: Record<string, string>;
  let dir: string;
  let done: () => Promise<void>;
  let sample: number;
  let scene: number;

  beforeAll(async () => {
    let wb: Awaited<ReturnType<typeof cliWorkbench>>['wb'];
    ({ wb, env: pg, dir, done } = await cliWorkbench());
    sample = wb.sampleProjectId!;
    const admin = (await listUsers(wb.db)).find((u) => u.username === 'admin')!;
    await mergeProject(wb.db, admin, sample, { strategy: 'majority', match: 'exact' });
    await completeCuration(wb.db, admin, 1, true);
    scene = (await buildExportScene(wb)).projectId;
    const file = join(dir, 'copy.db');
    const copied = await cli(['copy', '--from', pg.DATABASE_URL!, '--to', `sqlite:${file}`], {});
    expect(copied.code, copied.stderr).toBe(0);
    sqlite = { DATABASE_PATH: file };
  });
  afterAll(() => done());

  // the sample (5 articles, 4 annotators, gold) for the orders that matter; the scene's link, draft and empty
  // article in a zip (every format writes the same documents: the other formats add no read of their own)
  const variants: Array<[string, () => string[]]> = [
    ['jsonl with drafts', () => ['--project', String(sample), '--status', 'all']],
    ['csv', () => ['--project', String(sample), '--format', 'csv']],
    ['conll columns', () => ['--project', String(sample), '--format', 'conll', '--conllShape', 'columns']],
    ['gold', () => ['--project', String(sample), '--source', 'gold', '--include', 'uncurated']],
    ['w3c', () => ['--project', String(scene), '--format', 'w3c', '--status', 'all']],
  ];
  /** The file, or a zip's files in their order (a zip's entries carry the time they were written). */
  const content = (file: string) => {
    const bytes = readFileSync(file);
    if (bytes.subarray(0, 2).toString() !== 'PK') return bytes.toString('utf8');
    return Object.entries(unzipSync(bytes)).map(([name, data]) => `--- ${name}\n${strFromU8(data)}`).join('\n');
  };
  for (const [name, args] of variants)
    it(`${name}: the same bytes`, async () => {
      const [fromPg, fromSqlite] = await Promise.all(
        [pg, sqlite].map(async (env, i) => {
          const out = join(dir, `${name}.${i}`);
          const r = await cli(['export', ...args(), '--out', out], env);
          expect(r.code, r.stderr).toBe(0);
          return { text: content(out), stderr: r.stderr.replace(out, 'FILE') };
        }),
      );
      expect(fromPg!.text.length).toBeGreaterThan(0);
      expect(fromPg!.text).toBe(fromSqlite!.text);
      expect(fromPg!.stderr).toBe(fromSqlite!.stderr);
    });
});
