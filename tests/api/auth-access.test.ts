import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, freshWorkbench } from './harness.js';

/** The sample project ships DEMO DATA (seeds/demo/): leaves out the demo annotators' spans and progress. */
const withoutDemo = <T extends { annotator?: string; username?: string }>(rows: T[]) =>
  rows.filter((r) => !(r.annotator ?? r.username ?? '').startsWith('demo-'));

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;
type Res = Awaited<ReturnType<Workbench['request']>>;

/** The error envelope of DESIGN.md: `{error: {code, message, details?}}` with the given status. */
function expectError(res: Res, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.data)).toBe(status);
  expect(res.headers.get('content-type') ?? '').toMatch(/application\/json/);
  expect(typeof res.data?.error?.code).toBe('string');
  expect(typeof res.data?.error?.message).toBe('string');
  expect(res.data.error.message.length).toBeGreaterThan(0);
  if (code) expect(res.data.error.code).toBe(code);
}

/** The article ids of a project, as the admin sees them. */
async function articleIds(wb: Workbench, cookie: string, projectId: number): Promise<number[]> {
  const res = await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie });
  expect(res.status).toBe(200);
  return res.data.articles.map((a: { id: number }) => a.id);
}

describe('without a session', () => {
  let wb: Workbench;
  let projectId: number;
  let articleId: number;
  let spanId: string;

  beforeAll(async () => {
    wb = await freshWorkbench();
    projectId = wb.sampleProjectId!;
    const admin = await wb.admin();
    articleId = (await articleIds(wb, admin, projectId))[0]!;
    // A real span, so PATCH/DELETE have something that exists to refuse.
    const ann = await wb.userWithSession('anon-target');
    await wb.request('POST', `/api/projects/${projectId}/assignments`, {
      cookie: admin,
      json: { annotatorIds: [ann.user.id], articleIds: [articleId] },
    });
    const created = await wb.request('POST', `/api/articles/${articleId}/annotations`, {
      cookie: ann.cookie,
      json: { label: 'evaluative', start: 0, end: 5 },
    });
    expect(created.status).toBe(201);
    spanId = created.data.annotation.id;
  });

  const routes = (): Array<[string, string, unknown?]> => [
    ['GET', '/api/auth/me'],
    ['POST', '/api/auth/logout'],
    ['GET', '/api/users'],
    ['POST', '/api/users', { username: 'mallory', password: 'mallory-password', role: 'admin' }],
    ['GET', '/api/projects'],
    ['POST', '/api/projects', { name: 'sneaky' }],
    ['GET', `/api/projects/${projectId}`],
    ['GET', `/api/projects/${projectId}/labels`],
    ['GET', `/api/projects/${projectId}/articles`],
    ['POST', `/api/projects/${projectId}/articles`, { articles: [{ text: 'Injected article.' }] }],
    ['POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [1] }],
    ['GET', `/api/articles/${articleId}`],
    ['GET', `/api/articles/${articleId}/annotations`],
    ['POST', `/api/articles/${articleId}/annotations`, { label: 'evaluative', start: 0, end: 3 }],
    ['POST', `/api/articles/${articleId}/submit`],
    ['PATCH', `/api/annotations/${spanId}`, { version: 1, start: 1 }],
    ['DELETE', `/api/annotations/${spanId}`],
  ];

  it('answers 401 with the JSON error envelope on every protected route', async () => {
    for (const [method, path, json] of routes()) {
      const res = await wb.request(method, path, json === undefined ? {} : { json });
      expect(res.status, `${method} ${path}`).toBe(401);
      expectError(res, 401, 'unauthorized');
    }
  });

  it('answers 401 to a forged or unknown session cookie', async () => {
    for (const [method, path, json] of routes()) {
      const res = await wb.request(method, path, { cookie: 'mbw_session=not-a-real-token', ...(json === undefined ? {} : { json }) });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('checks the session before the body: an invalid body without a session is 401, not 400', async () => {
    const res = await wb.request('POST', '/api/users', { json: { role: 'boss' } });
    expectError(res, 401, 'unauthorized');
  });

  it('changed nothing while refusing', async () => {
    const admin = await wb.admin();
    const users = await wb.request('GET', '/api/users', { cookie: admin });
    expect(users.data.users.map((u: { username: string }) => u.username)).not.toContain('mallory');
    const projects = await wb.request('GET', '/api/projects', { cookie: admin });
    expect(projects.data.projects).toHaveLength(1);
    expect(projects.data.projects[0].articleCount).toBe(5);
    const spans = await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: admin });
    const notDemo = withoutDemo(spans.data.annotations);
    expect(notDemo).toHaveLength(1);
    expect(notDemo[0]).toMatchObject({ id: spanId, start: 0, end: 5, version: 1 });
  });

  it('answers health without a session', async () => {
    const res = await wb.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ status: 'ok' });
  });
});

