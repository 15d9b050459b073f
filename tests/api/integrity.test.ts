/**
 * Issue 8: what the server stores is what the user sent and was shown —
 * relabels keep the attributes the new label defines, text that is not
 * well-formed Unicode is refused, and a repeated creating request (same
 * Idempotency-Key) creates once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { labelDefSchema, missingRequiredAttributes } from '@mbw/shared';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

const values = (...v: string[]) => v.map((value) => ({ value, name: value }));
/** Two labels sharing the attribute `confidence`; only `claim` has `checkable`; `odd` requires `strength`. */
const SCHEME = [
  { key: 'claim', name: 'Claim', color: '#112233', hotkey: '1', attributes: [
    { key: 'confidence', name: 'Confidence', values: values('low', 'high') },
    { key: 'checkable', name: 'Checkable', values: values('yes', 'no') },
  ] },
  { key: 'opinion', name: 'Opinion', color: '#332211', hotkey: '2', attributes: [
    { key: 'confidence', name: 'Confidence', values: values('low', 'high') },
  ] },
  { key: 'odd', name: 'Odd', color: '#223311', hotkey: '3', attributes: [
    { key: 'strength', name: 'Strength', required: true, values: values('a', 'b') },
  ] },
];
const TEXT = 'Die Regierung hat die Wahl gewonnen, sagte ein Sprecher.';

describe('one truth for a span', () => {
  let wb: Workbench;
  let sup: string;
  let ann: { user: { id: number }; cookie: string };
  let articleId: number;

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sup = await wb.admin();
    ann = await wb.userWithSession('anna');
    const p = await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Truth', labels: SCHEME } });
    const a = await wb.request('POST', `/api/projects/${p.data.project.id}/articles`, { cookie: sup, json: { articles: [{ text: TEXT }] } });
    articleId = a.data.articles[0].id;
    await wb.request('POST', `/api/projects/${p.data.project.id}/assignments`, { cookie: sup, json: { annotatorIds: [ann.user.id], articleIds: [articleId] } });
  });

  const create = (json: object) => wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie, json });
  const patch = (id: string, json: object) => wb.request('PATCH', `/api/annotations/${id}`, { cookie: ann.cookie, json });

  it('a relabel keeps the attributes the new label defines and drops the others; the answer is what is stored', async () => {
    const c = await create({ label: 'claim', start: 0, end: 13, attributes: { confidence: 'high', checkable: 'no' } });
    expect(c.status).toBe(201);
    const r1 = await patch(c.data.annotation.id, { version: 1, label: 'opinion' });
    expect(r1.status).toBe(200);
    expect(r1.data.annotation.attributes).toEqual({ confidence: 'high' });
    const r2 = await patch(c.data.annotation.id, { version: 2, label: 'claim' });
    expect(r2.data.annotation.attributes).toEqual({ confidence: 'high' });
    const stored = await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie });
    expect(stored.data.annotations[0]).toMatchObject({ label: 'claim', attributes: { confidence: 'high' }, version: 3 });
    // Sent attributes win over the rule (undo sends the old label and attributes together).
    const r3 = await patch(c.data.annotation.id, { version: 3, label: 'claim', attributes: { confidence: 'high', checkable: 'no' } });
    expect(r3.data.annotation.attributes).toEqual({ confidence: 'high', checkable: 'no' });
  });

  it('a required attribute is enforced on submit', async () => {
    const c = await create({ label: 'odd', start: 14, end: 17 });
    expect(c.status).toBe(201);
    const s = await wb.request('POST', `/api/articles/${articleId}/submit`, { cookie: ann.cookie });
    expect(s.status, JSON.stringify(s.data)).toBe(409);
    expect(JSON.stringify(s.data.error)).toContain('strength');
  });

  it('an attribute or label named like an Object property or an export field is refused when the scheme is made; required keys are own properties', async () => {
    const refused: Array<[string, object]> = [];
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'annotator', 'label', 'note', 'spanId', 'Status', 'id'])
      refused.push([`labels.2.attributes.0.key`, [...SCHEME.slice(0, 2), { ...SCHEME[2]!, attributes: [{ key, name: 'X', values: values('a') }] }]]);
    for (const key of ['constructor', 'tostring', 'valueof', 'label', 'annotator', 'text'])
      refused.push([`labels.0.key`, [{ ...SCHEME[0]!, key }, ...SCHEME.slice(1)]]);
    for (const [path, labels] of refused) {
      const res = await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Reserved', labels } });
      expect(res.status, JSON.stringify(labels)).toBe(400);
      expect(res.data.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    // Object.hasOwn, not `in`, for data made before the rule: an inherited `constructor` is no value.
    const odd = labelDefSchema.parse({ key: 'odd', name: 'Odd', color: '#223311', attributes: [] });
    const legacy = { ...odd, attributes: [{ key: 'constructor', name: 'C', required: true, values: values('a') }] };
    expect(missingRequiredAttributes(legacy, {})).toEqual(['constructor']);
    console.log(`reserved keys: ${refused.length} schemes with an attribute or label key like an Object property or export field refused with 400 naming the key`);
  });
});

