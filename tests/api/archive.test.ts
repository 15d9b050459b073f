import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/** Issue 10: archived articles and projects are hidden and not counted, and restorable by a supervisor. */
describe('archive and restore', () => {
  let wb: Workbench;
  let sup: string;
  let projectId: number;
  let a1: number;
  let a2: number;
  let ann: { user: { id: number }; cookie: string };

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sup = (await wb.userWithSession('sup', 'supervisor')).cookie;
    ann = await wb.userWithSession('ann');
    const ben = await wb.userWithSession('ben');
    projectId = (await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Archiv' } })).data.project.id;
    const imp = await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: sup, json: { articles: [{ text: 'Der Minister sagte, alles sei gut.' }, { text: 'Ein zweiter Text folgt.' }] } });
    [a1, a2] = imp.data.articles.map((a: { id: number }) => a.id);
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sup, json: { annotatorIds: [ann.user.id, ben.user.id] } });
    for (const who of [ann, ben])
      for (const id of [a1, a2]) {
        expect((await wb.request('POST', `/api/articles/${id}/annotations`, { cookie: who.cookie, json: { label: 'evaluative', start: 0, end: 3 } })).status).toBe(201);
        expect((await wb.request('POST', `/api/articles/${id}/submit`, { cookie: who.cookie })).status).toBe(200);
      }
  });

  const listed = async (cookie: string) => (await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie })).data.articles.map((a: { id: number }) => a.id);
  const agreementArticles = async () => (await wb.request('GET', `/api/projects/${projectId}/agreement`, { cookie: sup })).data.report.counts.articles;
  const exported = async () => (await wb.request('GET', `/api/projects/${projectId}/export/manifest?format=jsonl`, { cookie: sup })).data.manifest;

  it('archives an article: gone from lists, counts, agreement and exports, 404 to its annotators; restore brings it all back', async () => {
    expect(await agreementArticles()).toBe(2);
    const before = await exported();
    const res = await wb.request('DELETE', `/api/articles/${a1}`, { cookie: sup });
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data.article).toMatchObject({ id: a1, archived: true, spans: 2 });
    expect(await listed(sup)).toEqual([a2]);
    expect(await listed(ann.cookie)).toEqual([a2]);
    expect((await wb.request('GET', '/api/projects', { cookie: sup })).data.projects[0].articleCount).toBe(1);
    expect(await agreementArticles()).toBe(1);
    expect(JSON.stringify(await exported())).not.toEqual(JSON.stringify(before));
    expectError(await wb.request('GET', `/api/articles/${a1}`, { cookie: ann.cookie }), 404, 'not_found');
    expectError(await wb.request('GET', `/api/articles/${a1}/annotations`, { cookie: ann.cookie }), 404, 'not_found');
    // The supervisor still reaches it, and finds it among the archived articles.
    expect((await wb.request('GET', `/api/articles/${a1}`, { cookie: sup })).status).toBe(200);
    const archived = await wb.request('GET', `/api/projects/${projectId}/archived-articles`, { cookie: sup });
    expect(archived.data.articles).toEqual([expect.objectContaining({ id: a1, spans: 2 })]);
    expectError(await wb.request('DELETE', `/api/articles/${a1}`, { cookie: sup }), 409, 'conflict');

    const back = await wb.request('POST', `/api/articles/${a1}/restore`, { cookie: sup });
    expect(back.data.article).toMatchObject({ id: a1, archived: false, spans: 2 });
    expect(await listed(ann.cookie)).toEqual([a1, a2]);
    expect(await agreementArticles()).toBe(2);
    expect(await exported()).toEqual(before);
    expectError(await wb.request('POST', `/api/articles/${a1}/restore`, { cookie: sup }), 409, 'conflict');
  });

  it('archives a project: gone from every list, 404 to its annotators, restorable by its supervisor', async () => {
    const res = await wb.request('DELETE', `/api/projects/${projectId}`, { cookie: sup });
    expect(res.data.project).toMatchObject({ id: projectId, archived: true, spans: 4 });
    expect((await wb.request('GET', '/api/projects', { cookie: sup })).data.projects).toEqual([]);
    expect((await wb.request('GET', '/api/projects', { cookie: ann.cookie })).data.projects).toEqual([]);
    expectError(await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: ann.cookie }), 404, 'not_found');
    expectError(await wb.request('GET', `/api/articles/${a1}`, { cookie: ann.cookie }), 404, 'not_found');
    expect((await wb.request('POST', `/api/projects/${projectId}/restore`, { cookie: sup })).status).toBe(200);
    expect((await wb.request('GET', '/api/projects', { cookie: ann.cookie })).data.projects.map((p: { id: number }) => p.id)).toEqual([projectId]);
  });

  it('lets no annotator or other supervisor archive, and answers 404 for unknown ids', async () => {
    expectError(await wb.request('DELETE', `/api/articles/${a1}`, { cookie: ann.cookie }), 403, 'forbidden');
    expectError(await wb.request('DELETE', `/api/projects/${projectId}`, { cookie: ann.cookie }), 403, 'forbidden');
    const other = (await wb.userWithSession('other', 'supervisor')).cookie;
    expectError(await wb.request('DELETE', `/api/articles/${a1}`, { cookie: other }), 403, 'forbidden');
    expectError(await wb.request('POST', `/api/projects/${projectId}/restore`, { cookie: other }), 403, 'forbidden');
    expectError(await wb.request('DELETE', '/api/articles/999999', { cookie: sup }), 404, 'not_found');
    expectError(await wb.request('DELETE', '/api/articles/abc', { cookie: sup }), 400, 'invalid_input');
    expect(await listed(sup)).toEqual([a1, a2]);
  });
});
