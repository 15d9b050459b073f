import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/** Issue 14: outlet and story on every article, edited by supervisors, imported from JSONL `meta.story`. */
describe('article source and story', () => {
  let wb: Workbench;
  let admin: string;

  beforeAll(async () => {
    wb = await freshWorkbench({ demo: false });
    admin = await wb.admin();
  });

  it('groups the five sample articles as one story', async () => {
    const res = await wb.request('GET', `/api/projects/${wb.sampleProjectId}/articles`, { cookie: admin });
    expect(res.data.articles).toHaveLength(5);
    expect(new Set(res.data.articles.map((a: { story: string }) => a.story))).toEqual(new Set(['Friedenstruppen für die Ukraine']));
  });

  it('lets a supervisor edit source, story and title, clears with null, and refuses others by field', async () => {
    const id = (await wb.request('GET', `/api/projects/${wb.sampleProjectId}/articles`, { cookie: admin })).data.articles[0].id;
    const patch = (json: unknown, cookie = admin) => wb.request('PATCH', `/api/articles/${id}`, { cookie, json });
    const ok = await patch({ source: 'Welt am Sonntag', story: 'China', title: 'Neu' });
    expect(ok.status, JSON.stringify(ok.data)).toBe(200);
    expect(ok.data.article).toMatchObject({ source: 'Welt am Sonntag', story: 'China', title: 'Neu' });
    expect((await patch({ story: null })).data.article.story).toBeNull();
    const bad = await patch({ title: '   ' });
    expect(bad.status).toBe(400);
    expect(bad.data.error.message).toContain('title');
    const none = await patch({});
    expect(none.status).toBe(400);
    expect(none.data.error.code).toBe('invalid_input');
    const extra = await patch({ text: 'x' });
    expect(extra.status).toBe(400);
    const ann = await wb.userWithSession('ann-meta', 'annotator');
    expect((await patch({ story: 'x' }, ann.cookie)).status).toBe(404);
  });

  it('imports meta.story from JSONL and exports it back', async () => {
    const projectId = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Stories' } })).data.project.id;
    const line = JSON.stringify({ id: 'x1', text: 'Der Minister sagte, alles sei gut.', meta: { title: 'T', source: 'taz', story: 'Gipfel' }, spans: [] });
    const res = await wb.app.request(`/api/projects/${projectId}/import?format=jsonl`, {
      method: 'POST',
      headers: { cookie: admin, origin: 'http://localhost', 'content-type': 'application/x-ndjson' },
      body: line + '\n',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const list = await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie: admin });
    expect(list.data.articles[0]).toMatchObject({ source: 'taz', story: 'Gipfel' });
    const exp = await wb.request('GET', `/api/projects/${projectId}/export?format=jsonl`, { cookie: admin });
    const first = typeof exp.data === 'string' ? JSON.parse(exp.data.split('\n')[0]!) : exp.data;
    expect(first.meta).toMatchObject({ source: 'taz', story: 'Gipfel' });
  });
});
