import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isCommonPassword } from '@mbw/shared';
import { loginThrottle, users } from '../../server/src/db/tables.js';
import { LOCKED } from '../../server/src/services/import-annotators.js';
import { ADMIN_PASSWORD, freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('login throttling', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
  });
  afterEach(async () => {
    delete process.env.TRUST_PROXY;
    await wb.db.delete(loginThrottle);
  });
  const login = (username: string, password: string, from?: string) =>
    wb.request('POST', '/api/auth/login', { json: { username, password }, headers: from ? { 'x-forwarded-for': from } : {} });

  it('60 fast wrong tries on one account: only the first few are checked, then 429 with Retry-After, the right password included', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await login('admin', `wrong-guess-${i}`)).status);
    const right = await login('admin', ADMIN_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.data.error.code).toBe('too_many_attempts');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBe(4);
    console.log(`throttling: of 60 fast wrong tries ${checked} were checked (401), ${60 - checked} refused (429); the right password then: 429, Retry-After ${right.headers.get('retry-after')} s`);
  });

  it('doubles the wait with each failure past the free ones, and a success resets the account', async () => {
    for (let i = 0; i < 4; i++) expect((await login('admin', 'wrong-password')).status).toBe(401);
    const first = await login('admin', 'wrong-password');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    await sleep(1050);
    expect((await login('admin', 'wrong-password')).status).toBe(401);
    const second = await login('admin', ADMIN_PASSWORD);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('2');
    await sleep(2050);
    expect((await login('admin', ADMIN_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('admin', 'wrong-password')).status).toBe(401);
    console.log('throttling: waits 1 s, 2 s after the 4th and 5th failure; after a success 4 tries are checked again');
  });

  it('throttles one client address trying many accounts (TRUST_PROXY: X-Forwarded-For), not the others', async () => {
    process.env.TRUST_PROXY = '1';
    for (let i = 0; i < 11; i++) expect((await login(`someone${i}`, 'wrong-password', '203.0.113.7')).status).toBe(401);
    expect((await login('admin', ADMIN_PASSWORD, '203.0.113.7')).status).toBe(429);
    expect((await login('admin', ADMIN_PASSWORD, '198.51.100.2')).status).toBe(200);
    console.log('throttling: 11 wrong tries over 11 accounts from one address, then that address waits; another address signs in');
  });

  it('keeps its state in the database, where every server process sees it', async () => {
    for (let i = 0; i < 5; i++) await login('admin', 'wrong-password');
    const rows = await wb.db.select().from(loginThrottle);
    expect(rows.map((r) => r.key).sort()).toEqual(['ip:local', 'user:admin']);
    expect(rows.find((r) => r.key === 'user:admin')!.failures).toBe(4);
  });

  it('answers unknown, imported (locked) and real accounts in the same time', async () => {
    await wb.db.insert(users).values({ username: 'imported1', displayName: 'imported1', role: 'annotator', passwordHash: LOCKED });
    const time = async (username: string) => {
      const ms: number[] = [];
      for (let i = 0; i < 5; i++) {
        await wb.db.delete(loginThrottle);
        const t = performance.now();
        expect((await login(username, 'wrong-password')).status).toBe(401);
        ms.push(performance.now() - t);
      }
      return median(ms);
    };
    const [unknown, imported, real] = [await time('nobody-at-all'), await time('imported1'), await time('admin')];
    console.log(`timing: median wrong-password answer unknown ${unknown.toFixed(0)} ms, imported ${imported.toFixed(0)} ms, real ${real.toFixed(0)} ms`);
    for (const t of [unknown, imported]) {
      expect(t / real).toBeGreaterThan(0.5);
      expect(t / real).toBeLessThan(2);
    }
  });
});

describe('TRUST_PROXY', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
  });
  afterEach(() => delete process.env.TRUST_PROXY);
  const cookieFlags = async (headers: Record<string, string>) =>
    (await wb.request('POST', '/api/auth/login', { json: { username: 'admin', password: ADMIN_PASSWORD }, headers })).headers.get('set-cookie') ?? '';

  it('makes the session cookie Secure when a trusted proxy says X-Forwarded-Proto: https, and only then', async () => {
    expect(await cookieFlags({ 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/);
    process.env.TRUST_PROXY = '1';
    expect(await cookieFlags({ 'x-forwarded-proto': 'https', origin: 'https://localhost' })).toMatch(/; Secure/);
    expect(await cookieFlags({ 'x-forwarded-proto': 'http' })).not.toMatch(/Secure/);
    expect(await cookieFlags({ 'x-forwarded-proto': 'https', origin: 'https://localhost' })).toMatch(/HttpOnly/);
  });
});

describe('password policy', () => {
  let wb: Workbench;
  let admin: string;
  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    admin = await wb.admin();
  });
  const create = (username: string, password: string) => wb.request('POST', '/api/users', { cookie: admin, json: { username, password, role: 'annotator' } });

  it('wants 12 characters or more, allows 64 and more, and refuses common passwords, naming the field', async () => {
    const refused = ['password', 'short-pw-11', '123qweasdzxc', 'QWERTY123456', 'leavemealone'];
    for (const pw of refused) {
      const res = await create('someone', pw);
      expect(res.status, pw).toBe(400);
      expect(res.data.error.details.issues[0].path).toBe('password');
    }
    expect(await isCommonPassword('1q2w3e4r5t6y')).toBe(true);
    expect((await create('twelve', 'twelve-chars')).status).toBe(201);
    expect((await create('longone', 'a long passphrase '.repeat(8))).status).toBe(201);
    const res = await create('toolong', 'x'.repeat(1001));
    expect(res.status).toBe(400);
    console.log(`password policy: ${refused.length} refused (short or common), 12 and 144 characters accepted`);
  });
});