describe('login and logout', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
  });

  it('refuses a wrong password with 401 and the error envelope, and sets no cookie', async () => {
    const res = await wb.request('POST', '/api/auth/login', { json: { username: 'admin', password: 'wrong-password' } });
    expectError(res, 401);
    expect(Object.keys(res.data)).toEqual(['error']);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses an unknown username the same way as a wrong password', async () => {
    const wrongPw = await wb.request('POST', '/api/auth/login', { json: { username: 'admin', password: 'nope-nope' } });
    const noUser = await wb.request('POST', '/api/auth/login', { json: { username: 'nobody', password: 'nope-nope' } });
    expectError(noUser, 401);
    expect(noUser.data.error.code).toBe(wrongPw.data.error.code);
    expect(noUser.data.error.message).toBe(wrongPw.data.error.message);
    expect(noUser.headers.get('set-cookie')).toBeNull();
  });

  it('sets an HttpOnly, SameSite session cookie and answers with the user (no password hash)', async () => {
    const res = await wb.request('POST', '/api/auth/login', { json: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.data.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(JSON.stringify(res.data)).not.toMatch(/passwordHash|password_hash|scrypt/);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^mbw_session=[^;]{20,}/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
  });

  it('gives each login its own session token', async () => {
    const a = await wb.admin();
    const b = await wb.admin();
    expect(a).not.toBe(b);
  });

  it('/me tells who is signed in', async () => {
    const { user, cookie } = await wb.userWithSession('whoami', 'supervisor');
    const res = await wb.request('GET', '/api/auth/me', { cookie });
    expect(res.status).toBe(200);
    expect(res.data.user).toMatchObject({ id: user.id, username: 'whoami', role: 'supervisor' });
    expect(JSON.stringify(res.data)).not.toMatch(/passwordHash|scrypt/);
  });

  it('logout ends the session: the same cookie no longer works, other sessions still do', async () => {
    const cookie = await wb.admin();
    const other = await wb.admin();
    expect((await wb.request('GET', '/api/auth/me', { cookie })).status).toBe(200);
    const out = await wb.request('POST', '/api/auth/logout', { cookie });
    expect(out.status).toBe(200);
    // The cookie is cleared in the browser too.
    expect(out.headers.get('set-cookie') ?? '').toMatch(/mbw_session=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expectError(await wb.request('GET', '/api/auth/me', { cookie }), 401, 'unauthorized');
    expectError(await wb.request('GET', '/api/projects', { cookie }), 401, 'unauthorized');
    expectError(await wb.request('POST', '/api/auth/logout', { cookie }), 401, 'unauthorized');
    expect((await wb.request('GET', '/api/auth/me', { cookie: other })).status).toBe(200);
  });
});

describe('roles and assignments', () => {
  let wb: Workbench;
  let admin: string;
  let sup: { user: { id: number }; cookie: string };
  let ann1: { user: { id: number }; cookie: string };
  let ann2: { user: { id: number }; cookie: string };
  let idle: { user: { id: number }; cookie: string };
  let sampleId: number;
  let otherProjectId: number;
  let a1: number;
  let a2: number;
  let a3: number;
  let otherArticle: number;

  beforeAll(async () => {
    wb = await freshWorkbench();
    sampleId = wb.sampleProjectId!;
    admin = await wb.admin();
    [sup, ann1, ann2, idle] = await Promise.all([
      wb.userWithSession('sup', 'supervisor'),
      wb.userWithSession('ann1'),
      wb.userWithSession('ann2'),
      wb.userWithSession('idle'),
    ]);
    [a1, a2, a3] = (await articleIds(wb, admin, sampleId)) as [number, number, number];
    // ann1 works on a1 and a3, ann2 on a2 only; idle on nothing.
    const assign = (annotatorIds: number[], ids: number[]) =>
      wb.request('POST', `/api/projects/${sampleId}/assignments`, { cookie: sup.cookie, json: { annotatorIds, articleIds: ids } });
    expect((await assign([ann1.user.id], [a1, a3])).status).toBe(201);
    expect((await assign([ann2.user.id], [a2])).status).toBe(201);
    // A second project in which no annotator has work.
    const p = await wb.request('POST', '/api/projects', { cookie: sup.cookie, json: { name: 'Second project' } });
    expect(p.status).toBe(201);
    otherProjectId = p.data.project.id;
    const imp = await wb.request('POST', `/api/projects/${otherProjectId}/articles`, {
      cookie: sup.cookie,
      json: { articles: [{ text: 'Ein ganz anderer Artikel.' }] },
    });
    expect(imp.status).toBe(201);
    otherArticle = imp.data.articles[0].id;
  });

  it('forbids an annotator the supervisor routes with 403, and changes nothing', async () => {
    const c = ann1.cookie;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', '/api/users'],
      ['POST', '/api/users', { username: 'evil', password: 'evil-password', role: 'annotator' }],
      ['POST', '/api/projects', { name: 'Annotator project' }],
      ['POST', `/api/projects/${sampleId}/articles`, { articles: [{ text: 'Smuggled text.' }] }],
      ['POST', `/api/projects/${sampleId}/assignments`, { annotatorIds: [ann1.user.id] }],
    ];
    for (const [method, path, json] of attempts) {
      const res = await wb.request(method, path, json === undefined ? { cookie: c } : { cookie: c, json });
      expect(res.status, `${method} ${path}`).toBe(403);
      expectError(res, 403, 'forbidden');
    }
    const users = await wb.request('GET', '/api/users', { cookie: admin });
    expect(users.data.users.map((u: { username: string }) => u.username)).not.toContain('evil');
    const projects = await wb.request('GET', '/api/projects', { cookie: admin });
    expect(projects.data.projects.map((p: { name: string }) => p.name)).not.toContain('Annotator project');
    expect(projects.data.projects.find((p: { id: number }) => p.id === sampleId).articleCount).toBe(5);
    // ann1 still has exactly the two assignments given in beforeAll.
    const mine = await wb.request('GET', `/api/projects/${sampleId}/articles`, { cookie: ann1.cookie });
    expect(mine.data.articles.map((a: { id: number }) => a.id)).toEqual([a1, a3]);
    // The annotator's project list counts only their own two articles.
    const theirs = await wb.request('GET', '/api/projects', { cookie: ann1.cookie });
    expect(theirs.data.projects.map((p: { id: number; articleCount: number }) => [p.id, p.articleCount])).toEqual([[sampleId, 2]]);
  });

  it('answers 404 to an annotator for an article not assigned to them (read, spans, submit): they learn nothing of it', async () => {
    const c = ann1.cookie;
    expectError(await wb.request('GET', `/api/articles/${a2}`, { cookie: c }), 404, 'not_found');
    expectError(await wb.request('GET', `/api/articles/${a2}/annotations`, { cookie: c }), 404, 'not_found');
    expectError(
      await wb.request('POST', `/api/articles/${a2}/annotations`, { cookie: c, json: { label: 'evaluative', start: 0, end: 4 } }),
      404,
      'not_found',
    );
    expectError(await wb.request('POST', `/api/articles/${a2}/submit`, { cookie: c }), 404, 'not_found');
    expectError(await wb.request('GET', `/api/articles/${otherArticle}`, { cookie: c }), 404, 'not_found');
    // ...while the same routes work on an assigned article, so it is the assignment that decides.
    const own = await wb.request('GET', `/api/articles/${a1}`, { cookie: c });
    expect(own.status).toBe(200);
    expect(own.data.article).toMatchObject({ id: a1, projectId: sampleId, myStatus: 'assigned' });
    expect(typeof own.data.article.text).toBe('string');
    expect((await wb.request('GET', `/api/articles/${a1}/annotations`, { cookie: c })).status).toBe(200);
    // ann2 wrote nothing on a2 because of ann1's attempt.
    const spans = await wb.request('GET', `/api/articles/${a2}/annotations`, { cookie: admin });
    expect(withoutDemo(spans.data.annotations)).toEqual([]);
  });

  it('forbids an annotator the pages of a project they have no work in', async () => {
    for (const path of [`/api/projects/${otherProjectId}`, `/api/projects/${otherProjectId}/labels`, `/api/projects/${otherProjectId}/articles`])
      expectError(await wb.request('GET', path, { cookie: ann1.cookie }), 403, 'forbidden');
    for (const path of [`/api/projects/${sampleId}`, `/api/projects/${sampleId}/labels`, `/api/projects/${sampleId}/articles`])
      expectError(await wb.request('GET', path, { cookie: idle.cookie }), 403, 'forbidden');
    expect((await wb.request('GET', `/api/projects/${sampleId}/labels`, { cookie: ann1.cookie })).status).toBe(200);
  });

  it('lists to an annotator only the projects they have assignments in', async () => {
    const p1 = await wb.request('GET', '/api/projects', { cookie: ann1.cookie });
    expect(p1.status).toBe(200);
    expect(p1.data.projects.map((p: { id: number }) => p.id)).toEqual([sampleId]);
    const none = await wb.request('GET', '/api/projects', { cookie: idle.cookie });
    expect(none.status).toBe(200);
    expect(none.data.projects).toEqual([]);
    const all = await wb.request('GET', '/api/projects', { cookie: sup.cookie });
    expect(all.data.projects.map((p: { id: number }) => p.id).sort()).toEqual([sampleId, otherProjectId].sort());
  });

  it("lists to an annotator only their assigned articles, with only their own progress (blind)", async () => {
    const r1 = await wb.request('GET', `/api/projects/${sampleId}/articles`, { cookie: ann1.cookie });
    expect(r1.status).toBe(200);
    expect(r1.data.articles.map((a: { id: number }) => a.id)).toEqual([a1, a3]);
    for (const a of r1.data.articles) {
      expect(a.progress.map((p: { annotatorId: number }) => p.annotatorId)).toEqual([ann1.user.id]);
      expect(JSON.stringify(a)).not.toMatch(/"text"/);
    }
    const r2 = await wb.request('GET', `/api/projects/${sampleId}/articles`, { cookie: ann2.cookie });
    expect(r2.data.articles.map((a: { id: number }) => a.id)).toEqual([a2]);
    const sup2 = await wb.request('GET', `/api/projects/${sampleId}/articles`, { cookie: sup.cookie });
    expect(sup2.data.articles).toHaveLength(5);
    const byId = new Map(
      sup2.data.articles.map((a: { id: number; progress: Array<{ username: string }> }) => [a.id, withoutDemo(a.progress).length]),
    );
    expect([byId.get(a1), byId.get(a2), byId.get(a3)]).toEqual([1, 1, 1]);
  });

  it('lets a supervisor read any article and any project', async () => {
    const res = await wb.request('GET', `/api/articles/${a2}`, { cookie: sup.cookie });
    expect(res.status).toBe(200);
    expect(res.data.article.myStatus).toBeNull();
    expect((await wb.request('GET', `/api/projects/${otherProjectId}/articles`, { cookie: sup.cookie })).data.articles).toHaveLength(1);
  });

  it('answers 404 for an article or project that does not exist', async () => {
    expectError(await wb.request('GET', '/api/articles/999999', { cookie: sup.cookie }), 404, 'not_found');
    expectError(await wb.request('GET', '/api/projects/999999/articles', { cookie: sup.cookie }), 404, 'not_found');
  });

  it('lets a supervisor create annotators and supervisors, who can then log in', async () => {
    const res = await wb.request('POST', '/api/users', {
      cookie: sup.cookie,
      json: { username: 'newbie', password: 'newbie-password', role: 'annotator', displayName: 'New Bie' },
    });
    expect(res.status).toBe(201);
    expect(res.data.user).toMatchObject({ username: 'newbie', role: 'annotator', displayName: 'New Bie' });
    expect(typeof res.data.user.id).toBe('number');
    expect(JSON.stringify(res.data)).not.toMatch(/password/i);
    const cookie = await wb.login('newbie', 'newbie-password');
    const me = await wb.request('GET', '/api/auth/me', { cookie });
    expect(me.data.user).toMatchObject({ username: 'newbie', role: 'annotator' });
    const sup2 = await wb.request('POST', '/api/users', {
      cookie: sup.cookie,
      json: { username: 'sup2', password: 'sup2-password', role: 'supervisor' },
    });
    expect(sup2.status).toBe(201);
    expect(sup2.data.user.role).toBe('supervisor');
  });

  it('lists users to a supervisor without password hashes', async () => {
    const res = await wb.request('GET', '/api/users', { cookie: sup.cookie });
    expect(res.status).toBe(200);
    const names = res.data.users.map((u: { username: string }) => u.username);
    expect(names).toEqual(expect.arrayContaining(['admin', 'sup', 'ann1', 'ann2', 'idle']));
    expect(JSON.stringify(res.data)).not.toMatch(/passwordHash|password_hash|scrypt/);
  });

  it('forbids a supervisor to create an admin account, but lets an admin do it', async () => {
    const refused = await wb.request('POST', '/api/users', {
      cookie: sup.cookie,
      json: { username: 'root2', password: 'root2-password', role: 'admin' },
    });
    expectError(refused, 403, 'forbidden');
    const list = await wb.request('GET', '/api/users', { cookie: admin });
    expect(list.data.users.map((u: { username: string }) => u.username)).not.toContain('root2');
    await expect(wb.login('root2', 'root2-password')).rejects.toThrow(/401/);

    const made = await wb.request('POST', '/api/users', {
      cookie: admin,
      json: { username: 'root2', password: 'root2-password', role: 'admin' },
    });
    expect(made.status).toBe(201);
    expect(made.data.user).toMatchObject({ username: 'root2', role: 'admin' });
    const cookie = await wb.login('root2', 'root2-password');
    expect((await wb.request('GET', '/api/auth/me', { cookie })).data.user.role).toBe('admin');
  });

  it('refuses a username that is taken with 409, keeping the first account', async () => {
    const res = await wb.request('POST', '/api/users', {
      cookie: admin,
      json: { username: 'ann1', password: 'another-password', role: 'supervisor' },
    });
    expectError(res, 409, 'conflict');
    expect(res.data.error.message).toMatch(/ann1/);
    expectError(
      await wb.request('POST', '/api/users', { cookie: sup.cookie, json: { username: 'admin', password: 'admin-clone-password', role: 'annotator' } }),
      409,
      'conflict',
    );
    // The first ann1 is unchanged: same role, old password still works, new one does not.
    const users = await wb.request('GET', '/api/users', { cookie: admin });
    const ann1s = users.data.users.filter((u: { username: string }) => u.username === 'ann1');
    expect(ann1s).toHaveLength(1);
    expect(ann1s[0].role).toBe('annotator');
    await expect(wb.login('ann1', 'another-password')).rejects.toThrow(/401/);
    await expect(wb.login('ann1', 'ann1-password')).resolves.toMatch(/^mbw_session=/);
  });
});
