import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;
type Res = Awaited<ReturnType<Workbench['request']>>;
type Session = { user: { id: number; username: string }; cookie: string };

function expectError(res: Res, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.data)).toBe(status);
  expect(res.headers.get('content-type') ?? '').toMatch(/application\/json/);
  expect(typeof res.data?.error?.code).toBe('string');
  expect(typeof res.data?.error?.message).toBe('string');
  if (code) expect(res.data.error.code).toBe(code);
  // Never a stack trace.
  expect(JSON.stringify(res.data)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

/** A 400 that names `field` in its message and in `details.issues[].path`. */
function expectFieldError(res: Res, field: string) {
  expectError(res, 400, 'invalid_input');
  expect(res.data.error.message).toContain(field);
  const issues = (res.data.error.details?.issues ?? []) as Array<{ path: string; message: string }>;
  expect(issues.map((i) => i.path)).toContain(field);
  for (const i of issues) expect(typeof i.message).toBe('string');
}

describe('malformed input', () => {
  let wb: Workbench;
  let admin: string;
  let ann: Session;
  let projectId: number;
  let articleId: number;

  beforeAll(async () => {
    wb = await freshWorkbench();
    projectId = wb.sampleProjectId!;
    admin = await wb.admin();
    ann = await wb.userWithSession('ann');
    const arts = await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: admin });
    articleId = arts.data.articles[0].id;
    await wb.request('POST', `/api/projects/${projectId}/assignments`, {
      cookie: admin,
      json: { annotatorIds: [ann.user.id], articleIds: [articleId] },
    });
  });

  it('names role when POST /api/users has role "boss"', async () => {
    const res = await wb.request('POST', '/api/users', { cookie: admin, json: { username: 'bossy', password: 'bossy-password', role: 'boss' } });
    expectFieldError(res, 'role');
    const users = await wb.request('GET', '/api/users', { cookie: admin });
    expect(users.data.users.map((u: { username: string }) => u.username)).not.toContain('bossy');
  });

  it('names every bad field of POST /api/users', async () => {
    const res = await wb.request('POST', '/api/users', { cookie: admin, json: { username: 'a b', password: 'short', role: 'annotator' } });
    expectFieldError(res, 'username');
    expectFieldError(res, 'password');
    expectFieldError(await wb.request('POST', '/api/users', { cookie: admin, json: { password: 'long-enough-password', role: 'annotator' } }), 'username');
  });

  it('names start when a span has start "abc"', async () => {
    const res = await wb.request('POST', `/api/articles/${articleId}/annotations`, {
      cookie: ann.cookie,
      json: { label: 'evaluative', start: 'abc', end: 5 },
    });
    expectFieldError(res, 'start');
  });

  it('names the fields of other malformed span bodies', async () => {
    const post = (json: unknown) => wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie, json });
    expectFieldError(await post({ label: 'evaluative', start: 1.5, end: 5 }), 'start');
    expectFieldError(await post({ label: 'evaluative', start: 0, end: '5' }), 'end');
    expectFieldError(await post({ start: 0, end: 5 }), 'label');
    expectFieldError(await post({ label: 'evaluative', start: 0, end: 5, attributes: { polarity: 3 } }), 'attributes.polarity');
    expectFieldError(await post({ label: 'evaluative', start: 0, end: 5, id: 'has spaces' }), 'id');
    const list = await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie });
    expect(list.data.annotations).toEqual([]);
  });

  it('names the fields of malformed project and assignment bodies', async () => {
    expectFieldError(await wb.request('POST', '/api/projects', { cookie: admin, json: { name: '   ' } }), 'name');
    expectFieldError(
      await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: admin, json: { annotatorIds: [] } }),
      'annotatorIds',
    );
    expectFieldError(
      await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: admin, json: { articles: [{ title: 'no text' }] } }),
      'articles.0.text',
    );
    expectFieldError(await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: admin, json: { articles: [] } }), 'articles');
  });

  it('names version when a PATCH lacks it', async () => {
    const c = await wb.request('POST', `/api/articles/${articleId}/annotations`, {
      cookie: ann.cookie,
      json: { label: 'evaluative', start: 0, end: 5 },
    });
    expect(c.status).toBe(201);
    expectFieldError(await wb.request('PATCH', `/api/annotations/${c.data.annotation.id}`, { cookie: ann.cookie, json: { end: 6 } }), 'version');
    expect((await wb.request('DELETE', `/api/annotations/${c.data.annotation.id}`, { cookie: ann.cookie })).status).toBe(204);
  });

  it('answers malformed JSON with a 400 JSON error, never 500', async () => {
    const bad = ['{"username":', '{username: "admin"}', "{'a': 1}", 'not json at all', '{"a":1}}'];
    const targets: Array<[string, string, string | undefined]> = [
      ['POST', '/api/auth/login', undefined],
      ['POST', '/api/users', admin],
      ['POST', '/api/projects', admin],
      ['POST', `/api/projects/${projectId}/articles`, admin],
      ['POST', `/api/projects/${projectId}/assignments`, admin],
      ['POST', `/api/articles/${articleId}/annotations`, ann.cookie],
      ['PATCH', '/api/annotations/some-id', ann.cookie],
    ];
    for (const [method, path, cookie] of targets)
      for (const body of bad) {
        const res = await wb.request(method, path, {
          ...(cookie ? { cookie } : {}),
          body,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status, `${method} ${path} ${body}`).toBe(400);
        expectError(res, 400, 'invalid_input');
      }
  });

  it('answers JSON of the wrong shape (null, array, string, number) with 400', async () => {
    for (const json of [null, [], 'admin', 42, true]) {
      const res = await wb.request('POST', '/api/auth/login', { body: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
      expectError(res, 400, 'invalid_input');
      const res2 = await wb.request('POST', '/api/projects', {
        cookie: admin,
        body: JSON.stringify(json),
        headers: { 'content-type': 'application/json' },
      });
      expectError(res2, 400, 'invalid_input');
    }
  });

  it('answers an empty body or a non-JSON content type with 400, never 500', async () => {
    const empty = await wb.request('POST', '/api/projects', { cookie: admin, body: '', headers: { 'content-type': 'application/json' } });
    expectError(empty, 400);
    const form = await wb.request('POST', '/api/projects', {
      cookie: admin,
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectError(form, 400);
    const none = await wb.request('POST', '/api/auth/login', { body: '{"username":"admin","password":"x"}' });
    expect(none.status).toBeGreaterThanOrEqual(400);
    expect(none.status).toBeLessThan(500);
  });

  it('answers a path id that is not a positive integer with 400 naming id', async () => {
    for (const path of [
      '/api/articles/abc',
      '/api/articles/abc/annotations',
      '/api/articles/0',
      '/api/articles/-3',
      '/api/articles/1.5',
      '/api/projects/abc',
      '/api/projects/abc/articles',
      '/api/projects/abc/labels',
    ]) {
      const res = await wb.request('GET', path, { cookie: admin });
      expect(res.status, path).toBe(400);
      expectFieldError(res, 'id');
    }
  });

  it('answers 404 JSON for unknown routes under /api, signed in or not', async () => {
    for (const [method, path, cookie] of [
      ['GET', '/api/nope', undefined],
      ['GET', '/api/nope', admin],
      ['POST', '/api/health/deeper', undefined],
      ['GET', '/api/articles', admin],
      ['GET', `/api/projects/${projectId}/nope`, admin],
      ['PUT', '/api/projects', admin],
    ] as Array<[string, string, string | undefined]>) {
      const res = await wb.request(method, path, cookie ? { cookie } : {});
      expect(res.status, `${method} ${path}`).toBe(404);
      expectError(res, 404, 'not_found');
    }
  });

  it('does not fail (500) on a repeated query parameter', async () => {
    const res = await wb.request('GET', `/api/articles/${articleId}/annotations?annotator=a&annotator=b`, { cookie: admin });
    expect(res.status).toBeLessThan(500);
  });
});

describe('nothing half-written', () => {
  let wb: Workbench;
  let admin: string;
  let projectId: number;
  let annIds: number[];
  const articleCount = async () => {
    const res = await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: admin });
    return res.data.articles.length as number;
  };
  const projectArticleCount = async () => {
    const res = await wb.request('GET', '/api/projects', { cookie: admin });
    return res.data.projects.find((p: { id: number }) => p.id === projectId).articleCount as number;
  };
  const assignmentCount = async () => {
    const res = await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: admin });
    return res.data.articles.reduce((n: number, a: { progress: unknown[] }) => n + a.progress.length, 0) as number;
  };

  beforeAll(async () => {
    wb = await freshWorkbench();
    projectId = wb.sampleProjectId!;
    admin = await wb.admin();
    annIds = (await Promise.all([wb.userWithSession('x1'), wb.userWithSession('x2')])).map((s) => s.user.id);
  });

  it('imports nothing when one article of several has blank text', async () => {
    expect(await articleCount()).toBe(5);
    const res = await wb.request('POST', `/api/projects/${projectId}/articles`, {
      cookie: admin,
      json: { articles: [{ text: 'Ein gültiger Artikel.' }, { text: '   ' }, { text: 'Noch einer.' }] },
    });
    expectError(res, 400, 'invalid_input');
    expect(res.data.error.message).toContain('articles.1.text');
    expect(await articleCount()).toBe(5);
    expect(await projectArticleCount()).toBe(5);
  });

  it('names the blank article in error.details.issues[].path like every other invalid field', async () => {
    const res = await wb.request('POST', `/api/projects/${projectId}/articles`, {
      cookie: admin,
      json: { articles: [{ text: 'ok' }, { text: ' \r\n\t ' }] },
    });
    expectFieldError(res, 'articles.1.text');
  });

  it('imports nothing when one article fails the schema', async () => {
    const res = await wb.request('POST', `/api/projects/${projectId}/articles`, {
      cookie: admin,
      json: { articles: [{ text: 'Ein gültiger Artikel.' }, { text: '' }] },
    });
    expectFieldError(res, 'articles.1.text');
    expect(await articleCount()).toBe(5);
  });

  it('imports all of a valid batch, normalising each text', async () => {
    const res = await wb.request('POST', `/api/projects/${projectId}/articles`, {
      cookie: admin,
      json: { articles: [{ text: 'Erster\r\nText' }, { text: 'Zweiter Text mit Cafe\u0301', title: '  Titel  ' }] },
    });
    expect(res.status).toBe(201);
    expect(res.data.articles).toHaveLength(2);
    expect(res.data.articles[1].title).toBe('Titel');
    expect(res.data.articles[1].length).toBe(Array.from('Zweiter Text mit Café').length);
    const a0 = await wb.request('GET', `/api/articles/${res.data.articles[0].id}`, { cookie: admin });
    expect(a0.data.article.text).toBe('Erster\nText');
    expect(await articleCount()).toBe(7);
  });

  it('assigns nothing when an annotator id or article id is unknown', async () => {
    const before = await assignmentCount();
    const arts = await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: admin });
    const ids: number[] = arts.data.articles.map((a: { id: number }) => a.id);
    const badUser = await wb.request('POST', `/api/projects/${projectId}/assignments`, {
      cookie: admin,
      json: { annotatorIds: [annIds[0], 99_999] },
    });
    expectError(badUser, 400, 'invalid_input');
    expect(badUser.data.error.message).toContain('annotatorIds');
    const badArticle = await wb.request('POST', `/api/projects/${projectId}/assignments`, {
      cookie: admin,
      json: { annotatorIds: annIds, articleIds: [ids[0], 99_999] },
    });
    expectError(badArticle, 400, 'invalid_input');
    expect(badArticle.data.error.message).toContain('articleIds');
    expect(await assignmentCount()).toBe(before);
  });

  it('refuses to assign an article of another project', async () => {
    const p = await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Other' } });
    const imp = await wb.request('POST', `/api/projects/${p.data.project.id}/articles`, { cookie: admin, json: { articles: [{ text: 'Fremd.' }] } });
    const foreign = imp.data.articles[0].id;
    const res = await wb.request('POST', `/api/projects/${projectId}/assignments`, {
      cookie: admin,
      json: { annotatorIds: annIds, articleIds: [foreign] },
    });
    expectError(res, 400, 'invalid_input');
    const other = await wb.request('GET', `/api/projects/${p.data.project.id}/articles`, { cookie: admin });
    expect(other.data.articles[0].progress).toEqual([]);
  });
});

