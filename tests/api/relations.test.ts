import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

describe('links between spans (attribution → statement)', () => {
  let wb: Awaited<ReturnType<typeof freshWorkbench>>;
  let anna: { cookie: string; user: { id: number } };
  let ben: { cookie: string; user: { id: number } };
  let articleId: number;
  let otherArticle: number;
  const spans: Record<string, string> = {};

  beforeAll(async () => {
    wb = await freshWorkbench();
    const admin = await wb.admin();
    anna = await wb.userWithSession('anna');
    ben = await wb.userWithSession('ben');
    const list = await wb.request('GET', `/api/projects/${wb.sampleProjectId}/articles`, { cookie: admin });
    [articleId, otherArticle] = list.data.articles.map((a: { id: number }) => a.id);
    await wb.request('POST', `/api/projects/${wb.sampleProjectId}/assignments`, {
      cookie: admin,
      json: { annotatorIds: [anna.user.id, ben.user.id], articleIds: [articleId, otherArticle] },
    });
    const post = async (cookie: string, article: number, label: string, start: number, end: number) =>
      (await wb.request('POST', `/api/articles/${article}/annotations`, { cookie, json: { label, start, end } })).data.annotation.id as string;
    spans.source = await post(anna.cookie, articleId, 'attribution', 0, 10);
    spans.statement = await post(anna.cookie, articleId, 'unsupported_claim', 20, 40);
    spans.elsewhere = await post(anna.cookie, otherArticle, 'unsupported_claim', 0, 5);
    spans.bens = await post(ben.cookie, articleId, 'unsupported_claim', 20, 40);
  });

  const link = (cookie: string, from: string, to: string, article = articleId) =>
    wb.request('POST', `/api/articles/${article}/relations`, { cookie, json: { from, to, type: 'attributes' } });
  const relationsOf = async (cookie: string) =>
    (await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie })).data.relations;

  it('links two of my spans once, lists the link with my spans, and unlinks', async () => {
    const first = await link(anna.cookie, spans.source!, spans.statement!);
    expect(first.status).toBe(201);
    expect(first.data.relation).toMatchObject({ from: spans.source, to: spans.statement, type: 'attributes', annotator: 'anna' });
    const again = await link(anna.cookie, spans.source!, spans.statement!);
    expect(again.status).toBe(200);
    expect(again.data.relation.id).toBe(first.data.relation.id);
    expect(await relationsOf(anna.cookie)).toEqual([first.data.relation]);
    expect(await relationsOf(ben.cookie)).toEqual([]); // blind: ben sees neither anna's spans nor links

    expect((await wb.request('DELETE', `/api/relations/${first.data.relation.id}`, { cookie: ben.cookie })).status).toBe(404); // not his: unknown to him
    expect((await wb.request('DELETE', `/api/relations/${first.data.relation.id}`, { cookie: anna.cookie })).status).toBe(204);
    expect(await relationsOf(anna.cookie)).toEqual([]);
  });

  it('refuses links to oneself, to another annotator’s span, across articles, and of unknown type', async () => {
    expect((await link(anna.cookie, spans.source!, spans.source!)).data.error.message).toContain('to');
    expect((await link(anna.cookie, spans.source!, spans.bens!)).status).toBe(404); // ben's span is unknown to anna
    expect((await link(anna.cookie, spans.source!, spans.elsewhere!)).status).toBe(400);
    const bad = await wb.request('POST', `/api/articles/${articleId}/relations`, {
      cookie: anna.cookie,
      json: { from: spans.source, to: spans.statement, type: 'likes' },
    });
    expect(bad.status).toBe(400);
    expect(bad.data.error.message).toContain('type');
  });

  it('drops a link when either span is deleted', async () => {
    const r = await link(anna.cookie, spans.source!, spans.statement!);
    expect(r.status).toBe(201);
    expect((await wb.request('DELETE', `/api/annotations/${spans.statement}`, { cookie: anna.cookie })).status).toBe(204);
    expect(await relationsOf(anna.cookie)).toEqual([]);
  });
});
