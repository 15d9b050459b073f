import { beforeAll, describe, expect, it } from 'vitest';
import { suggestAttributions, suggestionQuality } from '@mbw/shared';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

const TEXT = '„Das geht nicht“, sagte Macron. Brüsseler Quellen zufolge gibt es Streit. Laut Bloomberg ist das falsch.';

/** Issue 14: suggestions for the assigned annotator only, blind to other annotators, accept/reject, a project switch. */
describe('suggestions API', () => {
  let wb: Workbench;
  let sue: string;
  let ann: { user: { id: number }; cookie: string };
  let bob: { user: { id: number }; cookie: string };
  let projectId: number;
  let articleId: number;

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sue = (await wb.userWithSession('sue-sugg', 'supervisor')).cookie;
    ann = await wb.userWithSession('ann-sugg');
    bob = await wb.userWithSession('bob-sugg');
    projectId = (await wb.request('POST', '/api/projects', { cookie: sue, json: { name: 'Suggestions' } })).data.project.id;
    articleId = (await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: sue, json: { articles: [{ text: TEXT }] } })).data.articles[0].id;
    expect((await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sue, json: { annotatorIds: [ann.user.id, bob.user.id] } })).status).toBe(201);
  });

  const get = (cookie: string) => wb.request('GET', `/api/articles/${articleId}/suggestions`, { cookie });
  const quotes = (res: { data: { suggestions: Array<{ quote: string }> } }) => res.data.suggestions.map((s) => s.quote);

  it('suggests the attributions of the text, with a guessed sourceType', async () => {
    const res = await get(ann.cookie);
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data.enabled).toBe(true);
    expect(quotes(res)).toEqual(['sagte Macron', 'Brüsseler Quellen zufolge', 'Laut Bloomberg']);
    expect(res.data.suggestions[1]).toMatchObject({ label: 'attribution', attributes: { sourceType: 'anonymous' }, suggester: 'rules-de-attribution' });
    expect(typeof res.data.suggestions[1].score).toBe('number');
  });

  it('accepts one as a normal span and rejects another; neither comes back, and the other annotator’s are untouched (blind)', async () => {
    const [first, second] = (await get(ann.cookie)).data.suggestions;
    const acc = await wb.request('POST', `/api/articles/${articleId}/suggestions/accept`, { cookie: ann.cookie, json: { id: first.id } });
    expect(acc.status, JSON.stringify(acc.data)).toBe(201);
    expect(acc.data.annotation).toMatchObject({ label: 'attribution', start: first.start, end: first.end, quote: 'sagte Macron' });
    expect((await wb.request('POST', `/api/articles/${articleId}/suggestions/reject`, { cookie: ann.cookie, json: { id: second.id } })).status).toBe(200);
    // ann also marks the third by hand: it is not suggested to ann any more
    const third = (await get(ann.cookie)).data.suggestions[0];
    await wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie, json: { label: 'attribution', start: third.start, end: third.end + 4 } });
    expect(quotes(await get(ann.cookie))).toEqual([]);
    // bob sees exactly what he saw before: nothing of ann's work reaches him
    expect(quotes(await get(bob.cookie))).toEqual(['sagte Macron', 'Brüsseler Quellen zufolge', 'Laut Bloomberg']);
    const spans = await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: bob.cookie });
    expect(spans.data.annotations).toEqual([]);
  });

  it('refuses a decided or unknown suggestion naming the field, and anyone not assigned', async () => {
    const bad = await wb.request('POST', `/api/articles/${articleId}/suggestions/accept`, { cookie: ann.cookie, json: { id: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.data.error.details.issues[0].path).toBe('id');
    const missing = await wb.request('POST', `/api/articles/${articleId}/suggestions/reject`, { cookie: ann.cookie, json: {} });
    expect(missing.status).toBe(400);
    expect(missing.data.error.message).toContain('id');
    expect((await get(sue)).status).toBe(403);
  });

  it('is turned off and on by a supervisor of the project', async () => {
    const off = await wb.request('PATCH', `/api/projects/${projectId}/suggestions`, { cookie: sue, json: { enabled: false } });
    expect(off.status).toBe(200);
    expect((await get(bob.cookie)).data).toEqual({ enabled: false, suggestions: [] });
    expect((await wb.request('PATCH', `/api/projects/${projectId}/suggestions`, { cookie: bob.cookie, json: { enabled: true } })).status).toBe(403);
    const bad = await wb.request('PATCH', `/api/projects/${projectId}/suggestions`, { cookie: sue, json: { enabled: 'yes' } });
    expect(bad.data.error.message).toContain('enabled');
    await wb.request('PATCH', `/api/projects/${projectId}/suggestions`, { cookie: sue, json: { enabled: true } });
    expect((await get(bob.cookie)).data.suggestions).toHaveLength(3);
  });
});

