import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliWorkbench } from './run.js';
import { agreementInputFromDocs, agreementReport, parseJsonl } from '@mbw/shared';
import { ON_POSTGRES } from '../api/harness.js';

describe('the command line', () => {
  let dir: string;
  let env: Record<string, string>;
  let done: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, env, done } = await cliWorkbench());
  });
  afterAll(() => done());

  it.skipIf(ON_POSTGRES)('explains itself and each command with --help (SQLite pass only: reads no database)', async () => {
    expect((await cli(['--help'], env)).stdout).toContain('Commands:');
    const commands = ['import', 'export', 'agreement'];
    const helps = await Promise.all(commands.map((c) => cli([c, '--help'], env)));
    helps.forEach((r, i) => {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`npm run cli -- ${commands[i]}`);
    });
    const wrong = await cli(['frobnicate'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown command');
  });

  it('exports a project, and measures agreement on the file exactly as the library does', async () => {
    const out = join(dir, 'sample.jsonl');
    const exp = await cli(['export', '--project', '1', '--format', 'jsonl', '--out', out], env);
    expect(exp.code).toBe(0);
    const parsed = parseJsonl(readFileSync(out, 'utf8'));
    if (!parsed.ok) throw new Error('export is not valid JSONL');
    expect(parsed.docs).toHaveLength(5);

    const r = await cli(['agreement', out, '--json', '--iterations', '100'], env);
    expect(r.code).toBe(0);
    // the documents' own annotators and labels (see export-agreement.test.ts for the equality with the dashboard)
    const expected = agreementReport(agreementInputFromDocs(parsed.docs), { bootstrap: { seed: 1, iterations: 100 } });
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    const table = await cli(['agreement', out, '--iterations', '50'], env);
    expect(table.stdout).toMatch(/^Agreement over 5 articles/);
  });

  it('imports files, refusing a bad one with its line number and importing nothing of it', async () => {
    const good = join(dir, 'good.jsonl');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(good, `${JSON.stringify({ id: 'x1', text: 'Ein Satz.', spans: [{ start: 4, end: 8, label: 'evaluative', annotator: 'cli-anna' }] })}\n`);
    writeFileSync(bad, `${JSON.stringify({ id: 'y1', text: 'Gut.' })}\n{broken\n`);
    const r = await cli(['import', '--project', '1', good, bad], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('good.jsonl: 1 articles, 1 spans');
    expect(r.stderr).toMatch(/bad\.jsonl: Nothing was imported\. Line 2/);
    const ids = parseJsonl((await cli(['export', '--project', '1'], env)).stdout);
    if (!ids.ok) throw new Error('bad export');
    expect(ids.docs.map((d) => d.id)).toContain('x1');
    expect(ids.docs.map((d) => d.id)).not.toContain('y1');
    expect((await cli(['import', '--project', '99', good], env)).stderr).toContain('no project 99');
  });

  it('imports bytes, skips what the project holds, and maps a name to an account only when told', async () => {
    const again = join(dir, 'again.jsonl');
    const span = { start: 5, end: 8, label: 'evaluative', annotator: 'cli-anna' };
    writeFileSync(again, `${JSON.stringify({ id: 'x1', text: 'Ein Satz.' })}\n${JSON.stringify({ id: 'x2', text: 'Noch ein Satz.', spans: [span] })}\n`);
    const cp1252 = join(dir, 'cp1252.jsonl');
    writeFileSync(cp1252, Buffer.concat([Buffer.from('{"id": "w", "text": "'), Buffer.from([0xdc]), Buffer.from('berschrift"}\n')]));
    const r = await cli(['import', '--project', '1', again, cp1252], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('again.jsonl: 1 articles, 1 spans, 0 links; skipped 1 duplicates (lines 1); new locked accounts: cli-anna-import');
    expect(r.stderr).toMatch(/cp1252\.jsonl: Line 1: the file is not UTF-8/);
    const mapped = await cli(['import', '--project', '1', '--dry-run', '--on-duplicate', 'add', '--map', '{"cli-anna":"cli-anna"}', again], env);
    expect(mapped.stderr).toContain('would import 2 articles, 1 spans, 0 links; mapped: cli-anna → cli-anna');
  });
});
