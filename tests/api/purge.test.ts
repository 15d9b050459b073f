import { and, count, eq, inArray, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { annotations, articles, assignments, auditLog, curationHistory, goldSpans, labels, projectMembers, relations } from '../../server/src/db/tables.js';
import { expectError, freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

const TEXT = 'Der Minister sagte, alles sei gut.';

/** Issue 10: permanent purge only of archived articles and projects, only by admins, confirmed by typing the name. */
describe('purge', () => {
  let wb: Workbench;
  let admin: string;
  let sup: string;
  let projectId: number;
  let keep: number;
  let gone: number;

  /** Rows that hang off these articles, table by table (straight from the database). */
  const rows = async (ids: number[]) => {
    const n = async (table: typeof articles | typeof annotations | typeof goldSpans | typeof curationHistory | typeof assignments, where: SQL) =>
      (await wb.db.select({ n: count() }).from(table).where(where))[0]!.n;
    const [links] = await wb.db.select({ n: count() }).from(relations).innerJoin(annotations, eq(annotations.id, relations.fromId)).where(inArray(annotations.articleId, ids));
    return {
      articles: await n(articles, inArray(articles.id, ids)),
      spans: await n(annotations, inArray(annotations.articleId, ids)),
      links: links!.n,
      gold: await n(goldSpans, inArray(goldSpans.articleId, ids)),
      curation: await n(curationHistory, inArray(curationHistory.articleId, ids)),
      assignments: await n(assignments, inArray(assignments.articleId, ids)),
    };
  };
  const audits = (entity: string, id: number) =>
    wb.db
      .select({ action: auditLog.action, data: auditLog.data })
      .from(auditLog)
      .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(id)), eq(auditLog.action, 'purge')));

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    admin = await wb.admin();
    sup = (await wb.userWithSession('sup', 'supervisor')).cookie;
    const people = [await wb.userWithSession('ann'), await wb.userWithSession('ben')];
    projectId = (await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Löschprojekt' } })).data.project.id;
    const imp = await wb.request('POST', `/api/projects/${projectId}/articles`, {
      cookie: sup,
      json: { articles: [{ title: 'Bleibt', text: 'Ein Text, der bleibt.' }, { title: 'Weg damit', text: TEXT }] },
    });
    [keep, gone] = imp.data.articles.map((a: { id: number }) => a.id);
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sup, json: { annotatorIds: people.map((p) => p.user.id) } });
    for (const who of people) {
      const span = async (label: string, start: number, end: number) =>
        (await wb.request('POST', `/api/articles/${gone}/annotations`, { cookie: who.cookie, json: { label, start, end } })).data.annotation.id;
      const source = await span('attribution', 4, 18);
      const said = await span('statement', 20, 33);
      expect((await wb.request('POST', `/api/articles/${gone}/relations`, { cookie: who.cookie, json: { from: source, to: said, type: 'attributes' } })).status).toBe(201);
      expect((await wb.request('POST', `/api/articles/${gone}/submit`, { cookie: who.cookie })).status).toBe(200);
    }
    const merged = await wb.request('POST', `/api/articles/${gone}/curation/merge`, { cookie: sup, json: {} });
    expect(merged.data.merged, JSON.stringify(merged.data)).toBe(2);
  });

  const purge = (kind: 'articles' | 'projects', id: number, cookie: string, json: unknown) => wb.request('POST', `/api/${kind}/${id}/purge`, { cookie, json });

  it('refuses an article that is not archived (409), a supervisor (403), a wrong or missing name (400 naming confirmName)', async () => {
    expectError(await purge('articles', gone, admin, { confirmName: 'Weg damit' }), 409, 'conflict');
    expect((await wb.request('DELETE', `/api/articles/${gone}`, { cookie: sup })).status).toBe(200);
    expectError(await purge('articles', gone, sup, { confirmName: 'Weg damit' }), 403, 'forbidden');
    const wrong = await purge('articles', gone, admin, { confirmName: 'weg damit' });
    expectError(wrong, 400, 'invalid_input');
    expect(wrong.data.error.details.issues[0].path).toBe('confirmName');
    const missing = await purge('articles', gone, admin, {});
    expectError(missing, 400, 'invalid_input');
    expect(missing.data.error.message).toContain('confirmName');
    expectError(await purge('articles', 999999, admin, { confirmName: 'x' }), 404, 'not_found');
    expect(await rows([gone])).toEqual({ articles: 1, spans: 4, links: 2, gold: 2, curation: 1, assignments: 2 });
  });

  it('deletes an archived article and everything that hangs off it, keeps the rest, and records an audit entry', async () => {
    const before = await rows([keep]);
    const res = await purge('articles', gone, admin, { confirmName: 'Weg damit' });
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data.purged).toEqual({ kind: 'article', id: gone, name: 'Weg damit', deleted: { articles: 1, spans: 4, links: 2, goldSpans: 2, assignments: 2 } });
    expect(await rows([gone])).toEqual({ articles: 0, spans: 0, links: 0, gold: 0, curation: 0, assignments: 0 });
    expect(await rows([keep])).toEqual(before);
    expectError(await wb.request('GET', `/api/articles/${gone}`, { cookie: admin }), 404, 'not_found');
    expect((await wb.request('GET', `/api/projects/${projectId}/archived-articles`, { cookie: sup })).data.articles).toEqual([]);
    const entries = await audits('article', gone);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.data).toMatchObject({ title: 'Weg damit', deleted: { spans: 4 } });
  });

  it('lists archived projects for those who manage them, and purges one only when archived and named', async () => {
    const other = (await wb.userWithSession('other', 'supervisor')).cookie;
    expectError(await purge('projects', projectId, admin, { confirmName: 'Löschprojekt' }), 409, 'conflict');
    expect((await wb.request('DELETE', `/api/projects/${projectId}`, { cookie: sup })).status).toBe(200);
    const listed = await wb.request('GET', '/api/projects?archived=true', { cookie: sup });
    expect(listed.data.projects).toEqual([expect.objectContaining({ id: projectId, name: 'Löschprojekt', articleCount: 1, spans: 0 })]);
    expect((await wb.request('GET', '/api/projects?archived=true', { cookie: other })).data.projects).toEqual([]);
    expect((await wb.request('GET', `/api/projects/${projectId}`, { cookie: sup })).data.project).toMatchObject({ id: projectId, archivedAt: expect.any(String) });
    expectError(await wb.request('GET', '/api/projects?archived=yes', { cookie: sup }), 400, 'invalid_input');

    expectError(await purge('projects', projectId, sup, { confirmName: 'Löschprojekt' }), 403, 'forbidden');
    const wrong = await purge('projects', projectId, admin, { confirmName: 'Löschprojekt ' });
    expectError(wrong, 400, 'invalid_input');
    expect(wrong.data.error.details.issues[0].path).toBe('confirmName');
    const res = await purge('projects', projectId, admin, { confirmName: 'Löschprojekt' });
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data.purged).toMatchObject({ kind: 'project', id: projectId, deleted: { articles: 1, assignments: 2 } });
    expect(await rows([keep])).toEqual({ articles: 0, spans: 0, links: 0, gold: 0, curation: 0, assignments: 0 });
    const left = async (table: typeof labels | typeof projectMembers | typeof articles) => (await wb.db.select({ n: count() }).from(table).where(eq(table.projectId, projectId)))[0]!.n;
    expect([await left(labels), await left(projectMembers), await left(articles)]).toEqual([0, 0, 0]);
    expectError(await wb.request('GET', `/api/projects/${projectId}`, { cookie: admin }), 404, 'not_found');
    expect((await wb.request('GET', '/api/projects?archived=true', { cookie: admin })).data.projects).toEqual([]);
    expect(await audits('project', projectId)).toHaveLength(1);
  });
});
