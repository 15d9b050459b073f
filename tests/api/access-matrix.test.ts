/**
 * Every route with an id × every outsider role × another project's ids:
 * nobody signed out, no annotator who is not assigned and no supervisor of
 * another project gets a 2xx on project A's projects, articles, spans or
 * gold. Prints how each role was refused, and how often an outsider's answer
 * for a real id differed from the answer for an id that does not exist.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

const TEXT = 'Die Regierung hat versagt, sagte ein Sprecher.';
const BODIES: Record<string, unknown> = {
  annotations: { label: 'evaluative', start: 0, end: 3 },
  gold: { label: 'evaluative', start: 0, end: 3 },
  articles: { articles: [{ text: 'Planted.' }] },
  assignments: { annotatorIds: [1], articleIds: [1] },
  members: { userId: 1, role: 'supervisor' },
  reopen: { annotator: 'anna', comment: 'x' },
  reject: { spanIds: ['x'], reason: 'x' },
  flag: { reason: 'x' },
};

describe('route × role × foreign ids', () => {
  let wb: Workbench;
  let ids: Record<string, string>;
  let who: Record<string, string | undefined>;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    wb = await freshWorkbench({ demo: false });
    const admin = await wb.admin();
    const supA = await wb.userWithSession('supa', 'supervisor');
    const supB = await wb.userWithSession('supb', 'supervisor');
    const anna = await wb.userWithSession('anna');
    const outsider = await wb.userWithSession('otto');
    const project = (await wb.request('POST', '/api/projects', { cookie: supA.cookie, json: { name: 'A' } })).data.project.id;
    await wb.request('POST', '/api/projects', { cookie: supB.cookie, json: { name: 'B' } });
    const article = (await wb.request('POST', `/api/projects/${project}/articles`, { cookie: admin, json: { articles: [{ text: TEXT }] } })).data.articles[0].id;
    await wb.request('POST', `/api/projects/${project}/assignments`, { cookie: admin, json: { annotatorIds: [anna.user.id], articleIds: [article] } });
    const span = (await wb.request('POST', `/api/articles/${article}/annotations`, { cookie: anna.cookie, json: { label: 'evaluative', start: 0, end: 3 } })).data.annotation.id;
    const gold = (await wb.request('POST', `/api/articles/${article}/gold`, { cookie: admin, json: { label: 'evaluative', start: 4, end: 13 } })).data.gold.id;
    ids = { projects: String(project), articles: String(article), annotations: String(span), gold: String(gold), relations: '1' };
    who = { 'signed out': undefined, 'annotator, not assigned': outsider.cookie, 'supervisor of another project': supB.cookie };
    const seen = new Set<string>();
    routes = wb.app.routes.filter((r) => /^\/api\/(projects|articles|annotations|gold|relations)\/:id/.test(r.path) && r.method !== 'ALL' && !seen.has(r.method + r.path) && !!seen.add(r.method + r.path));
  });

  const fill = (path: string, missing: boolean) => {
    const kind = /^\/api\/([a-z]+)\//.exec(path)![1]!;
    return path.replace(':id', missing ? '987654' : ids[kind]!).replace(/:[a-zA-Z]+/g, '1');
  };
  const bodyFor = (path: string) => BODIES[Object.keys(BODIES).find((k) => path.includes(`/${k}`)) ?? ''] ?? {};

  it('answers no outsider with a 2xx, on any route, for another project’s ids', async () => {
    const figures: string[] = [];
    let oracle = 0;
    let requests = 0;
    for (const [role, cookie] of Object.entries(who)) {
      const statuses = new Map<number, number>();
      for (const r of routes) {
        const send = (missing: boolean) =>
          wb.request(r.method, fill(r.path, missing) + (r.path.endsWith('/import') ? '?format=txt' : ''), {
            cookie,
            ...(r.method === 'GET' ? {} : r.path.endsWith('/import') ? { body: 'Planted.', headers: { 'content-type': 'text/plain' } } : { json: bodyFor(r.path) }),
          });
        const res = await send(false);
        requests++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${role}: ${r.method} ${fill(r.path, false)} → ${JSON.stringify(res.data).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        if (cookie === undefined) expect(res.status).toBe(401);
        if ((await send(true)).status !== res.status) oracle++;
      }
      figures.push(`${role}: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    }
    console.log(`access matrix: ${routes.length} routes × ${Object.keys(who).length} outsider roles = ${requests} requests on project A's ids, 0 answered 2xx\n  ${figures.join('\n  ')}\n  answers differing between a real foreign id and a missing one: ${oracle}`);
  });
});
