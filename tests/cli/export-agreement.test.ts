/**
 * The same numbers everywhere (issue 8): the command line's agreement on a
 * project's JSONL export equals the dashboard's report for the same filters,
 * and the command line's export says on stderr what its format loses.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliWorkbench } from './run.js';
import { buildExportScene } from '../api/exportScene.js';

/** Every place where two JSON values differ (numbers by more than `tolerance`). */
function differences(a: unknown, b: unknown, tolerance: number, path = '$'): string[] {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= tolerance ? [] : [`${path}: ${a} vs ${b}`];
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
  if (Array.isArray(a) !== Array.isArray(b)) return [`${path}: array vs object`];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tolerance, `${path}.${k}`));
}

describe('the command line and the dashboard give the same numbers', () => {
  let dir: string;
  let env: Record<string, string>;
  let done: () => Promise<void>;
  let wb: Awaited<ReturnType<typeof cliWorkbench>>['wb'];
  let scene: Awaited<ReturnType<typeof buildExportScene>>;

  beforeAll(async () => {
    ({ wb, env, dir, done } = await cliWorkbench({ seed: false }));
    scene = await buildExportScene(wb, { externalIds: false });
  });
  afterAll(() => done());

  const dashboard = async (query: string) => {
    const r = await wb.request('GET', `/api/projects/${scene.projectId}/agreement?iterations=200&${query}`, { cookie: scene.admin });
    expect(r.status).toBe(200);
    return r.data.report ?? r.data;
  };

  it('agreement on an export with drafts equals the dashboard: submitted work by default, drafts with --drafts, every figure to 1e-12', async () => {
    const file = join(dir, 'all.jsonl');
    const exp = await cli(['export', '--project', String(scene.projectId), '--status', 'all', '--out', file], env);
    expect(exp.code, exp.stderr).toBe(0);
    for (const [flags, query] of [[[], 'drafts=false'], [['--drafts'], 'drafts=true'], [['--labels', 'evaluative,unsupported_claim'], 'labels=evaluative,unsupported_claim']] as const) {
      const r = await cli(['agreement', file, '--json', '--iterations', '200', ...flags], env);
      expect(r.code, r.stderr).toBe(0);
      const fromCli = JSON.parse(r.stdout);
      const fromApi = await dashboard(query);
      expect(differences(fromCli, fromApi, 1e-12)).toEqual([]);
      expect(fromCli.overall.alpha.value).toEqual(expect.any(Number));
    }
    // what the equality rests on: carl (no span) counts, ben's draft only with --drafts, the unused label is reported
    const submitted = JSON.parse((await cli(['agreement', file, '--json', '--iterations', '10'], env)).stdout);
    expect(submitted.annotators).toEqual(['anna', 'carl']);
    expect(submitted.labels).toContain('unsupported_claim');
    expect(submitted.counts.spans).toBe(4);
    const drafts = JSON.parse((await cli(['agreement', file, '--json', '--iterations', '10', '--drafts'], env)).stdout);
    expect(drafts.annotators).toEqual(['anna', 'ben', 'carl']);
    expect(drafts.counts.spans).toBe(5);
  });

  it('an export of submitted work gives the same report too, and bad options are named', async () => {
    const file = join(dir, 'submitted.jsonl');
    const exp = await cli(['export', '--project', String(scene.projectId), '--out', file], env);
    expect(exp.code, exp.stderr).toBe(0);
    const r = await cli(['agreement', file, '--json', '--iterations', '200'], env);
    expect(differences(JSON.parse(r.stdout), await dashboard('drafts=false'), 1e-12)).toEqual([]);
    const bad = await cli(['agreement', file, '--iterations', 'many'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--iterations');
  });

  it('prints on stderr what the export holds and what its format loses', async () => {
    const r = await cli(['export', '--project', String(scene.projectId), '--format', 'conll', '--conllShape', 'columns'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('-DOCSTART-');
    expect(r.stderr).toContain('Exported 2 articles, 1 of them with no counted work (text only); 4 spans and 1 link by 2 annotators; submitted work only.');
    expect(r.stderr).toContain('1 span will be trimmed to token boundaries');
    expect(r.stderr).toContain('1 span covers part of a word only');
    expect(r.stderr).toContain('1 span dropped as overlapping');
    const all = await cli(['export', '--project', String(scene.projectId), '--format', 'jsonl', '--status', 'all'], env);
    expect(all.stderr).toContain('5 spans and 1 link by 3 annotators; submitted work and drafts (1 draft span)');
    expect(all.stderr).not.toContain('trimmed');
    const bad = await cli(['export', '--project', String(scene.projectId), '--status', 'drafts'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status');
  });
});
