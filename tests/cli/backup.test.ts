/**
 * Recovery: an online backup while the server writes holds every write
 * acknowledged before it began; restore is refused while a server holds the
 * database and brings the backup back once it is stopped; a database file
 * deleted under a running server fails health and writes loudly, and a
 * restart refuses to start an empty database in its place. All of it is
 * SQLite's file; on PostgreSQL both commands are refused, naming pg_dump and
 * pg_restore.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, cliWorkbench, ROOT } from './run.js';
import { ON_POSTGRES } from '../api/harness.js';

const ADMIN_PASSWORD = 'backup-admin-password';
const dir = mkdtempSync(join(tmpdir(), 'mbw-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real server on `dbPath`; answers its URL, its output so far and how to stop it. */
async function serve(dbPath: string) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATABASE_PATH: dbPath, ADMIN_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string | null>((ok) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const m = /on (http:\/\/[^\s]+)/.exec(output);
      if (m) ok(m[1]!);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (c) => (output += c));
    void exited.then(() => ok(null));
  });
  const stop = async () => {
    child.kill('SIGTERM');
    return exited;
  };
  return { url, output: () => output, stop, exited };
}

async function signedIn(url: string) {
  const origin = new URL(url).origin;
  const login = await fetch(new URL('/api/auth/login', url), { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return (method: string, path: string, json?: unknown) =>
    fetch(new URL(path, url), { method, headers: { cookie, origin, 'content-type': 'application/json' }, body: json === undefined ? undefined : JSON.stringify(json) });
}

describe('backup and restore', () => {
  it.skipIf(ON_POSTGRES)('backs up under write load, refuses restore while the server runs, and restores every acknowledged write (SQLite only: its online backup of the file)', async () => {
    const dbPath = join(dir, 'wb.db');
    const server = await serve(dbPath);
    const api = await signedIn(server.url!);
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) if ((await api('POST', '/api/projects', { name: `load-${i}` })).status === 201) acknowledged.push(`load-${i}`);
    })();
    await new Promise((r) => setTimeout(r, 500));
    const before = [...acknowledged];
    const backup = await cli(['backup', join(dir, 'backup.db')], { DATABASE_PATH: dbPath });
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backed up .* articles, .* spans, .* accounts/);
    await new Promise((r) => setTimeout(r, 300));
    writing = false;
    await writer;
    const refused = await cli(['restore', join(dir, 'backup.db')], { DATABASE_PATH: dbPath });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/a server \(pid \d+\) holds/);
    expect(await server.stop()).toBe(0);

    const restore = await cli(['restore', join(dir, 'backup.db')], { DATABASE_PATH: dbPath });
    expect(restore.code, restore.stderr).toBe(0);
    const restored = new Database(dbPath, { readonly: true });
    const names = new Set((restored.prepare('SELECT name FROM projects').all() as { name: string }[]).map((r) => r.name));
    restored.close();
    const missing = before.filter((n) => !names.has(n));
    expect(missing).toEqual([]);
    const inBackup = acknowledged.filter((n) => names.has(n)).length;
    console.log(`backup under load: ${before.length} writes acknowledged before it began, ${missing.length} missing after restore; ${inBackup} of ${acknowledged.length} acknowledged writes in the backup (the rest came after it); restore refused while the server ran`);
    expect((await cli(['restore', join(dir, 'nothing.db')], { DATABASE_PATH: dbPath })).code).toBe(2);
  }, 60_000);

  it.skipIf(ON_POSTGRES)('a database file deleted under the running server fails health and writes with 503, and a restart will not start empty (SQLite only: the file and its marker)', async () => {
    const dbPath = join(dir, 'gone.db');
    const server = await serve(dbPath);
    const api = await signedIn(server.url!);
    expect((await api('POST', '/api/projects', { name: 'kept' })).status).toBe(201);
    for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
    const health = await fetch(new URL('/api/health', server.url!));
    expect(health.status).toBe(503);
    const write = await api('POST', '/api/projects', { name: 'lost' });
    expect(write.status).toBe(503);
    expect((await write.json()).error.code).toBe('database_gone');
    expect(server.output()).toMatch(/DATABASE PROBLEM: the database file .* was deleted/);
    await server.stop();
    const again = await serve(dbPath);
    expect(again.url).toBeNull();
    expect(await again.exited).toBe(1);
    expect(again.output()).toMatch(/is missing, though one was created there/);
    console.log('database file deleted: health 503, write 503 database_gone, restart refused (exit 1)');
    unlinkSync(`${dbPath}.created`);
  }, 60_000);

  it.runIf(ON_POSTGRES)('on PostgreSQL, backup and restore are refused with a usage error naming pg_dump and pg_restore', async () => {
    const { env, dir: own, done } = await cliWorkbench({ seed: false });
    const file = join(own, 'backup.db');
    const [backup, restore] = await Promise.all([cli(['backup', file], env), cli(['restore', file], env)]);
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain('Error: backup copies an SQLite file, and this database is PostgreSQL (DATABASE_URL): use pg_dump');
    expect(backup.stderr).toContain('(see --help)');
    expect(existsSync(file)).toBe(false);
    expect(restore.code).toBe(2);
    expect(restore.stderr).toContain('Error: restore copies an SQLite file, and this database is PostgreSQL (DATABASE_URL): use pg_restore');
    await done();
  });
});
