import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;
type Res = Awaited<ReturnType<Workbench['request']>>;

function expectError(res: Res, status: number, code: string) {
  expect(res.status, JSON.stringify(res.data)).toBe(status);
  expect(res.headers.get('content-type') ?? '').toMatch(/application\/json/);
  expect(res.data.error.code).toBe(code);
  expect(res.data.error.message.length).toBeGreaterThan(0);
}

describe('headers on every answer', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await freshWorkbench({ demo: false });
  });

  it('sends CSP, nosniff, frame-ancestors none, Referrer-Policy, and no-store on API answers (errors included)', async () => {
    const admin = await wb.admin();
    const answers = [
      await wb.request('GET', '/api/health'),
      await wb.request('GET', '/api/auth/me'),
      await wb.request('GET', '/api/projects', { cookie: admin }),
      await wb.request('GET', '/api/nothing-here'),
      await wb.request('POST', '/api/auth/login', { body: '{not json', headers: { 'content-type': 'application/json' } }),
    ];
    for (const res of answers) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    console.log(`headers: ${answers.length} answers (200, 401, 404, 400) all carry CSP, nosniff, frame-ancestors 'none', Referrer-Policy, no-store`);
  });
});

describe('CSRF: state-changing requests only from the own origin', () => {
  let wb: Workbench;
  let admin: string;
  let projectId: number;
  beforeAll(async () => {
    wb = await freshWorkbench({ demo: false });
    admin = await wb.admin();
    projectId = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'CSRF' } })).data.project.id;
  });
  const count = async () => (await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: admin })).data.articles.length;

  it('refuses a foreign Origin, a cross-site or same-site Sec-Fetch-Site, and a cookie with neither header; writes nothing', async () => {
    let n = 0;
    const plant = (headers: Record<string, string>) =>
      wb.request('POST', `/api/projects/${projectId}/import?format=txt`, { cookie: admin, body: `Planted ${++n}.`, headers: { 'content-type': 'text/plain', ...headers } });
    const hostile: Record<string, string>[] = [
      { origin: 'http://localhost:9999' },
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost', 'sec-fetch-site': 'same-site' },
      { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const h of hostile) expectError(await plant(h), 403, 'cross_origin');
    const bare = await wb.app.request(`/api/projects/${projectId}/import?format=txt`, { method: 'POST', headers: { cookie: admin, 'content-type': 'text/plain' }, body: 'Planted.' });
    expect(bare.status).toBe(403);
    for (const [method, path] of [['POST', `/api/articles/1/submit`], ['DELETE', '/api/annotations/1'], ['PATCH', '/api/annotations/1'], ['POST', '/api/auth/logout']] as const)
      expectError(await wb.request(method, path, { cookie: admin, headers: { origin: 'http://evil.example' } }), 403, 'cross_origin');
    expect(await count()).toBe(0);
    expect((await plant({ 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await plant({})).status).toBe(201); // Origin: http://localhost (the harness)
    expect(await count()).toBe(2);
    console.log(`CSRF: ${hostile.length + 1 + 4} foreign or headerless signed-in writes refused with 403, 0 written; 2 same-origin imports written`);
  });

  it('lets a script without a cookie sign in without Origin (there is no session to ride on), and reads stay open', async () => {
    const res = await wb.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-password-1' }) });
    expect(res.status).toBe(200);
    expect((await wb.app.request('/api/projects', { headers: { cookie: admin } })).status).toBe(200);
  });

  it('requires the import format’s declared content type (415 otherwise), a form’s urlencoded body included', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', ''])
      expectError(
        await wb.request('POST', `/api/projects/${projectId}/import?format=jsonl`, { cookie: admin, body: '{"text":"x"}', headers: type ? { 'content-type': type } : {} }),
        415,
        'unsupported_media_type',
      );
    expectError(await wb.request('POST', `/api/projects/${projectId}/import?format=txt`, { cookie: admin, body: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type');
    expect(await count()).toBe(2);
  });
});

describe('body limits per route', () => {
  let wb: Workbench;
  let admin: string;
  beforeAll(async () => {
    wb = await freshWorkbench({ demo: false });
    admin = await wb.admin();
  });
  afterEach(() => {
    delete process.env.IMPORT_MAX_BYTES;
  });

  it('refuses a login over 64 KiB with 413 before reading it, and a span over 4 MiB; a 1 MiB note passes the size check', async () => {
    const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(70 * 1024) });
    expectError(await wb.request('POST', '/api/auth/login', { body: big, headers: { 'content-type': 'application/json' } }), 413, 'too_large');
    expectError(await wb.request('POST', '/api/users', { cookie: admin, body: big, headers: { 'content-type': 'application/json' } }), 413, 'too_large');
    const span = (note: string) => ({ label: 'evaluative', start: 0, end: 3, note });
    expectError(await wb.request('POST', '/api/articles/1/annotations', { cookie: admin, json: span('n'.repeat(5 * 1024 * 1024)) }), 413, 'too_large');
    expect((await wb.request('POST', '/api/articles/1/annotations', { cookie: admin, json: span('n'.repeat(1024 * 1024)) })).status).not.toBe(413);
    console.log('body limits: login and accounts 64 KiB, spans 4 MiB, imports IMPORT_MAX_BYTES (default 200 MiB)');
  });

  it('takes the import limit from IMPORT_MAX_BYTES', async () => {
    process.env.IMPORT_MAX_BYTES = '1000';
    const projectId = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Limits' } })).data.project.id;
    const post = (n: number) => wb.request('POST', `/api/projects/${projectId}/import?format=txt`, { cookie: admin, body: 'a'.repeat(n), headers: { 'content-type': 'text/plain' } });
    expectError(await post(1001), 413, 'too_large');
    expect((await post(900)).status).toBe(201);
  });
});
