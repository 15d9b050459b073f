import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { toJsonlLine } from '@mbw/shared';
import { agreementWorkload } from '../../bench/agreementData.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ADMIN_PASSWORD = 'e2e-admin-password';
export const SCREENSHOTS = join(ROOT, 'test-results');

/**
 * The real server, as `npm start` runs it, on a free port and a fresh
 * database file, or on `databasePath` when given (several processes on one
 * database; that file is then the caller's to remove).
 */
/** A server process on a new SQLite file, on `databasePath`, or on the PostgreSQL database at `databaseUrl`. */
export async function startServer({ databasePath, databaseUrl }: { databasePath?: string; databaseUrl?: string } = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  if (!existsSync(join(ROOT, 'client/dist/index.html'))) throw new Error('Build the client first: npm run build');
  const dir = databasePath || databaseUrl ? null : mkdtempSync(join(tmpdir(), 'mbw-e2e-'));
  const database = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_PATH: databasePath ?? join(dir!, 'wb.db') };
  // the run's server bundle (server-bundle.ts, the browser tests' global set-up), else the sources through tsx
  const entry = process.env.MBW_E2E_SERVER && existsSync(process.env.MBW_E2E_SERVER) ? [process.env.MBW_E2E_SERVER] : ['--import', 'tsx', 'server/src/index.ts'];
  const child: ChildProcess = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATABASE_URL: '', ...database, ADMIN_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const m = /on (http:\/\/[^\s]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (c) => (output += c));
    child.on('exit', (code) => fail(new Error(`server exited (${code}):\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** A signed-in API client against the running server, for setting up a scene quickly. */
export async function apiAs(url: string, username: string, password: string) {
  const login = await fetch(new URL('/api/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(url).origin },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, path: string, json?: unknown) => {
    const res = await fetch(new URL(path, url), {
      method,
      headers: { cookie, origin: new URL(url).origin, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await res.text();
    return { status: res.status, data: text ? JSON.parse(text) : null };
  };
}

/**
 * Drags the mouse over the `occurrence`-th appearance of `needle` in the
 * article text, as a person selects words (the selection may cross paragraphs
 * when `needle` ends in a later one: pass `until`).
 */
export async function selectText(page: Page, needle: string, opts: { until?: string; occurrence?: number; from?: number; to?: number } = {}) {
  const box = await page.evaluate(
    ({ needle, until, occurrence, from, to }) => {
      const paras = [...document.querySelectorAll('.text-view .para p')];
      const find = (s: string, n: number) => {
        let seen = 0;
        for (const p of paras) {
          const text = p.firstChild as Text;
          let i = -1;
          while ((i = text.data.indexOf(s, i + 1)) !== -1) if (seen++ === n) return { text, i };
        }
        throw new Error(`not found: ${s}`);
      };
      const a = find(needle, occurrence);
      const b = until ? find(until, 0) : a;
      const r = document.createRange();
      r.setStart(a.text, a.i + from);
      const startRect = r.getClientRects()[0] ?? r.getBoundingClientRect();
      const endIndex = until ? b.i + until.length : a.i + needle.length;
      r.setStart(b.text, endIndex - to);
      r.setEnd(b.text, endIndex - to);
      const endRect = r.getBoundingClientRect();
      return { x1: startRect.left + 1, y1: startRect.top + startRect.height / 2, x2: endRect.left - 1, y2: endRect.top + endRect.height / 2 };
    },
    { needle, until: opts.until ?? '', occurrence: opts.occurrence ?? 0, from: opts.from ?? 0, to: opts.to ?? 0 },
  );
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 3 });
  await page.mouse.move(box.x2, box.y2, { steps: 3 });
  await page.mouse.up();
}

/** Clicks the middle of the `occurrence`-th appearance of `needle` in the article text. */
export async function clickText(page: Page, needle: string, occurrence = 0) {
  const pt = await page.evaluate(
    ({ needle, occurrence }) => {
      let seen = 0;
      for (const p of document.querySelectorAll('.text-view .para p')) {
        const text = p.firstChild as Text;
        let i = -1;
        while ((i = text.data.indexOf(needle, i + 1)) !== -1)
          if (seen++ === occurrence) {
            const r = document.createRange();
            r.setStart(text, i + Math.floor(needle.length / 2));
            r.setEnd(text, i + Math.floor(needle.length / 2) + 1);
            const rect = r.getBoundingClientRect();
            return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
          }
      }
      throw new Error(`not found: ${needle}`);
    },
    { needle, occurrence },
  );
  await page.mouse.click(pt.x, pt.y);
}

/** The bench's agreement workload (bench/agreementData.ts) as the JSONL the import reads: three annotators' submitted spans. */
export function workloadJsonl(articles: number, seed: number): string {
  return agreementWorkload(articles, 40, seed)
    .articles.map((a) =>
      toJsonlLine({
        id: String(a.id),
        text: a.text,
        meta: { title: a.title },
        annotators: a.annotators.map((annotator) => ({ annotator, status: 'submitted' as const })),
        spans: a.spans.map((s) => ({ id: String(s.id), start: s.start, end: s.end, label: s.label, annotator: s.annotator, attributes: {}, quote: [...a.text].slice(s.start, s.end).join('') })),
        relations: [],
      }),
    )
    .join('\n');
}

/** Imports JSONL into a project through the API as the admin; throws unless it answers 201. */
export async function importJsonl(url: string, projectId: number, jsonl: string): Promise<void> {
  const login = await fetch(new URL('/api/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(url).origin },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const imported = await fetch(new URL(`/api/projects/${projectId}/import?format=jsonl`, url), {
    method: 'POST',
    headers: { cookie, origin: new URL(url).origin, 'content-type': 'application/x-ndjson' },
    body: jsonl,
  });
  if (imported.status !== 201) throw new Error(`import: ${imported.status} ${await imported.text()}`);
}