describe('round-robin assignments', () => {
  let wb: Workbench;
  let admin: string;
  let projectId: number;
  let anns: Session[];

  beforeAll(async () => {
    wb = await freshWorkbench();
    projectId = wb.sampleProjectId!;
    admin = await wb.admin();
    anns = await Promise.all([wb.userWithSession('rr1'), wb.userWithSession('rr2'), wb.userWithSession('rr3')]);
  });

  /** Each article's progress of this test's annotators (the sample project's demo annotators are left out). */
  const progress = async () => {
    const res = await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: admin });
    expect(res.status).toBe(200);
    const ours = new Set(anns.map((a) => a.user.id));
    return (res.data.articles as Array<{ id: number; progress: Array<{ annotatorId: number; status: string; spans: number }> }>).map((a) => ({
      ...a,
      progress: a.progress.filter((p) => ours.has(p.annotatorId)),
    }));
  };

  it('refuses perArticle greater than the number of annotators, naming perArticle', async () => {
    const res = await wb.request('POST', `/api/projects/${projectId}/assignments`, {
      cookie: admin,
      json: { annotatorIds: anns.map((a) => a.user.id), perArticle: 4 },
    });
    expectFieldError(res, 'perArticle');
    // Duplicate ids do not count twice.
    const dup = await wb.request('POST', `/api/projects/${projectId}/assignments`, {
      cookie: admin,
      json: { annotatorIds: [anns[0]!.user.id, anns[0]!.user.id], perArticle: 2 },
    });
    expectFieldError(dup, 'perArticle');
    expectFieldError(
      await wb.request('POST', `/api/projects/${projectId}/assignments`, {
        cookie: admin,
        json: { annotatorIds: anns.map((a) => a.user.id), perArticle: 0 },
      }),
      'perArticle',
    );
    expect((await progress()).every((a) => a.progress.length === 0)).toBe(true);
  });

  it('gives each of the 5 articles exactly 2 distinct annotators of 3, with balanced loads', async () => {
    const ids = anns.map((a) => a.user.id);
    const res = await wb.request('POST', `/api/projects/${projectId}/assignments`, {
      cookie: admin,
      json: { annotatorIds: ids, perArticle: 2 },
    });
    expect(res.status).toBe(201);
    expect(res.data.created).toBe(10);
    const arts = await progress();
    expect(arts).toHaveLength(5);
    const load = new Map(ids.map((id) => [id, 0]));
    for (const a of arts) {
      const who = a.progress.map((p) => p.annotatorId);
      expect(who).toHaveLength(2);
      expect(new Set(who).size).toBe(2);
      for (const id of who) {
        expect(ids).toContain(id);
        load.set(id, load.get(id)! + 1);
      }
      for (const p of a.progress) expect(p).toMatchObject({ status: 'assigned', spans: 0 });
    }
    const loads = [...load.values()];
    expect(loads.reduce((s, n) => s + n, 0)).toBe(10);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    // Each annotator sees exactly the articles given to them.
    for (const s of anns) {
      const mine = await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: s.cookie });
      expect(mine.data.articles).toHaveLength(load.get(s.user.id)!);
    }
  });

  it('keeps existing assignments when the same round-robin is repeated', async () => {
    const before = await progress();
    const res = await wb.request('POST', `/api/projects/${projectId}/assignments`, {
      cookie: admin,
      json: { annotatorIds: anns.map((a) => a.user.id), perArticle: 2 },
    });
    expect(res.status).toBe(201);
    expect(res.data.created).toBe(0);
    expect(await progress()).toEqual(before);
  });

  it('without perArticle assigns each named article to every named annotator', async () => {
    const wb2 = await freshWorkbench();
    const admin2 = await wb2.admin();
    const [u1, u2] = await Promise.all([wb2.userWithSession('all1'), wb2.userWithSession('all2')]);
    const arts = await wb2.request('GET', `/api/projects/${wb2.sampleProjectId}/articles`, { cookie: admin2 });
    const chosen = arts.data.articles.slice(1, 3).map((a: { id: number }) => a.id);
    const res = await wb2.request('POST', `/api/projects/${wb2.sampleProjectId}/assignments`, {
      cookie: admin2,
      json: { annotatorIds: [u1.user.id, u2.user.id], articleIds: chosen },
    });
    expect(res.status).toBe(201);
    expect(res.data.created).toBe(4);
    const after = await wb2.request('GET', `/api/projects/${wb2.sampleProjectId}/articles`, { cookie: admin2 });
    for (const a of after.data.articles) {
      const who = a.progress
        .map((p: { annotatorId: number }) => p.annotatorId)
        .filter((id: number) => id === u1.user.id || id === u2.user.id)
        .sort();
      expect(who).toEqual(chosen.includes(a.id) ? [u1.user.id, u2.user.id].sort() : []);
    }
  });
});

