import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

const TEXT = 'Laut Regierungssprecher wird die Reform gelingen. Die Reform ist ein Desaster. Das weiß jeder.';

/** Issue 10: the scheme is data, relation types are enforced, changes that hit work in use need a confirmation. */
describe('the project scheme', () => {
  let wb: Workbench;
  let sup: { user: { id: number }; cookie: string };
  let ann: { user: { id: number }; cookie: string };
  let projectId: number;
  let articleId: number;

  const scheme = async () => (await wb.request('GET', `/api/projects/${projectId}/scheme`, { cookie: sup.cookie })).data.scheme;
  const put = (json: unknown, confirm = false) =>
    wb.request('PUT', `/api/projects/${projectId}/scheme${confirm ? '?confirm=true' : ''}`, { cookie: sup.cookie, json });
  const span = async (label: string, quote: string, attributes: Record<string, string> = {}) => {
    const start = [...TEXT.slice(0, TEXT.indexOf(quote))].length;
    const res = await wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie, json: { label, start, end: start + [...quote].length, attributes } });
    expect(res.status, JSON.stringify(res.data)).toBe(201);
    return res.data.annotation as { id: string; version: number };
  };
  const link = (from: string, to: string, type = 'attributes') =>
    wb.request('POST', `/api/articles/${articleId}/relations`, { cookie: ann.cookie, json: { from, to, type } });
  const mine = async () => (await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie })).data;

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sup = await wb.userWithSession('sup', 'supervisor');
    ann = await wb.userWithSession('ann');
    projectId = (await wb.request('POST', '/api/projects', { cookie: sup.cookie, json: { name: 'Scheme' } })).data.project.id;
    const imp = await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: sup.cookie, json: { articles: [{ text: TEXT }] } });
    articleId = imp.data.articles[0].id;
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sup.cookie, json: { annotatorIds: [ann.user.id] } });
  });

  it('gives a new project the default scheme: four labels with Reported statement on 4, and attributes from attribution', async () => {
    const s = await scheme();
    expect(s.labels.map((l: { key: string; hotkey: string }) => [l.key, l.hotkey])).toEqual([
      ['attribution', '1'],
      ['evaluative', '2'],
      ['unsupported_claim', '3'],
      ['statement', '4'],
    ]);
    expect(s.labels[3].name).toBe('Reported statement');
    expect(Object.keys(s.labels[3].guidelines).sort()).toEqual(['de', 'en']);
    expect(s.relationTypes).toEqual([{ key: 'attributes', name: 'Attributes', from: ['attribution'], to: ['statement', 'unsupported_claim', 'evaluative'] }]);
    expect(s.guideline).toBe('');
    // An annotator with work in the project reads it too, but may not change it.
    expect((await wb.request('GET', `/api/projects/${projectId}/scheme`, { cookie: ann.cookie })).data.scheme).toEqual(s);
    expectError(await wb.request('PUT', `/api/projects/${projectId}/scheme`, { cookie: ann.cookie, json: s }), 403, 'forbidden');
    const other = await wb.userWithSession('other-sup', 'supervisor');
    expectError(await wb.request('GET', `/api/projects/${projectId}/scheme`, { cookie: other.cookie }), 403, 'forbidden');
  });

  it('links an attribution to a reported statement, and refuses links the relation types do not allow with 400 naming type', async () => {
    const source = await span('attribution', 'Laut Regierungssprecher');
    const statement = await span('statement', 'wird die Reform gelingen');
    const judged = await span('evaluative', 'Desaster', { polarity: 'negative' });
    expect((await link(source.id, statement.id)).status).toBe(201);
    expect((await link(source.id, judged.id)).status).toBe(201);
    expectError(await link(statement.id, source.id), 400, 'invalid_input', 'type');
    expectError(await link(judged.id, statement.id), 400, 'invalid_input', 'type');
    expectError(await link(source.id, statement.id, 'contradicts'), 400, 'invalid_input', 'type');
    expectError(await link(source.id, statement.id, 'Not A Key'), 400, 'invalid_input', 'type');
    expect((await mine()).relations).toHaveLength(2);
    // A relabel may not leave a link the scheme does not allow.
    const relabel = await wb.request('PATCH', `/api/annotations/${statement.id}`, { cookie: ann.cookie, json: { version: statement.version, label: 'attribution' } });
    expectError(relabel, 400, 'invalid_input', 'label');
    const ok = await wb.request('PATCH', `/api/annotations/${statement.id}`, { cookie: ann.cookie, json: { version: statement.version, label: 'unsupported_claim', attributes: {} } });
    expect(ok.status, JSON.stringify(ok.data)).toBe(200);
    expect((await wb.request('PATCH', `/api/annotations/${statement.id}`, { cookie: ann.cookie, json: { version: ok.data.annotation.version, label: 'statement' } })).status).toBe(200);
  });

  it('applies a change that touches no work at once: rename, recolour, reorder, hotkey, guideline, a new relation type', async () => {
    const s = await scheme();
    const [attribution, evaluative, claim, statement] = s.labels;
    const next = {
      labels: [{ ...statement, name: 'Wiedergegebene Aussage', color: '#123456' }, attribution, evaluative, { ...claim, hotkey: '9' }],
      relationTypes: [...s.relationTypes, { key: 'supports', name: 'Supports', from: ['statement'], to: ['unsupported_claim'] }],
      guideline: '# Leitfaden\n\nLesen Sie den **ganzen** Artikel zuerst.',
    };
    const res = await put(next);
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data.impact).toMatchObject({ spans: 0, links: 0 });
    expect(await scheme()).toEqual(next);
    const labels = (await wb.request('GET', `/api/projects/${projectId}/labels`, { cookie: ann.cookie })).data.labels;
    expect(labels.map((l: { key: string }) => l.key)).toEqual(['statement', 'attribution', 'evaluative', 'unsupported_claim']);
    expect(labels[0].name).toBe('Wiedergegebene Aussage');
  });

  it('refuses removing a label in use with 409 and the count, changing nothing; confirmed, deletes those spans and their links', async () => {
    const s = await scheme();
    const next = { ...s, labels: s.labels.filter((l: { key: string }) => l.key !== 'statement'), relationTypes: [{ ...s.relationTypes[0], to: ['unsupported_claim', 'evaluative'] }] };
    const refused = await put(next);
    expectError(refused, 409, 'conflict');
    expect(refused.data.error.details.affected).toMatchObject({ removedLabels: [{ label: 'statement', spans: 1 }], spans: 1, links: 0 });
    expect(await scheme()).toEqual(s);
    expect((await mine()).annotations).toHaveLength(3);
    const done = await put(next, true);
    expect(done.status, JSON.stringify(done.data)).toBe(200);
    const after = await mine();
    expect(after.annotations.map((a: { label: string }) => a.label).sort()).toEqual(['attribution', 'evaluative']);
    expect(after.relations).toHaveLength(1); // the link to the statement went with it
  });

  it('counts removed attribute values and newly required attributes; confirmed, clears the values and keeps the spans', async () => {
    const s = await scheme();
    const withoutNegative = s.labels.map((l: { key: string; attributes: Array<{ values: Array<{ value: string }> }> }) =>
      l.key === 'evaluative' ? { ...l, attributes: [{ ...l.attributes[0], values: l.attributes[0]!.values.filter((v) => v.value !== 'negative') }] } : l,
    );
    const requireSource = withoutNegative.map((l: { key: string; attributes: object[] }) =>
      l.key === 'attribution' ? { ...l, attributes: [{ ...l.attributes[0], required: true }] } : l,
    );
    const refused = await put({ ...s, labels: requireSource });
    expectError(refused, 409, 'conflict');
    expect(refused.data.error.details.affected).toMatchObject({
      removedValues: [{ label: 'evaluative', attribute: 'polarity', value: 'negative', spans: 1 }],
      newlyRequired: [{ label: 'attribution', attribute: 'sourceType', spans: 1 }],
      spans: 2,
    });
    expect((await put({ ...s, labels: requireSource }, true)).status).toBe(200);
    const spans = (await mine()).annotations;
    const evaluative = spans.find((a: { label: string }) => a.label === 'evaluative');
    expect(evaluative.attributes).toEqual({});
    expect(evaluative.version).toBe(2);
    // The attribution is kept, and must be completed before the article can be submitted.
    expectError(await wb.request('POST', `/api/articles/${articleId}/submit`, { cookie: ann.cookie }), 409, 'incomplete');
  });

  it('refuses removing a relation type in use; confirmed, deletes the links', async () => {
    const s = await scheme();
    const refused = await put({ ...s, relationTypes: s.relationTypes.filter((t: { key: string }) => t.key !== 'attributes') });
    expectError(refused, 409, 'conflict');
    expect(refused.data.error.details.affected).toMatchObject({ removedLinks: [{ type: 'attributes', links: 1 }], links: 1, spans: 0 });
    expect((await put({ ...s, relationTypes: [] }, true)).status).toBe(200);
    expect((await mine()).relations).toEqual([]);
  });

  it('refuses an invalid scheme naming the field', async () => {
    const s = await scheme();
    expectError(await put({ ...s, relationTypes: [{ key: 'x', name: 'X', from: ['attribution'], to: ['nope'] }] }), 400, 'invalid_input', 'relationTypes.0.to.0');
    expectError(await put({ ...s, labels: [s.labels[0], { ...s.labels[1], hotkey: s.labels[0].hotkey }] }), 400, 'invalid_input', 'labels.1.hotkey');
    expectError(await put({ ...s, labels: [] }), 400, 'invalid_input', 'labels');
    expectError(await put({ ...s, relationTypes: [{ key: 'a', name: 'A', from: ['attribution'], to: ['evaluative'] }, { key: 'a', name: 'B', from: ['attribution'], to: ['evaluative'] }] }), 400, 'invalid_input', 'relationTypes.1.key');
    expectError(await wb.request('PUT', `/api/projects/${projectId}/scheme?confirm=maybe`, { cookie: sup.cookie, json: s }), 400, 'invalid_input', 'confirm');
    expect(await scheme()).toEqual(s);
  });
});
