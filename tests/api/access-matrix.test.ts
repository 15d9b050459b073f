/**
 * Every route with an id × every outsider role × another project's ids:
 * nobody signed out, no annotator who is not assigned and no supervisor of
 * another project gets a 2xx on project A's projects, articles, spans or
 * gold. Prints how each role was refused, and how often an outsider's answer
 * for a real id differed from the answer for an id that does not exist.
 *
 * The 403 against 404 rule (issue 11): an annotator gets the same answer for
 * another's article, span, link, gold span or history entry as for one that
 * does not exist (no existence oracle); a supervisor of another project gets
 * 403 or 404 on every route, with a well-formed body, and every GET route of
 * their own project answers them (or their annotator) 2xx.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

const TEXT = 'Die Regierung hat versagt, sagte ein Sprecher.';
const link = { from: 'x', to: 'y', type: 'attributes' };
/** A well-formed body per route (METHOD path), so that the access check, not validation, answers. */
const BODIES: Record<string, unknown> = {
  'POST /api/articles/:id/annotations': { label: 'evaluative', start: 0, end: 3 },
  'PATCH /api/annotations/:id': { version: 1, note: 'x' },
  'POST /api/articles/:id/gold': { label: 'evaluative', start: 0, end: 3 },
  'PATCH /api/gold/:id': { version: 1, label: 'evaluative' },
  'PATCH /api/articles/:id': { title: 'x' },
  'POST /api/projects/:id/articles': { articles: [{ text: 'Planted.' }] },
  'POST /api/projects/:id/assignments': { annotatorIds: [1], articleIds: [1] },
  'DELETE /api/projects/:id/assignments': { annotatorIds: [1], articleIds: [1] },
  'POST /api/projects/:id/members': { userId: 1, role: 'supervisor' },
  'DELETE /api/projects/:id/members': { userId: 1 },
  'POST /api/articles/:id/reopen': { annotator: 'anna', comment: 'x' },
  'POST /api/articles/:id/curation/reject': { spanIds: ['x'], reason: 'x' },
  'POST /api/articles/:id/curation/resolve': { spanIds: ['x'], accept: ['x'], reason: 'x' },
  'POST /api/articles/:id/flag': { reason: 'x' },
  'POST /api/articles/:id/gold/links': link,
  'POST /api/articles/:id/relations': link,
  'POST /api/articles/:id/purge': { confirmName: 'x' },
  'POST /api/projects/:id/purge': { confirmName: 'x' },
  'POST /api/articles/:id/suggestions/accept': { id: 'x' },
  'POST /api/articles/:id/suggestions/reject': { id: 'x' },
  'PATCH /api/projects/:id/suggestions': { enabled: false },
  'PUT /api/projects/:id/lexicon': { terms: [] },
  'PUT /api/projects/:id/settings': { goldFeedback: true },
};
/** Query strings some GET routes need. */
const QUERIES: Record<string, string> = { '/export': '?format=jsonl', '/export/manifest': '?format=jsonl', '/import': '?format=txt', '/profile/spans': '?group=x&figure=attributionsPer1000' };

/** A project with an article, an annotator's two linked spans, a gold span and a history entry; answers their ids. */
async function scene(wb: Workbench, sup: string, annotator: { user: { id: number }; cookie: string }, name: string) {
  const project = (await wb.request('POST', '/api/projects', { cookie: sup, json: { name } })).data.project.id;
  const article = (await wb.request('POST', `/api/projects/${project}/articles`, { cookie: sup, json: { articles: [{ text: TEXT }] } })).data.articles[0].id;
  await wb.request('POST', `/api/projects/${project}/assignments`, { cookie: sup, json: { annotatorIds: [annotator.user.id], articleIds: [article] } });
  const span = async (label: string, start: number, end: number) =>
    (await wb.request('POST', `/api/articles/${article}/annotations`, { cookie: annotator.cookie, json: { label, start, end } })).data.annotation.id as string;
  const statement = await span('statement', 0, 25);
  const attribution = await span('attribution', 27, 45);
  const rel = (await wb.request('POST', `/api/articles/${article}/relations`, { cookie: annotator.cookie, json: { from: attribution, to: statement, type: 'attributes' } })).data.relation.id;
  const gold = (await wb.request('POST', `/api/articles/${article}/gold`, { cookie: sup, json: { label: 'evaluative', start: 4, end: 13 } })).data.gold.id;
  const audit = (await wb.request('GET', `/api/articles/${article}/history`, { cookie: sup })).data.entries[0].id;
  return { projects: String(project), articles: String(article), annotations: statement, gold: String(gold), relations: String(rel), audit: String(audit) };
}

