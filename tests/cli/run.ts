import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freshWorkbench } from '../api/harness.js';

export const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/**
 * Runs `npm run cli -- …` as a user would (scripts/cli.mjs, without npm's banner: the bundle, rebuilt first when
 * a source is newer), answering its exit code and output.
 */
export async function cli(args: string[], env: Record<string, string>) {
  // the database is the one `env` names, never one of the test run's own environment
  const { DATABASE_URL: _url, DATABASE_PATH: _path, ...inherited } = process.env;
  try {
    const r = await run(process.execPath, ['scripts/cli.mjs', ...args], { cwd: ROOT, env: { ...inherited, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/**
 * A workbench for the command line (the API harness's, so prepared through the
 * same services): an SQLite file in a new folder, or in the PostgreSQL pass
 * (vitest.config.ts, "cli (PostgreSQL)") a new database from the migrated
 * template. `env` runs the command line on it (DATABASE_PATH or DATABASE_URL:
 * the one place the engines differ for these tests); `dir` is for the files
 * the test writes; `done()` closes the connection and removes the folder.
 */
export async function cliWorkbench(options: { seed?: boolean; demo?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mbw-cli-'));
  const wb = await freshWorkbench({ ...options, path: join(dir, 'wb.db') });
  const env: Record<string, string> = wb.target.engine === 'postgres' ? { DATABASE_URL: wb.target.url } : { DATABASE_PATH: wb.target.path };
  const done = async () => {
    await wb.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { wb, env, dir, done };
}
