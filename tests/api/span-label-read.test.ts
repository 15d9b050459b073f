/**
 * Issue 13: a span write reads only the label it names (by the project and
 * key), not the whole scheme. What that must not change: a label of another
 * project is no label here, an unknown label's answer still names every label
 * of the project in the scheme's order, and a relabel keeps the attributes the
 * new label defines.
 */
import { describe, expect, it } from 'vitest';
import { expectError, freshWorkbench } from './harness.js';

/** A 400 that names `field` in its message and as the path of its issue. */
function expectFieldError(res: Parameters<typeof expectError>[0], field: string) {
  expectError(res, 400, 'invalid_input', field);
  expect((res.data.error.details?.issues ?? []).map((i: { path: string }) => i.path)).toContain(field);
}

const values = [
  { value: 'yes', name: 'Yes' },
  { value: 'no', name: 'No' },
];
const label = (key: string, attributes: string[] = []) => ({
  key,
  name: key,
  color: '#112233',
  attributes: attributes.map((a) => ({ key: a, name: a, values })),
});

async function scene() {
  const wb = await freshWorkbench({ seed: false });
  const [sup, ann] = await Promise.all([wb.userWithSession('sup', 'supervisor'), wb.userWithSession('ann')]);
  const project = async (name: string, labels: ReturnType<typeof label>[]) => {
    const p = await wb.request('POST', '/api/projects', { cookie: sup.cookie, json: { name, labels } });
    expect(p.status, JSON.stringify(p.data)).toBe(201);
    const id: number = p.data.project.id;
    const imp = await wb.request('POST', `/api/projects/${id}/articles`, { cookie: sup.cookie, json: { articles: [{ text: 'Die Regierung sagt, alles sei gut.' }] } });
    await wb.request('POST', `/api/projects/${id}/assignments`, { cookie: sup.cookie, json: { annotatorIds: [ann.user.id] } });
    return imp.data.articles[0].id as number;
  };
  // Keys in an order that is neither alphabetical nor the other project's.
  const here = await project('Here', [label('zeta', ['sure', 'loud']), label('alpha', ['sure']), label('mid')]);
  await project('Elsewhere', [label('other'), label('alpha')]);
  return { wb, ann, here };
}

describe('the label a span write reads', () => {
  it("is this project's: another project's label is refused, naming every label here in the scheme's order", async () => {
    const { wb, ann, here } = await scene();
    const res = await wb.request('POST', `/api/articles/${here}/annotations`, { cookie: ann.cookie, json: { label: 'other', start: 0, end: 3 } });
    expectFieldError(res, 'label');
    expect(res.data.error.message).toBe('Invalid body: label: "other" is not a label of this project (zeta, alpha, mid)');
    const ok = await wb.request('POST', `/api/articles/${here}/annotations`, { cookie: ann.cookie, json: { label: 'alpha', start: 0, end: 3, attributes: { sure: 'no' } } });
    expect(ok.status, JSON.stringify(ok.data)).toBe(201);
    await wb.close();
  });

  it("checks attributes against the named label's definitions, and a relabel keeps those the new label defines", async () => {
    const { wb, ann, here } = await scene();
    const create = (attributes: Record<string, string>) =>
      wb.request('POST', `/api/articles/${here}/annotations`, { cookie: ann.cookie, json: { label: 'alpha', start: 0, end: 3, attributes } });
    expectFieldError(await create({ loud: 'yes' }), 'attributes.loud'); // zeta's attribute, not alpha's
    const zeta = await wb.request('POST', `/api/articles/${here}/annotations`, {
      cookie: ann.cookie,
      json: { label: 'zeta', start: 4, end: 13, attributes: { sure: 'yes', loud: 'no' } },
    });
    expect(zeta.status, JSON.stringify(zeta.data)).toBe(201);
    const relabel = await wb.request('PATCH', `/api/annotations/${zeta.data.annotation.id}`, { cookie: ann.cookie, json: { version: 1, label: 'alpha' } });
    expect(relabel.status, JSON.stringify(relabel.data)).toBe(200);
    expect(relabel.data.annotation).toMatchObject({ label: 'alpha', attributes: { sure: 'yes' }, version: 2 });
    const unknown = await wb.request('PATCH', `/api/annotations/${zeta.data.annotation.id}`, { cookie: ann.cookie, json: { version: 2, label: 'other' } });
    expectFieldError(unknown, 'label');
    expect(unknown.data.error.message).toContain('(zeta, alpha, mid)');
    await wb.close();
  });
});