describe('route × role × foreign ids', () => {
  let wb: Workbench;
  let ids: Record<string, string>;
  let own: Record<string, string>;
  let owners: string[];
  let who: Record<string, string | undefined>;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    wb = await freshWorkbench({ demo: false });
    const admin = await wb.admin();
    const supA = await wb.userWithSession('supa', 'supervisor');
    const supB = await wb.userWithSession('supb', 'supervisor');
    const anna = await wb.userWithSession('anna');
    const outsider = await wb.userWithSession('otto');
    const bea = await wb.userWithSession('bea');
    void admin;
    ids = await scene(wb, supA.cookie, anna, 'A');
    own = await scene(wb, supB.cookie, bea, 'B');
    owners = [supB.cookie, bea.cookie];
    BODIES['PUT /api/projects/:id/scheme'] = (await wb.request('GET', `/api/projects/${own.projects}/scheme`, { cookie: supB.cookie })).data.scheme;
    // Gold feedback answers the annotator of a submitted, curated article in a project that shows it.
    await wb.request('PUT', `/api/projects/${own.projects}/settings`, { cookie: supB.cookie, json: { goldFeedback: true } });
    await wb.request('POST', `/api/articles/${own.articles}/submit`, { cookie: bea.cookie });
    await wb.request('POST', `/api/articles/${own.articles}/curation/complete`, { cookie: supB.cookie, json: { force: true } });
    who = { 'signed out': undefined, 'annotator, not assigned': outsider.cookie, 'supervisor of another project': supB.cookie };
    const seen = new Set<string>();
    routes = wb.app.routes.filter((r) => /^\/api\/(projects|articles|annotations|gold|relations|audit)\/:id/.test(r.path) && r.method !== 'ALL' && !seen.has(r.method + r.path) && !!seen.add(r.method + r.path));
  });

  const kindOf = (path: string) => /^\/api\/([a-z]+)\//.exec(path)![1]!;
  const fill = (path: string, missing: boolean, of = ids) => {
    const query = Object.entries(QUERIES).find(([end]) => path.endsWith(end))?.[1] ?? '';
    return path.replace(':id', missing ? '987654' : of[kindOf(path)]!).replace(/:[a-zA-Z]+/g, '1') + query;
  };
  const send = (r: { method: string; path: string }, cookie: string | undefined, missing: boolean, of = ids) =>
    wb.request(r.method, fill(r.path, missing, of), {
      cookie,
      ...(r.method === 'GET' ? {} : r.path.endsWith('/import') ? { body: 'Planted.', headers: { 'content-type': 'text/plain' } } : { json: BODIES[`${r.method} ${r.path}`] ?? {} }),
    });

  it('answers no outsider with a 2xx, on any route, for another project’s ids', async () => {
    const figures: string[] = [];
    const oracle: Record<string, number> = {};
    let requests = 0;
    for (const [role, cookie] of Object.entries(who)) {
      const statuses = new Map<number, number>();
      for (const r of routes) {
        const res = await send(r, cookie, false);
        requests++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${role}: ${r.method} ${fill(r.path, false)} → ${JSON.stringify(res.data).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        if (cookie === undefined) expect(res.status).toBe(401);
        const missing = await send(r, cookie, true);
        if (missing.status !== res.status) oracle[role] = (oracle[role] ?? 0) + 1;
        // Issue 11: another project's supervisor gets 403 or 404, never a validation answer that a well-formed body would pass.
        if (role === 'supervisor of another project') expect([403, 404], `${role}: ${r.method} ${r.path} → ${res.status} ${JSON.stringify(res.data).slice(0, 160)}`).toContain(res.status);
        // No existence oracle for annotators: another's article, span, link, gold span or history entry answers as one that does not exist.
        if (role === 'annotator, not assigned' && kindOf(r.path) !== 'projects')
          expect(res.status, `${role}: ${r.method} ${r.path}: ${res.status} for a real id, ${missing.status} for a missing one`).toBe(missing.status);
      }
      figures.push(`${role}: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    }
    console.log(`access matrix (incl. /api/audit): ${routes.length} routes × ${Object.keys(who).length} outsider roles = ${requests} requests on project A's ids, 0 answered 2xx\n  ${figures.join('\n  ')}\n  answers differing between a real foreign id and a missing one: ${Object.entries(oracle).map(([r, n]) => `${r} ${n} (${r.startsWith('annotator') ? 'project routes only' : '403 kept for supervisors'})`).join(', ') || 'none'}`);
  });

  it('answers every GET route of their own project to its supervisor or its annotator', async () => {
    const refused: string[] = [];
    for (const r of routes.filter((x) => x.method === 'GET')) {
      const answers = await Promise.all(owners.map((cookie) => send(r, cookie, false, own)));
      if (!answers.some((a) => a.status >= 200 && a.status < 300)) refused.push(`${r.path} → ${answers.map((a) => a.status).join('/')}`);
    }
    expect(refused).toEqual([]);
    console.log(`access matrix: ${routes.filter((x) => x.method === 'GET').length} GET routes answer project B's own supervisor or annotator with 2xx`);
  });
});
