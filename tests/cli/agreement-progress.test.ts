/**
 * Issue 13: the command line as `npm run cli` runs it (scripts/cli.mjs: the
 * bundle built ahead, rebuilt when a source is newer) shows the agreement
 * command's progress on standard error only: with --progress, standard output
 * is byte for byte the report printed without it, which equals the library's.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementInputFromDocs, agreementReport, parseJsonl, toJsonlLine } from '@mbw/shared';
import { agreementWorkload } from '../../bench/agreementData.js';
import { ROOT } from './run.js';

const run = promisify(execFile);
const cli = (args: string[]) => run(process.execPath, ['scripts/cli.mjs', ...args], { cwd: ROOT, maxBuffer: 64 << 20 });

describe('npm run cli -- agreement --progress', () => {
  let dir: string;
  let file: string;
  let text: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mbw-cli-progress-'));
    file = join(dir, 'agreement.jsonl');
    const input = agreementWorkload(30, 20, 4);
    text = input.articles
      .map((a) =>
        toJsonlLine({
          id: String(a.id),
          text: a.text,
          meta: { title: a.title },
          labels: input.labels,
          annotators: a.annotators.map((annotator) => ({ annotator, status: 'submitted' as const })),
          spans: a.spans.map((s) => ({ id: String(s.id), start: s.start, end: s.end, label: s.label, annotator: s.annotator, attributes: {}, quote: a.text.slice(s.start, s.end) })),
          relations: [],
        }),
      )
      .join('\n');
    writeFileSync(file, `${text}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes progress to stderr and the same report to stdout', async () => {
    const plain = await cli(['agreement', file, '--json', '--iterations', '50']);
    const withProgress = await cli(['agreement', file, '--json', '--iterations', '50', '--progress']);
    // without --progress and without a terminal: nothing but the report
    expect(plain.stderr).not.toMatch(/Reading lines|Computing the report/);
    expect(withProgress.stdout).toBe(plain.stdout);
    const parsed = parseJsonl(text);
    if (!parsed.ok) throw new Error('bad fixture');
    const expected = agreementReport(agreementInputFromDocs(parsed.docs), { bootstrap: { seed: 1, iterations: 50 } });
    expect(JSON.parse(withProgress.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    // the last line of each stage: all lines read (30 and the final empty one), every step of the report
    expect(withProgress.stderr).toMatch(/^Reading lines: 31\/31 in \d+\.\d s$/m);
    const steps = /^Computing the report: (\d+)\/(\d+) in \d+\.\d s$/m.exec(withProgress.stderr);
    expect(steps, withProgress.stderr).not.toBeNull();
    expect(steps![1]).toBe(steps![2]);
    expect(Number(steps![2])).toBe(30 + 3 + 1 + 30); // articles read, labels and all labels, articles' own figures
  }, 60_000);

  it('keeps errors on stderr with the usage hint, and stdout empty', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${text.split('\n')[0]}\n{"id": 5}\n`);
    const r = await cli(['agreement', bad, '--progress']).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/line 2: text: /);
    expect(r.stderr).toContain('(see --help)');
  }, 60_000);
});
