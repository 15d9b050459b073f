import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, freshWorkbench, ON_POSTGRES } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/** Issue 10: chosen articles to chosen annotators; who and what may be assigned; unassigned work comes back. */
describe('assigning chosen articles to chosen annotators', () => {
  let wb: Workbench;
  let sup: string;
  let projectId: number;
  let ids: number[];
  let ann: Record<'ada' | 'bo' | 'cy', { user: { id: number }; cookie: string }>;
  const assign = (json: unknown, cookie = sup, project = projectId) => wb.request('POST', `/api/projects/${project}/assignments`, { cookie, json });
  const progress = async () =>
    (await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: sup })).data.articles.map((a: { id: number; progress: Array<{ username: string; status: string; spans: number }> }) => ({
      id: a.id,
      who: a.progress.map((p) => `${p.username}:${p.status}:${p.spans}`),
    }));

  beforeAll(async () => {
    wb = await freshWorkbench(); // the sample project with the demo accounts
    sup = (await wb.userWithSession('sup', 'supervisor')).cookie;
    ann = { ada: await wb.userWithSession('ada'), bo: await wb.userWithSession('bo'), cy: await wb.userWithSession('cy') };
    projectId = (await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Chosen' } })).data.project.id;
    const imp = await wb.request('POST', `/api/projects/${projectId}/articles`, {
      cookie: sup,
      json: { articles: ['Eins ist hier.', 'Zwei ist dort.', 'Drei ist weg.', 'Vier bleibt.'].map((text) => ({ text })) },
    });
    ids = imp.data.articles.map((a: { id: number }) => a.id);
  });

  it('pairs every chosen article with every chosen annotator, and nothing else', async () => {
    const res = await assign({ annotatorIds: [ann.ada.user.id, ann.bo.user.id], articleIds: [ids[0], ids[2]] });
    expect(res.status, JSON.stringify(res.data)).toBe(201);
    expect(res.data.created).toBe(4);
    expect(await progress()).toEqual([
      { id: ids[0], who: ['ada:assigned:0', 'bo:assigned:0'] },
      { id: ids[1], who: [] },
      { id: ids[2], who: ['ada:assigned:0', 'bo:assigned:0'] },
      { id: ids[3], who: [] },
    ]);
    // Again: nothing new, the existing assignments stay.
    expect((await assign({ annotatorIds: [ann.ada.user.id], articleIds: [ids[0], ids[0]] })).data.created).toBe(0);
  });

  it('marks the demo accounts in the account list', async () => {
    const users = (await wb.request('GET', '/api/users', { cookie: sup })).data.users as Array<{ username: string; demo: boolean }>;
    expect(users.filter((u) => u.demo).map((u) => u.username).sort()).toEqual(['demo-anna', 'demo-ben', 'demo-carla']);
    expect(users.find((u) => u.username === 'ada')!.demo).toBe(false);
  });

  it('refuses demo, disabled, non-annotator and unknown accounts with 400 naming annotatorIds', async () => {
    const users = (await wb.request('GET', '/api/users', { cookie: sup })).data.users as Array<{ id: number; username: string }>;
    const demo = users.find((u) => u.username === 'demo-ben')!.id;
    expectError(await assign({ annotatorIds: [ann.cy.user.id, demo], articleIds: [ids[1]] }), 400, 'invalid_input', 'annotatorIds', 'demo-ben', 'demo account');
    expectError(await assign({ annotatorIds: [demo], perArticle: 1 }), 400, 'invalid_input', 'annotatorIds', 'demo-ben');
    const admin = await wb.admin();
    const dis = await wb.userWithSession('dis');
    expect((await wb.request('PATCH', `/api/users/${dis.user.id}`, { cookie: admin, json: { disabled: true } })).status).toBe(200);
    expectError(await assign({ annotatorIds: [dis.user.id], articleIds: [ids[1]] }), 400, 'invalid_input', 'annotatorIds', 'dis is disabled');
    const other = await wb.userWithSession('other-sup', 'supervisor');
    expectError(await assign({ annotatorIds: [other.user.id], articleIds: [ids[1]] }), 400, 'invalid_input', 'annotatorIds', 'not an annotator');
    expectError(await assign({ annotatorIds: [999_999], articleIds: [ids[1]] }), 400, 'invalid_input', 'annotatorIds', '999999');
    // Nothing was written by any refused request: article 2 is still unassigned.
    expect((await progress())[1].who).toEqual([]);
  });

  it('refuses articles of another project and archived ones with 400 naming articleIds; round-robin leaves archived ones out', async () => {
    const foreign = (await wb.request('GET', `/api/projects/${wb.sampleProjectId}/articles`, { cookie: sup })).data.articles[0].id;
    expectError(await assign({ annotatorIds: [ann.cy.user.id], articleIds: [ids[1], foreign] }), 400, 'invalid_input', 'articleIds', String(foreign));
    expect((await wb.request('DELETE', `/api/articles/${ids[3]}`, { cookie: sup })).status).toBe(200);
    expectError(await assign({ annotatorIds: [ann.cy.user.id], articleIds: [ids[3]] }), 400, 'invalid_input', 'articleIds', 'archived');
    const rr = await assign({ annotatorIds: [ann.cy.user.id], perArticle: 1 });
    expect(rr.status).toBe(201);
    expect(rr.data.assignments.map((a: { articleId: number }) => a.articleId)).toEqual([ids[0], ids[1], ids[2]]);
    expect((await wb.request('POST', `/api/articles/${ids[3]}/restore`, { cookie: sup })).status).toBe(200);
  });

  it('lets only supervisors who manage the project assign', async () => {
    expectError(await assign({ annotatorIds: [ann.cy.user.id], articleIds: [ids[3]] }, ann.ada.cookie), 403, 'forbidden');
    const stranger = await wb.userWithSession('stranger', 'supervisor');
    expectError(await assign({ annotatorIds: [ann.cy.user.id], articleIds: [ids[3]] }, stranger.cookie), 403, 'forbidden');
    expectError(await assign({ annotatorIds: [ann.cy.user.id], articleIds: [] }), 400, 'invalid_input', 'articleIds');
  });

  it('brings unassigned work back as it was: spans, and a submission', async () => {
    const span = await wb.request('POST', `/api/articles/${ids[0]}/annotations`, { cookie: ann.ada.cookie, json: { label: 'evaluative', start: 0, end: 4 } });
    expect(span.status).toBe(201);
    await wb.request('POST', `/api/articles/${ids[2]}/annotations`, { cookie: ann.bo.cookie, json: { label: 'evaluative', start: 0, end: 4 } });
    expect((await wb.request('POST', `/api/articles/${ids[2]}/submit`, { cookie: ann.bo.cookie })).status).toBe(200);
    const off = await wb.request('DELETE', `/api/projects/${projectId}/assignments?confirm=true`, {
      cookie: sup,
      json: { annotatorIds: [ann.ada.user.id, ann.bo.user.id], articleIds: [ids[0], ids[2]] },
    });
    expect(off.data.removed).toEqual({ assignments: 4, withWork: 2, spans: 2, submitted: 1 });
    expect((await progress())[0].who).toEqual(['cy:assigned:0']);
    const back = await assign({ annotatorIds: [ann.ada.user.id, ann.bo.user.id], articleIds: [ids[0], ids[2]] });
    expect(back.data.created).toBe(4);
    const [first, , third] = await progress();
    expect(first.who).toEqual(['ada:in_progress:1', 'bo:assigned:0', 'cy:assigned:0']);
    expect(third.who).toEqual(['ada:assigned:0', 'bo:submitted:1', 'cy:assigned:0']);
    expect((await wb.request('GET', `/api/articles/${ids[0]}/annotations`, { cookie: ann.ada.cookie })).data.annotations[0].id).toBe(span.data.annotation.id);
    expect((await wb.request('GET', `/api/articles/${ids[2]}`, { cookie: ann.bo.cookie })).data.article.myStatus).toBe('submitted');
  });

  it('gives a demo account no work through an import either (400 naming annotatorMap.<name>)', async () => {
    const file = JSON.stringify({ id: 'imp-1', text: 'Böse Worte fallen.', spans: [{ start: 0, end: 4, label: 'evaluative', annotator: 'anna' }] });
    const send = (map: object) =>
      wb.request('POST', `/api/projects/${projectId}/import?format=jsonl&annotatorMap=${encodeURIComponent(JSON.stringify(map))}`, {
        cookie: sup,
        body: file,
        headers: { 'content-type': 'application/x-ndjson' },
      });
    const before = (await progress()).length;
    expectError(await send({ anna: 'demo-anna' }), 400, 'invalid_input', 'annotatorMap.anna', 'demo account');
    expect((await progress()).length).toBe(before);
    expect((await send({ anna: 'ada' })).status).toBe(201);
    expect((await progress()).at(-1)!.who).toEqual(['ada:submitted:1']);
  });

  it.skipIf(ON_POSTGRES)('marks demo accounts seeded before the marker existed (SQLite only: migration 0007 reads their audit entries; no PostgreSQL database predates the marker, docs/postgres.md)', () => {
    const sql = readFileSync(new URL('../../migrations/0007_demo_flags.sql', import.meta.url), 'utf8');
    const update = sql.split('--> statement-breakpoint').find((s) => s.includes('UPDATE'))!;
    wb.sqlite.prepare('UPDATE users SET demo = 0').run();
    wb.sqlite.exec(update);
    const marked = wb.sqlite.prepare('SELECT username FROM users WHERE demo = 1 ORDER BY username').all() as Array<{ username: string }>;
    expect(marked.map((u) => u.username)).toEqual(['demo-anna', 'demo-ben', 'demo-carla']);
  });
});
