import { beforeAll, describe, expect, it } from 'vitest';
import { agreementReport, krippendorffAlpha, type AgreementArticleInput } from '@mbw/shared';
import { freshWorkbench } from './harness.js';

type Session = { cookie: string; user: { id: number; username: string } };

describe('GET /api/projects/:id/agreement', () => {
  let wb: Awaited<ReturnType<typeof freshWorkbench>>;
  let admin: string;
  let people: Session[];
  let drafter: Session;
  let articles: Array<{ id: number; title: string; text: string }>;
  // [annotator index, article index, label, start, end, attributes]
  const marks: Array<[number, number, string, number, number, Record<string, string>]> = [
    [0, 0, 'attribution', 0, 20, { sourceType: 'named_person' }], [1, 0, 'attribution', 0, 20, { sourceType: 'named_person' }],
    [2, 0, 'attribution', 5, 25, { sourceType: 'anonymous' }],
    [0, 0, 'evaluative', 40, 52, { polarity: 'negative' }], [1, 0, 'evaluative', 44, 52, { polarity: 'negative' }],
    [0, 0, 'unsupported_claim', 60, 80, { checkable: 'no' }], [1, 0, 'unsupported_claim', 60, 80, { checkable: 'no' }],
    [2, 0, 'unsupported_claim', 60, 80, {}],
    [0, 1, 'unsupported_claim', 10, 90, { checkable: 'yes' }], [1, 1, 'unsupported_claim', 10, 90, { checkable: 'no' }],
    [2, 1, 'unsupported_claim', 30, 120, { checkable: 'yes' }],
    [2, 1, 'evaluative', 200, 215, { polarity: 'positive' }],
  ];
  /** Links by mark index: each annotator's attribution → their claim on the first article (carla's ends in a draft-free claim too). */
  const links: Array<[number, number]> = [[0, 5], [1, 6], [2, 7]];
  const spanIds: string[] = [];
  const SCHEME = { attribution: ['sourceType'], evaluative: ['polarity'], unsupported_claim: ['checkable'] };

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
    for (const [who, art, label, start, end, attributes] of marks) {
      const r = await wb.request('POST', `/api/articles/${articles[art]!.id}/annotations`, { cookie: people[who]!.cookie, json: { label, start, end, attributes } });
      expect(r.status).toBe(201);
      spanIds.push(r.data.annotation.id);
    }
    for (const [from, to] of links) {
      const r = await wb.request('POST', `/api/articles/${articles[0]!.id}/relations`, {
        cookie: people[marks[from]![0]]!.cookie,
        json: { from: spanIds[from], to: spanIds[to], type: 'attributes' },
      });
      expect(r.status, JSON.stringify(r.data)).toBe(201);
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
        ...marks.flatMap(([w, art, label, start, end, attributes], k) =>
          art === i ? [{ id: spanIds[k], start, end, label, attributes, annotator: people[w]!.user.username }] : [],
        ),
        ...(withDrafts && i === 0 ? [{ start: 300, end: 320, label: 'evaluative', annotator: 'dora' }] : []),
      ],
      relations: i === 0 ? links.map(([f, t]) => ({ from: spanIds[f]!, to: spanIds[t]!, type: 'attributes' })) : [],
    }));
    return agreementReport(
      // The project's labels in scheme order (the default scheme's four, issue 10).
      { labels: ['attribution', 'evaluative', 'unsupported_claim', 'statement'], attributeKeys: { ...SCHEME, statement: [] }, articles: input },
      { bootstrap: { seed: 7, iterations: 200 } },
    );
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

  it("gives the attributes' alpha of the metrics library on the three annotators' submitted spans, and their link F1", async () => {
    const r = await wb.request('GET', `/api/projects/${wb.sampleProjectId}/agreement?iterations=0`, { cookie: admin });
    const byKey = (label: string) => r.data.report.attributes.find((a: { label: string }) => a.label === label);
    expect(r.data.report.attributes.map((a: { label: string; attribute: string }) => `${a.label}.${a.attribute}`)).toEqual([
      'attribution.sourceType',
      'evaluative.polarity',
      'unsupported_claim.checkable',
    ]);
    // checkable, units × (anna, ben, carla); carla's first claim has no value (missing):
    //   exact:   [60,80) no/no/–   [10,90) yes/no/·            (carla's [30,120) is not at those boundaries)
    //   overlap: [60,80) no/no/–   [10,90)+[30,120) yes/no/yes
    const exact = [['no', 'yes'], ['no', 'no'], [null, null]];
    const overlap = [['no', 'yes'], ['no', 'no'], [null, 'yes']];
    expect(byKey('unsupported_claim').exact.value).toBe(krippendorffAlpha(exact));
    expect(byKey('unsupported_claim').overlap.value).toBe(krippendorffAlpha(overlap));
    expect(byKey('unsupported_claim').overlap).toMatchObject({ counts: { articles: 2, annotators: 3, units: 2, spans: 5 }, missing: 1 });
    // sourceType: exact anna/ben agree on the one value there is (undefined); overlap adds carla's "anonymous".
    expect(byKey('attribution').exact).toMatchObject({ value: null, reason: 'no variation: every value is "named_person"' });
    expect(byKey('attribution').overlap.value).toBe(krippendorffAlpha([['named_person'], ['named_person'], ['anonymous']]));
    // Links: anna's and ben's agree under both matchings; carla's only when her attribution [5,25) overlaps theirs.
    expect(r.data.report.links.exact.pooled).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(r.data.report.links.overlap.pooled).toMatchObject({ tp: 3, fp: 0, fn: 0, f1: 1 });
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
