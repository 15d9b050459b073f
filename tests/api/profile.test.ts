import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/** Issue 14: GET /api/projects/:id/profile over the sample story and the demo annotations. */
describe('bias profile API', () => {
  let wb: Workbench;
  let admin: string;
  let path: (q: string) => string;

  beforeAll(async () => {
    wb = await freshWorkbench();
    admin = await wb.admin();
    path = (q) => `/api/projects/${wb.sampleProjectId}/profile?${q}`;
  });

  it('shows the sample story’s five articles side by side, each with figures, words, intervals and alpha', async () => {
    const res = await wb.request('GET', path('by=article&basis=consensus'), { cookie: admin });
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data).toMatchObject({ by: 'article', basis: 'consensus' });
    expect(res.data.groups).toHaveLength(5);
    for (const g of res.data.groups) {
      expect(g.articles).toBe(1);
      expect(g.words).toBeGreaterThan(300);
      expect(g.figures.attributionsPer1000).toBeGreaterThan(0);
      expect(g.ci.attributionsPer1000).toEqual({ low: null, high: null });
      expect(typeof g.alpha).toBe('number');
      expect(g.bases).toEqual({ consensus: 1 });
    }
  });

  it('pools the story as ratios of sums, with a bootstrap interval around the pooled figure', async () => {
    const byArticle = (await wb.request('GET', path('by=article&basis=consensus'), { cookie: admin })).data.groups;
    const story = (await wb.request('GET', path('by=story&basis=consensus'), { cookie: admin })).data.groups;
    expect(story.map((g: { key: string }) => g.key)).toEqual(['Friedenstruppen für die Ukraine']);
    const words = byArticle.reduce((s: number, g: { words: number }) => s + g.words, 0);
    const atts = byArticle.reduce((s: number, g: { counts: { attributions: number } }) => s + g.counts.attributions, 0);
    expect(story[0].words).toBe(words);
    expect(story[0].figures.attributionsPer1000).toBeCloseTo((1000 * atts) / words, 12);
    const ci = story[0].ci.attributionsPer1000;
    expect(ci.low).toBeLessThanOrEqual(story[0].figures.attributionsPer1000);
    expect(ci.high).toBeGreaterThanOrEqual(story[0].figures.attributionsPer1000);
  });

  it('reads one annotator, or gold falling back to consensus where nothing is curated', async () => {
    const anna = (await wb.request('GET', path('by=story&basis=demo-anna'), { cookie: admin })).data;
    expect(anna.groups[0].bases).toEqual({ 'demo-anna': 5 });
    const gold = (await wb.request('GET', path('by=story'), { cookie: admin })).data;
    expect(gold.basis).toBe('gold');
    expect(gold.groups[0].bases).toEqual({ consensus: 5 });
  });

  it('uses gold on a curated article', async () => {
    const id = (await wb.request('GET', `/api/projects/${wb.sampleProjectId}/articles`, { cookie: admin })).data.articles[0].id;
    expect((await wb.request('POST', `/api/articles/${id}/curation/merge`, { cookie: admin, json: {} })).status).toBe(200);
    const done = await wb.request('POST', `/api/articles/${id}/curation/complete`, { cookie: admin, json: { force: true } });
    expect(done.status, JSON.stringify(done.data)).toBe(200);
    const gold = (await wb.request('GET', path('by=story&basis=gold'), { cookie: admin })).data;
    expect(gold.groups[0].bases).toEqual({ gold: 1, consensus: 4 });
  });

  it('refuses a bad grouping or an unknown annotator naming the field, and annotators', async () => {
    const by = await wb.request('GET', path('by=paper'), { cookie: admin });
    expect(by.status).toBe(400);
    expect(by.data.error.message).toContain('by');
    const basis = await wb.request('GET', path('basis=nobody'), { cookie: admin });
    expect(basis.status).toBe(400);
    expect(basis.data.error).toMatchObject({ code: 'invalid_input', details: { issues: [{ path: 'basis' }] } });
    const ann = await wb.userWithSession('ann-profile', 'annotator');
    expect((await wb.request('GET', path('by=story'), { cookie: ann.cookie })).status).toBe(403);
  });

  it('opens the spans behind every figure: as many as the figure counts, each naming its article and whose span it is', async () => {
    const basis = 'gold';
    const groups = (await wb.request('GET', path(`by=outlet&basis=${basis}`), { cookie: admin })).data.groups;
    const spansPath = (q: string) => `/api/projects/${wb.sampleProjectId}/profile/spans?${q}`;
    const behind = async (figure: string) => {
      const res = await wb.request('GET', spansPath(`by=outlet&basis=${basis}&group=${encodeURIComponent(groups[0].key)}&figure=${figure}`), { cookie: admin });
      expect(res.status, JSON.stringify(res.data)).toBe(200);
      return res.data.spans as Array<{ articleId: string; title: string; basis: string; label: string; quote: string; attributes: Record<string, string>; inQuotes: boolean }>;
    };
    const c = groups[0].counts;
    const att = await behind('attributionsPer1000');
    expect(att).toHaveLength(c.attributions);
    expect(att.every((s) => s.label === 'attribution' && s.quote.length > 0 && s.title)).toBe(true);
    expect(new Set(att.map((s) => s.basis))).toEqual(new Set(Object.keys(groups[0].bases)));
    const typed = await behind('anonymousShare');
    expect(typed).toHaveLength(c.typed);
    expect(typed.filter((s) => s.attributes.sourceType === 'anonymous')).toHaveLength(c.anonymous);
    const ev = await behind('evaluativeInQuotesShare');
    expect(ev).toHaveLength(c.evaluative);
    expect(ev.filter((s) => s.inQuotes)).toHaveLength(c.inQuotes);
    expect(await behind('negativePer1000')).toHaveLength(c.negative);
    expect(await behind('unsupportedSentenceShare')).toHaveLength(c.unsupported);

    const bad = await wb.request('GET', spansPath(`by=outlet&group=x&figure=nope`), { cookie: admin });
    expect(bad.status).toBe(400);
    expect(bad.data.error.message).toContain('figure');
    expect((await wb.request('GET', spansPath(`by=outlet&group=x&figure=unsupportedPer1000`), { cookie: admin })).data.spans).toEqual([]);
    const ann = await wb.userWithSession('ann-profile-spans', 'annotator');
    expect((await wb.request('GET', spansPath(`by=outlet&group=x&figure=unsupportedPer1000`), { cookie: ann.cookie })).status).toBe(403);
  });
});
