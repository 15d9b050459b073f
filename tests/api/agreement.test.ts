import { beforeAll, describe, expect, it } from 'vitest';
import { agreementReport, type AgreementArticleInput } from '@mbw/shared';
import { freshWorkbench } from './harness.js';

type Session = { cookie: string; user: { id: number; username: string } };

describe('GET /api/projects/:id/agreement', () => {
  let wb: Awaited<ReturnType<typeof freshWorkbench>>;
  let admin: string;
  let people: Session[];
  let drafter: Session;
  let articles: Array<{ id: number; title: string; text: string }>;
  // [annotator index, article index, label, start, end]
  const marks: Array<[number, number, string, number, number]> = [
    [0, 0, 'attribution', 0, 20], [1, 0, 'attribution', 0, 20], [2, 0, 'attribution', 5, 25],
    [0, 0, 'evaluative', 40, 52], [1, 0, 'evaluative', 44, 52],
    [0, 1, 'unsupported_claim', 10, 90], [1, 1, 'unsupported_claim', 10, 90], [2, 1, 'unsupported_claim', 30, 120],
    [2, 1, 'evaluative', 200, 215],
  ];

  beforeAll(async () => {
    // Without the sample project's demo annotations: the figures are checked on this test's spans alone.
    wb = await freshWorkbench({ demo: false });
    admin = await wb.admin();
    people = await Promise.all(['anna', 'ben', 'carla'].map((n) => wb.userWithSession(n)));
    drafter = await wb.userWithSession('dora');
    const list = await wb.request('GET', `/api/projects/${wb.sampleProjectId}/articles`, { cookie: admin });
    const ids: number[] = list.data.articles.slice(0, 2).map((a: { id: number }) => a.id);
    articles = await Promise.all(ids.map(async (id) => (await wb.request('GET', `/api/articles/${id}`, { cookie: admin })).data.article));
    await wb.request('POST', `/api/projects/${wb.sampleProjectId}/assignments`, {
      cookie: admin,
      json: { annotatorIds: [...people, drafter].map((p) => p.user.id), articleIds: ids },
    });
    for (const [who, art, label, start, end] of marks) {
      const r = await wb.request('POST', `/api/articles/${articles[art]!.id}/annotations`, { cookie: people[who]!.cookie, json: { label, start, end } });
      expect(r.status).toBe(201);
    }
    // Dora's draft must not count unless drafts are asked for.
    await wb.request('POST', `/api/articles/${articles[0]!.id}/annotations`, { cookie: drafter.cookie, json: { label: 'evaluative', start: 300, end: 320 } });
    for (const p of people) for (const a of articles) expect((await wb.request('POST', `/api/articles/${a.id}/submit`, { cookie: p.cookie })).status).toBe(200);
  });

  const expected = (withDrafts: boolean) => {
    const who = withDrafts ? [...people, drafter] : people;
    const input: AgreementArticleInput[] = articles.map((a, i) => ({
      id: a.id,
      title: a.title,
      text: a.text,
      annotators: who.map((p) => p.user.username).sort(),
      spans: [
        ...marks.filter((m) => m[1] === i).map(([w, , label, start, end]) => ({ start, end, label, annotator: people[w]!.user.username })),
        ...(withDrafts && i === 0 ? [{ start: 300, end: 320, label: 'evaluative', annotator: 'dora' }] : []),
      ],
    }));
    return agreementReport({ labels: ['attribution', 'evaluative', 'unsupported_claim'], articles: input }, { bootstrap: { seed: 7, iterations: 200 } });
  };

  it('answers the same figures as the metrics library on the same submitted spans', async () => {
    const r = await wb.request('GET', `/api/projects/${wb.sampleProjectId}/agreement?seed=7&iterations=200`, { cookie: admin });
    expect(r.status).toBe(200);
    const want = JSON.parse(JSON.stringify(expected(false)));
    expect(r.data.report.annotators).toEqual(['anna', 'ben', 'carla']);
    expect(r.data.report).toEqual(want);
    expect(r.data.report.overall.alpha.value).toBeGreaterThan(0);
    expect(r.data.report.overall.alpha.value).toBeLessThan(1);
    expect(r.data.report.counts).toMatchObject({ articles: 2, annotators: 3, spans: marks.length });
  });

  it('counts drafts on request, and filters by label', async () => {
    const drafts = await wb.request('GET', `/api/projects/${wb.sampleProjectId}/agreement?seed=7&iterations=200&drafts=true`, { cookie: admin });
    expect(drafts.data.report).toEqual(JSON.parse(JSON.stringify(expected(true))));
    const one = await wb.request('GET', `/api/projects/${wb.sampleProjectId}/agreement?labels=evaluative&iterations=0`, { cookie: admin });
    expect(one.data.report.byLabel.map((l: { label: string }) => l.label)).toEqual(['evaluative']);
  });

  it('is for supervisors only, and names a bad query field', async () => {
    expect((await wb.request('GET', `/api/projects/${wb.sampleProjectId}/agreement`, { cookie: people[0]!.cookie })).status).toBe(403);
    const bad = await wb.request('GET', `/api/projects/${wb.sampleProjectId}/agreement?iterations=lots`, { cookie: admin });
    expect(bad.status).toBe(400);
    expect(bad.data.error.message).toContain('iterations');
  });
});