describe('suggestion quality API', () => {
  it('scores the suggester against the gold of curated articles (the pure figure) and counts decisions', async () => {
    const wb = await freshWorkbench();
    const admin = await wb.admin();
    const p = wb.sampleProjectId!;
    const ids: number[] = (await wb.request('GET', `/api/projects/${p}/articles`, { cookie: admin })).data.articles.map((a: { id: number }) => a.id);
    const empty = await wb.request('GET', `/api/projects/${p}/suggestion-quality`, { cookie: admin });
    expect(empty.data.quality[0]).toMatchObject({ suggester: 'rules-de-attribution', label: 'attribution', p: null, r: null, articles: 0, accepted: 0, rejected: 0 });
    for (const id of ids.slice(0, 2)) {
      await wb.request('POST', `/api/articles/${id}/curation/merge`, { cookie: admin, json: {} });
      expect((await wb.request('POST', `/api/articles/${id}/curation/complete`, { cookie: admin, json: { force: true } })).status).toBe(200);
    }
    const scored = [];
    for (const id of ids.slice(0, 2)) {
      const text = (await wb.request('GET', `/api/articles/${id}`, { cookie: admin })).data.article.text;
      const gold = (await wb.request('GET', `/api/articles/${id}/gold`, { cookie: admin })).data;
      const spans = (gold.gold ?? gold.spans) as Array<{ label: string; start: number; end: number }>;
      scored.push({ predicted: suggestAttributions(text), gold: spans.map((g) => ({ label: g.label, start: g.start, end: g.end })) });
    }
    const res = await wb.request('GET', `/api/projects/${p}/suggestion-quality`, { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.data.quality[0]).toMatchObject({ ...suggestionQuality(scored, 'attribution'), articles: 2 });
    expect(res.data.quality[0].p).toBeGreaterThan(0.5);
    const ann = await wb.userWithSession('ann-quality', 'annotator');
    await wb.request('POST', `/api/projects/${p}/assignments`, { cookie: admin, json: { annotatorIds: [ann.user.id], articleIds: [ids[4]] } });
    const all: Array<{ id: string; suggester: string }> = (await wb.request('GET', `/api/articles/${ids[4]}/suggestions`, { cookie: ann.cookie })).data.suggestions;
    const s = all.filter((x) => x.suggester === 'rules-de-attribution');
    await wb.request('POST', `/api/articles/${ids[4]}/suggestions/accept`, { cookie: ann.cookie, json: { id: s[0]!.id } });
    await wb.request('POST', `/api/articles/${ids[4]}/suggestions/reject`, { cookie: ann.cookie, json: { id: s[1]!.id } });
    await wb.request('POST', `/api/articles/${ids[4]}/suggestions/reject`, { cookie: ann.cookie, json: { id: s[2]!.id } });
    expect((await wb.request('GET', `/api/projects/${p}/suggestion-quality`, { cookie: admin })).data.quality[0]).toMatchObject({ accepted: 1, rejected: 2 });
    expect((await wb.request('GET', `/api/projects/${p}/suggestion-quality`, { cookie: ann.cookie })).status).toBe(403);
  });
});
