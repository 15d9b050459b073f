import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/** Issue 10: supervisors own projects; annotators learn nothing of articles and spans not theirs. */
describe('project members and supervisor scoping', () => {
  let wb: Workbench;
  let admin: string;
  let sueP: number;
  let sueArticle: number;
  const people: Record<string, { user: { id: number }; cookie: string }> = {};

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    admin = await wb.admin();
    for (const [name, role] of [['sue', 'supervisor'], ['tom', 'supervisor'], ['ann', 'annotator'], ['bob', 'annotator']] as const)
      people[name] = await wb.userWithSession(name, role);
    const p = await wb.request('POST', '/api/projects', { cookie: people.sue!.cookie, json: { name: "Sue's study" } });
    sueP = p.data.project.id;
    const imp = await wb.request('POST', `/api/projects/${sueP}/articles`, { cookie: people.sue!.cookie, json: { articles: [{ text: 'Der Minister sagte, alles sei gut.' }] } });
    sueArticle = imp.data.articles[0].id;
  });

  it("answers 403 to another supervisor on every route of a project, and lists it only to its creator and admins", async () => {
    const tom = people.tom!.cookie;
    for (const [method, path] of [
      ['GET', `/api/projects/${sueP}`],
      ['GET', `/api/projects/${sueP}/articles`],
      ['GET', `/api/projects/${sueP}/export?format=jsonl`],
      ['GET', `/api/projects/${sueP}/agreement`],
      ['GET', `/api/projects/${sueP}/members`],
      ['GET', `/api/articles/${sueArticle}`],
      ['GET', `/api/articles/${sueArticle}/annotations`],
    ] as const)
      expectError(await wb.request(method, path, { cookie: tom }), 403, 'forbidden');
    expectError(
      await wb.request('POST', `/api/projects/${sueP}/assignments`, { cookie: tom, json: { annotatorIds: [people.ann!.user.id] } }),
      403,
      'forbidden',
    );
    const ids = async (cookie: string) => (await wb.request('GET', '/api/projects', { cookie })).data.projects.map((p: { id: number }) => p.id);
    expect(await ids(tom)).toEqual([]);
    expect(await ids(people.sue!.cookie)).toEqual([sueP]);
    expect(await ids(admin)).toEqual([sueP]);
    expect((await wb.request('GET', `/api/projects/${sueP}/articles`, { cookie: admin })).status).toBe(200);
  });

  it('lets the creator add a supervisor member, who then sees and manages the project until removed', async () => {
    const sue = people.sue!.cookie;
    const tom = people.tom!;
    const add = await wb.request('POST', `/api/projects/${sueP}/members`, { cookie: sue, json: { userId: tom.user.id, role: 'supervisor' } });
    expect(add.status, JSON.stringify(add.data)).toBe(201);
    expect(add.data.member).toMatchObject({ userId: tom.user.id, username: 'tom', role: 'supervisor' });
    const list = await wb.request('GET', `/api/projects/${sueP}/members`, { cookie: tom.cookie });
    expect(list.status).toBe(200);
    expect(list.data.members.map((m: { username: string; role: string }) => [m.username, m.role])).toEqual([
      ['sue', 'creator'],
      ['tom', 'supervisor'],
    ]);
    expect((await wb.request('GET', '/api/projects', { cookie: tom.cookie })).data.projects.map((p: { id: number }) => p.id)).toEqual([sueP]);
    const assign = await wb.request('POST', `/api/projects/${sueP}/assignments`, { cookie: tom.cookie, json: { annotatorIds: [people.ann!.user.id] } });
    expect(assign.status).toBe(201);
    const del = await wb.request('DELETE', `/api/projects/${sueP}/members`, { cookie: sue, json: { userId: tom.user.id } });
    expect(del.status).toBe(204);
    expectError(await wb.request('GET', `/api/projects/${sueP}/articles`, { cookie: tom.cookie }), 403, 'forbidden');
    expectError(await wb.request('DELETE', `/api/projects/${sueP}/members`, { cookie: sue, json: { userId: tom.user.id } }), 404, 'not_found');
    // The assignment Tom made is kept.
    expect((await wb.request('GET', `/api/articles/${sueArticle}`, { cookie: people.ann!.cookie })).status).toBe(200);
  });

  it('refuses members whose account does not fit the role, unknown users, bad bodies and annotators', async () => {
    const sue = people.sue!.cookie;
    const post = (json: unknown, cookie = sue) => wb.request('POST', `/api/projects/${sueP}/members`, { cookie, json });
    expectError(await post({ userId: people.ann!.user.id, role: 'supervisor' }), 400, 'invalid_input', 'role');
    expectError(await post({ userId: people.tom!.user.id, role: 'annotator' }), 400, 'invalid_input', 'role');
    expectError(await post({ userId: 999999, role: 'annotator' }), 400, 'invalid_input', 'userId');
    expectError(await post({ userId: 'x', role: 'annotator' }), 400, 'invalid_input', 'userId');
    expectError(await post({ userId: people.bob!.user.id, role: 'owner' }), 400, 'invalid_input', 'role');
    expectError(await post({ userId: people.bob!.user.id, role: 'annotator' }, people.ann!.cookie), 403, 'forbidden');
    expectError(await wb.request('GET', `/api/projects/${sueP}/members`, { cookie: people.ann!.cookie }), 403, 'forbidden');
    expectError(await wb.request('GET', `/api/projects/999999/members`, { cookie: sue }), 404, 'not_found');
  });

  it('shows a project to an annotator member with no work yet, with no articles', async () => {
    const bob = people.bob!;
    expectError(await wb.request('GET', `/api/projects/${sueP}`, { cookie: bob.cookie }), 403, 'forbidden');
    expect((await wb.request('POST', `/api/projects/${sueP}/members`, { cookie: people.sue!.cookie, json: { userId: bob.user.id, role: 'annotator' } })).status).toBe(201);
    const list = await wb.request('GET', '/api/projects', { cookie: bob.cookie });
    expect(list.data.projects).toEqual([expect.objectContaining({ id: sueP, articleCount: 0 })]);
    expect((await wb.request('GET', `/api/projects/${sueP}/articles`, { cookie: bob.cookie })).data.articles).toEqual([]);
    // Membership is not an assignment: the article stays unknown to him.
    expectError(await wb.request('GET', `/api/articles/${sueArticle}`, { cookie: bob.cookie }), 404, 'not_found');
  });

  it("answers 404 to an annotator for an article, span or link not theirs, as for one that does not exist", async () => {
    const ann = people.ann!.cookie;
    const span = await wb.request('POST', `/api/articles/${sueArticle}/annotations`, { cookie: ann, json: { label: 'attribution', start: 0, end: 17 } });
    const claim = await wb.request('POST', `/api/articles/${sueArticle}/annotations`, { cookie: ann, json: { label: 'unsupported_claim', start: 19, end: 32 } });
    const link = await wb.request('POST', `/api/articles/${sueArticle}/relations`, { cookie: ann, json: { from: span.data.annotation.id, to: claim.data.annotation.id } });
    expect(link.status, JSON.stringify(link.data)).toBe(201);
    const bob = people.bob!.cookie;
    for (const [method, path, json] of [
      ['GET', `/api/articles/${sueArticle}`],
      ['GET', `/api/articles/${sueArticle}/annotations`],
      ['POST', `/api/articles/${sueArticle}/annotations`, { label: 'evaluative', start: 0, end: 3 }],
      ['POST', `/api/articles/${sueArticle}/submit`],
      ['PATCH', `/api/annotations/${span.data.annotation.id}`, { version: 1, end: 10 }],
      ['DELETE', `/api/annotations/${span.data.annotation.id}`],
      ['DELETE', `/api/relations/${link.data.relation.id}`],
    ] as const)
      expectError(await wb.request(method, path, json ? { cookie: bob, json } : { cookie: bob }), 404, 'not_found');
    // A supervisor who manages the project sees the span but may not change it: 403.
    expectError(await wb.request('PATCH', `/api/annotations/${span.data.annotation.id}`, { cookie: people.sue!.cookie, json: { version: 1, end: 10 } }), 403, 'forbidden');
    // Another supervisor learns nothing either way but is told the project is not theirs.
    expectError(await wb.request('DELETE', `/api/annotations/${span.data.annotation.id}`, { cookie: people.tom!.cookie }), 403, 'forbidden');
    const still = await wb.request('GET', `/api/articles/${sueArticle}/annotations`, { cookie: ann });
    expect(still.data.annotations).toHaveLength(2);
    expect(still.data.relations).toHaveLength(1);
  });
});
