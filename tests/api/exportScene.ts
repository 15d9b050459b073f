import { expect } from 'vitest';
import type { freshWorkbench } from './harness.js';

export const SCENE_TEXT = 'Die Regierung hat versagt, sagte der Sprecher laut Quellen. Ein Skandal war das.';

/**
 * A project with the three kinds of work an export must tell apart, on one
 * article (`e1`), and a second article nobody worked on (`e2`):
 * - anna, submitted: a long evaluative span with a nested one (CoNLL drops
 *   the nested one), a span inside a word ("kandal": sub-token) and an
 *   attribution ending in white space (trimmed to the token), linked;
 * - ben, in progress (a draft): one evaluative span;
 * - carl, submitted with no span at all.
 * Nobody uses the label `unsupported_claim`. Without `externalIds` the
 * articles' export ids are their database ids, as in the agreement report.
 */
export async function buildExportScene(wb: Awaited<ReturnType<typeof freshWorkbench>>, { externalIds = true } = {}) {
  const admin = await wb.admin();
  const projectId: number = (await wb.request('POST', '/api/projects', { cookie: admin, json: { name: 'Export scene' } })).data.project.id;
  const created = await wb.request('POST', `/api/projects/${projectId}/articles`, {
    cookie: admin,
    json: {
      articles: [
        { text: SCENE_TEXT, title: 'Szene', ...(externalIds ? { externalId: 'e1' } : {}) },
        { text: 'Niemand hat diesen Text gelesen.', title: 'Leer', ...(externalIds ? { externalId: 'e2' } : {}) },
      ],
    },
  });
  const articleId: number = created.data.articles[0].id;
  const [anna, ben, carl] = await Promise.all(['anna', 'ben', 'carl'].map((n) => wb.userWithSession(n)));
  const assigned = await wb.request('POST', `/api/projects/${projectId}/assignments`, {
    cookie: admin,
    json: { annotatorIds: [anna!.user.id, ben!.user.id, carl!.user.id], articleIds: [articleId] },
  });
  expect(assigned.status).toBe(201);
  const cp = (needle: string) => Array.from(SCENE_TEXT.slice(0, SCENE_TEXT.indexOf(needle))).length;
  const span = async (cookie: string, label: string, needle: string, attributes: Record<string, string>) => {
    const start = cp(needle);
    const r = await wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie, json: { label, start, end: start + Array.from(needle).length, attributes } });
    expect(r.status).toBe(201);
    return r.data.annotation.id as string;
  };
  const claim = await span(anna!.cookie, 'evaluative', 'Die Regierung hat versagt', { polarity: 'negative' });
  await span(anna!.cookie, 'evaluative', 'Regierung', { polarity: 'negative' });
  await span(anna!.cookie, 'evaluative', 'kandal', { polarity: 'negative' });
  const source = await span(anna!.cookie, 'attribution', 'sagte der Sprecher ', { sourceType: 'named_person' });
  expect((await wb.request('POST', `/api/articles/${articleId}/relations`, { cookie: anna!.cookie, json: { from: source, to: claim, type: 'attributes' } })).status).toBe(201);
  await span(ben!.cookie, 'evaluative', 'versagt', { polarity: 'negative' });
  for (const who of [anna!, carl!]) expect((await wb.request('POST', `/api/articles/${articleId}/submit`, { cookie: who.cookie })).status).toBe(200);
  return { admin, projectId, articleId };
}