describe('project label schemes', () => {
  let wb: Workbench;
  let sup: string;
  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sup = (await wb.userWithSession('sup', 'supervisor')).cookie;
  });
  const projectCount = async () => (await wb.request('GET', '/api/projects', { cookie: sup })).data.projects.length as number;

  it('gives a project without labels the default scheme', async () => {
    const p = await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Default', description: 'd' } });
    expect(p.status).toBe(201);
    expect(p.data.project).toMatchObject({ name: 'Default', description: 'd', articleCount: 0 });
    const res = await wb.request('GET', `/api/projects/${p.data.project.id}/labels`, { cookie: sup });
    expect(res.status).toBe(200);
    const labels = res.data.labels as Array<{ key: string; hotkey: string; name: string; color: string; attributes: Array<{ key: string }> }>;
    // Issue 10: the default scheme follows PARC's source–cue–content, with "Reported statement" on 4.
    expect(labels.map((l) => l.key)).toEqual(['attribution', 'evaluative', 'unsupported_claim', 'statement']);
    expect(labels.map((l) => l.hotkey)).toEqual(['1', '2', '3', '4']);
    for (const l of labels) {
      expect(l.color).toMatch(/^#[0-9a-fA-F]{6}$/);
      expect(l.name.length).toBeGreaterThan(0);
    }
    expect(labels.map((l) => l.attributes.map((a) => a.key))).toEqual([['sourceType'], ['polarity'], ['checkable'], []]);
  });

  it('gives a project with a custom labels array exactly those labels, in order, with defaults filled in', async () => {
    const custom = [
      { key: 'loaded_word', name: 'Loaded word', color: '#aa0000', hotkey: 'l' },
      {
        key: 'framing',
        name: 'Framing',
        color: '#00aa00',
        description: 'How the story is framed.',
        attributes: [{ key: 'frame', name: 'Frame', values: [{ value: 'conflict', name: 'Conflict' }] }],
      },
    ];
    const p = await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Custom', labels: custom } });
    expect(p.status).toBe(201);
    const res = await wb.request('GET', `/api/projects/${p.data.project.id}/labels`, { cookie: sup });
    expect(res.data.labels).toHaveLength(2);
    expect(res.data.labels[0]).toMatchObject({ key: 'loaded_word', name: 'Loaded word', color: '#aa0000', hotkey: 'l', description: '', attributes: [] });
    expect(res.data.labels[1]).toMatchObject({
      key: 'framing',
      hotkey: null,
      description: 'How the story is framed.',
      attributes: [{ key: 'frame', name: 'Frame', values: [{ value: 'conflict', name: 'Conflict' }], required: false }],
    });
    expect(res.data.labels.map((l: { key: string }) => l.key)).not.toContain('attribution');
  });

  it('refuses a labels array with duplicate keys (400) and creates no project', async () => {
    const before = await projectCount();
    const res = await wb.request('POST', '/api/projects', {
      cookie: sup,
      json: {
        name: 'Dupes',
        labels: [
          { key: 'bias', name: 'Bias', color: '#111111' },
          { key: 'bias', name: 'Bias again', color: '#222222' },
        ],
      },
    });
    expectFieldError(res, 'labels.1.key');
    expect(res.data.error.message).toContain('bias');
    expect(await projectCount()).toBe(before);
  });

  it('refuses duplicate hotkeys, bad colours, bad keys and an empty scheme', async () => {
    const before = await projectCount();
    const post = (labels: unknown) => wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Bad', labels } });
    expectFieldError(
      await post([
        { key: 'a', name: 'A', color: '#111111', hotkey: '1' },
        { key: 'b', name: 'B', color: '#222222', hotkey: '1' },
      ]),
      'labels.1.hotkey',
    );
    expectFieldError(await post([{ key: 'a', name: 'A', color: 'red' }]), 'labels.0.color');
    expectFieldError(await post([{ key: 'Not A Key', name: 'A', color: '#111111' }]), 'labels.0.key');
    expectFieldError(await post([]), 'labels');
    expect(await projectCount()).toBe(before);
  });
});
