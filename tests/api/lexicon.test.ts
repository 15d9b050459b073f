import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { suggestionDecisions } from '../../server/src/db/tables.js';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

const A = 'Die Hardliner in Moskau blockieren alles. Der angebliche Plan ist vom Tisch.';
const B = 'Auch in Kiew gibt es Hardliner, und die Regierung hat den Kompromiss torpediert.';
const C = 'Die Hardliner gewinnen.';

/** Issue 14: the project lexicon (supervisors edit it) and the gazetteer learned from one's own spans and from gold, never from another annotator's. */
describe('lexicon and gazetteer suggestions', () => {
  let wb: Workbench;
  let sue: string;
  let ann: { user: { id: number }; cookie: string };
  let bob: { user: { id: number }; cookie: string };
  let projectId: number;
  let ids: number[];

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sue = (await wb.userWithSession('sue-lex', 'supervisor')).cookie;
    ann = await wb.userWithSession('ann-lex');
    bob = await wb.userWithSession('bob-lex');
    projectId = (await wb.request('POST', '/api/projects', { cookie: sue, json: { name: 'Lexicon' } })).data.project.id;
    const res = await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: sue, json: { articles: [{ text: A }, { text: B }, { text: C }] } });
    ids = res.data.articles.map((a: { id: number }) => a.id);
    expect((await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sue, json: { annotatorIds: [ann.user.id, bob.user.id] } })).status).toBe(201);
  });

  const suggestions = async (cookie: string, articleId: number) =>
    (await wb.request('GET', `/api/articles/${articleId}/suggestions`, { cookie })).data.suggestions as Array<{ id: string; quote: string; label: string; suggester: string; attributes: Record<string, string> }>;
  const lexicon = (cookie: string, terms: unknown) => wb.request('PUT', `/api/projects/${projectId}/lexicon`, { cookie, json: { terms } });

  it('lets a supervisor write the lexicon, checked against the scheme; annotators may not', async () => {
    expect((await wb.request('GET', `/api/projects/${projectId}/lexicon`, { cookie: sue })).data).toEqual({ terms: [] });
    const bad = await lexicon(sue, [{ term: 'angeblich', label: 'nope' }]);
    expect(bad.status).toBe(400);
    expect(bad.data.error.details.issues[0].path).toBe('terms.0.label');
    const badValue = await lexicon(sue, [{ term: 'angeblich', label: 'evaluative', attributes: { polarity: 'sehr' } }]);
    expect(badValue.data.error.details.issues[0].path).toBe('terms.0.attributes.polarity');
    const twice = await lexicon(sue, [{ term: 'angeblich', label: 'evaluative' }, { term: 'Angeblich', label: 'evaluative' }]);
    expect(twice.data.error.details.issues[0].path).toBe('terms.1.term');
    expect((await lexicon(sue, [{ term: 'x', label: 'evaluative' }])).data.error.message).toContain('term');
    expect((await lexicon(ann.cookie, [])).status).toBe(403);
    const ok = await lexicon(sue, [
      { term: 'angeblich', label: 'evaluative', attributes: { polarity: 'negative' } },
      { term: 'torpediert', label: 'evaluative', attributes: { polarity: 'negative' } },
    ]);
    expect(ok.status, JSON.stringify(ok.data)).toBe(200);
    expect(ok.data.terms.map((t: { term: string }) => t.term)).toEqual(['angeblich', 'torpediert']);
  });

  it('suggests the lexicon’s terms (inflected too) with their attributes to every assigned annotator', async () => {
    const a = await suggestions(ann.cookie, ids[0]!);
    expect(a.filter((s) => s.suggester === 'lexicon')).toMatchObject([{ quote: 'angebliche', label: 'evaluative', attributes: { polarity: 'negative' } }]);
    expect((await suggestions(bob.cookie, ids[1]!)).filter((s) => s.suggester === 'lexicon').map((s) => s.quote)).toEqual(['torpediert']);
  });

  it('learns a gazetteer from the annotator’s own spans only: ann’s marks never reach bob', async () => {
    const made = await wb.request('POST', `/api/articles/${ids[0]}/annotations`, { cookie: ann.cookie, json: { label: 'evaluative', start: 4, end: 13, attributes: { polarity: 'negative' } } });
    expect(made.status, JSON.stringify(made.data)).toBe(201);
    const forAnn = (await suggestions(ann.cookie, ids[1]!)).filter((s) => s.suggester === 'gazetteer');
    expect(forAnn).toMatchObject([{ quote: 'Hardliner', label: 'evaluative', attributes: { polarity: 'negative' } }]);
    expect((await suggestions(bob.cookie, ids[1]!)).filter((s) => s.suggester === 'gazetteer')).toEqual([]);
    expect((await suggestions(bob.cookie, ids[2]!)).filter((s) => s.suggester === 'gazetteer')).toEqual([]);
  });

  it('learns from the gold of curated articles, but never from the gold of the article itself', async () => {
    const gold = await wb.request('POST', `/api/articles/${ids[1]}/gold`, { cookie: sue, json: { label: 'evaluative', start: 21, end: 30, attributes: { polarity: 'negative' } } });
    expect(gold.status, JSON.stringify(gold.data)).toBe(201);
    expect((await wb.request('POST', `/api/articles/${ids[1]}/curation/complete`, { cookie: sue, json: { force: true } })).status).toBe(200);
    expect((await suggestions(bob.cookie, ids[2]!)).filter((s) => s.suggester === 'gazetteer').map((s) => s.quote)).toEqual(['Hardliner']);
    expect((await suggestions(bob.cookie, ids[1]!)).filter((s) => s.suggester === 'gazetteer')).toEqual([]);
  });

  it('records an accepted suggestion with the span it became, and reports quality per suggester and label', async () => {
    const s = (await suggestions(bob.cookie, ids[2]!)).find((x) => x.suggester === 'gazetteer')!;
    const acc = await wb.request('POST', `/api/articles/${ids[2]}/suggestions/accept`, { cookie: bob.cookie, json: { id: s.id } });
    expect(acc.status).toBe(201);
    const rows = await wb.db.select({ spanId: suggestionDecisions.spanId, suggester: suggestionDecisions.suggester }).from(suggestionDecisions).where(eq(suggestionDecisions.userId, bob.user.id));
    expect(rows).toEqual([{ spanId: acc.data.annotation.id, suggester: 'gazetteer' }]);
    const q = (await wb.request('GET', `/api/projects/${projectId}/suggestion-quality`, { cookie: sue })).data.quality;
    expect(q.map((x: { suggester: string; label: string }) => `${x.suggester}/${x.label}`)).toEqual(['rules-de-attribution/attribution', 'lexicon/evaluative', 'gazetteer/evaluative']);
    expect(q[1]).toMatchObject({ articles: 1, gold: 1, suggested: 1, p: 0, r: 0 });
    expect(q[2]).toMatchObject({ accepted: 1, rejected: 0, p: null });
  });
});
