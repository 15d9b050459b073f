import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/** Issue 10: chosen articles to chosen annotators, and unassigning without losing work. */
describe('assign and unassign', () => {
  let wb: Workbench;
  let sup: string;
  let projectId: number;
  let a1: number;
  let a2: number;
  let ann1: { user: { id: number }; cookie: string };
  let ann2: { user: { id: number }; cookie: string };
  const unassign = (json: unknown, confirm = false, cookie = sup) =>
    wb.request('DELETE', `/api/projects/${projectId}/assignments${confirm ? '?confirm=true' : ''}`, { cookie, json });
  const sees = async (who: { cookie: string }, id: number) => (await wb.request('GET', `/api/articles/${id}`, { cookie: who.cookie })).status;

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sup = (await wb.userWithSession('sup', 'supervisor')).cookie;
    ann1 = await wb.userWithSession('ann1');
    ann2 = await wb.userWithSession('ann2');
    projectId = (await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Assign' } })).data.project.id;
    const imp = await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: sup, json: { articles: [{ text: 'Erster Artikel hier.' }, { text: 'Zweiter Artikel dort.' }, { text: 'Dritter.' }] } });
    [a1, a2] = imp.data.articles.map((a: { id: number }) => a.id);
    // Chosen articles to chosen annotators (not round-robin): the third article stays unassigned.
    const res = await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sup, json: { annotatorIds: [ann1.user.id, ann2.user.id], articleIds: [a1, a2] } });
    expect(res.data.created).toBe(4);
    expect((await wb.request('POST', `/api/articles/${a1}/annotations`, { cookie: ann1.cookie, json: { label: 'evaluative', start: 0, end: 6 } })).status).toBe(201);
  });

  it('unassigns at once where no work exists', async () => {
    const res = await unassign({ annotatorIds: [ann2.user.id], articleIds: [a1, a2] });
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data.removed).toEqual({ assignments: 2, withWork: 0, spans: 0, submitted: 0 });
    expect(await sees(ann2, a1)).toBe(404);
    expect((await wb.request('GET', '/api/projects', { cookie: ann2.cookie })).data.projects).toEqual([]);
  });

  it('refuses with 409 and the counts when work exists; confirmed, unassigns and keeps the work, which a new assignment brings back', async () => {
    const refused = await unassign({ annotatorIds: [ann1.user.id], articleIds: [a1, a2] });
    expectError(refused, 409, 'conflict');
    expect(refused.data.error.details).toEqual({ assignments: 2, withWork: 1, spans: 1, submitted: 0 });
    expect(await sees(ann1, a1)).toBe(200);
    const done = await unassign({ annotatorIds: [ann1.user.id], articleIds: [a1] }, true);
    expect(done.status).toBe(200);
    expect(done.data.removed).toMatchObject({ assignments: 1, withWork: 1, spans: 1 });
    expect(await sees(ann1, a1)).toBe(404);
    expect(await sees(ann1, a2)).toBe(200);
    const kept = await wb.request('GET', `/api/articles/${a1}/annotations?annotator=ann1`, { cookie: sup });
    expect(kept.data.annotations).toHaveLength(1);
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sup, json: { annotatorIds: [ann1.user.id], articleIds: [a1] } });
    expect((await wb.request('GET', `/api/articles/${a1}/annotations`, { cookie: ann1.cookie })).data.annotations).toHaveLength(1);
  });

  it('refuses bad bodies, articles of another project, annotators and other supervisors', async () => {
    expectError(await unassign({ annotatorIds: [], articleIds: [a1] }), 400, 'invalid_input', 'annotatorIds');
    expectError(await unassign({ annotatorIds: [ann1.user.id] }), 400, 'invalid_input', 'articleIds');
    expectError(await unassign({ annotatorIds: [ann1.user.id], articleIds: [999999] }), 400, 'invalid_input', 'articleIds');
    expectError(await unassign({ annotatorIds: [ann1.user.id], articleIds: [a1] }, false, ann1.cookie), 403, 'forbidden');
    const other = await wb.userWithSession('other', 'supervisor');
    expectError(await unassign({ annotatorIds: [ann1.user.id], articleIds: [a1] }, true, other.cookie), 403, 'forbidden');
    expectError(await wb.request('DELETE', `/api/projects/${projectId}/assignments?confirm=yes`, { cookie: sup, json: { annotatorIds: [ann1.user.id], articleIds: [a1] } }), 400, 'invalid_input', 'confirm');
    expect(await sees(ann1, a1)).toBe(200);
  });
});