describe('text that stays what it was', () => {
  let wb: Workbench;
  let sup: string;
  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sup = await wb.admin();
  });

  // JSON.stringify writes a lone surrogate as the escape \ud800, as a hostile client would.
  const raw = (s: string) => JSON.stringify(s);

  it.each([
    ['project name', '/api/projects', `{"name": ${raw('Bad \ud800 name')}}`, 'name'],
    ['account display name', '/api/users', `{"username": "lone", "password": "long-password", "role": "annotator", "displayName": ${raw('x\udc00')}}`, 'displayName'],
  ])('refuses a lone surrogate in a %s with a 400 naming the field', async (_what, path, body, field) => {
    const before = await wb.request('GET', path, { cookie: sup });
    const res = await wb.request('POST', path, { cookie: sup, body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.data.error.message).toContain(field);
    expect(res.data.error.details.issues[0].path).toBe(field);
    expect((await wb.request('GET', path, { cookie: sup })).data).toEqual(before.data);
  });

  it('refuses a lone surrogate in an article text, and stores nothing of the request', async () => {
    const p = await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Texts' } });
    const body = `{"articles": [{"text": "gut"}, {"text": ${raw('Text mit \ud83d allein')}}]}`;
    const res = await wb.request('POST', `/api/projects/${p.data.project.id}/articles`, { cookie: sup, body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.data.error.details.issues[0].path).toBe('articles.1.text');
    const list = await wb.request('GET', `/api/projects/${p.data.project.id}/articles`, { cookie: sup });
    expect(list.data.articles).toEqual([]);
  });

  it('accepts well-formed astral characters (a surrogate pair is no lone surrogate)', async () => {
    const res = await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Gut 👍🏽 „so“' } });
    expect(res.status).toBe(201);
    expect(res.data.project.name).toBe('Gut 👍🏽 „so“');
  });
});

describe('no double actions: Idempotency-Key', () => {
  let wb: Workbench;
  let sup: string;
  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sup = await wb.admin();
  });
  const post = (path: string, json: object, key?: string, cookie = sup) =>
    wb.request('POST', path, { cookie, json, headers: key ? { 'idempotency-key': key } : {} });

  it('a repeated create with the same key answers the first answer and creates once', async () => {
    const first = await post('/api/projects', { name: 'Once' }, 'k-1');
    const again = await post('/api/projects', { name: 'Once' }, 'k-1');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.data).toEqual(first.data);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const list = await wb.request('GET', '/api/projects', { cookie: sup });
    expect(list.data.projects.filter((p: { name: string }) => p.name === 'Once')).toHaveLength(1);
  });

  it('two concurrent requests with one key create once', async () => {
    const [a, b] = await Promise.all([post('/api/projects', { name: 'Race' }, 'k-race'), post('/api/projects', { name: 'Race' }, 'k-race')]);
    expect([a.status, b.status].sort()).toContain(201);
    const list = await wb.request('GET', '/api/projects', { cookie: sup });
    expect(list.data.projects.filter((p: { name: string }) => p.name === 'Race')).toHaveLength(1);
  });

  it('the same key for another request is refused; a key is per user; without a key nothing changes', async () => {
    await post('/api/projects', { name: 'First' }, 'k-2');
    const other = await post('/api/projects', { name: 'Second' }, 'k-2');
    expect(other.status).toBe(409);
    expect(other.data.error.details.field).toBe('Idempotency-Key');
    const sup2 = await wb.userWithSession('sup2', 'supervisor');
    const theirs = await post('/api/projects', { name: 'First' }, 'k-2', sup2.cookie);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    await post('/api/projects', { name: 'Twice' });
    await post('/api/projects', { name: 'Twice' });
    const list = await wb.request('GET', '/api/projects', { cookie: sup });
    expect(list.data.projects.filter((p: { name: string }) => p.name === 'Twice')).toHaveLength(2);
  });

  it('an invalid request is answered again as it was, and a bad key is refused', async () => {
    const bad = await post('/api/projects', { name: '' }, 'k-3');
    const again = await post('/api/projects', { name: '' }, 'k-3');
    expect(bad.status).toBe(400);
    expect(again.data).toEqual(bad.data);
    const weird = await post('/api/projects', { name: 'x' }, 'bad key with spaces');
    expect(weird.status).toBe(400);
    expect(weird.data.error.message).toContain('Idempotency-Key');
  });
});
