/**
 * 1,000+ hostile requests (fast-check) over every route of the API: odd path
 * ids, query strings and bodies, sent by a signed-in admin from the app's
 * own origin. None may answer 5xx; every error is the JSON envelope
 * `{error: {code, message}}`.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/** Routes that end the admin's session or change its password would only blind the rest of the run. */
const SKIPPED = new Set(['POST /api/auth/logout', 'POST /api/auth/password']);

const hostileSegment = fc.oneof(
  fc.constantFrom('0', '-1', '1.5', '1e9', '99999999999999999999', 'NaN', 'null', '%00', '..%2F..%2Fetc', '%F0%9F%91%8D', '%ED%A0%80', 'constructor', '__proto__', ' 1'),
  fc.integer({ min: -5, max: 50 }).map(String),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

const hostileQuery = fc.oneof(
  fc.constant(''),
  fc.dictionary(fc.constantFrom('format', 'source', 'status', 'annotator', 'dryRun', 'onDuplicate', 'annotatorMap', 'include', 'match', 'strategy', 'by', 'limit', '__proto__'), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('jsonl', 'csv', 'all', 'true', '{"a":1}', '-1', '%'))).map((d) => `?${new URLSearchParams(d)}`),
);

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const hostileBody = fc.oneof(
  fc.constant(undefined),
  jsonValue.map((v) => JSON.stringify(v)),
  fc.record({ label: fc.string(), start: fc.integer(), end: fc.integer(), version: fc.integer(), name: fc.string(), articles: fc.array(jsonValue, { maxLength: 3 }), annotatorIds: fc.array(fc.integer(), { maxLength: 3 }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.constantFrom('{', '[]', 'null', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}', '"\\ud800"', '{"start":1e309}', '\u0000'),
);

describe('hostile inputs over every route', () => {
  let wb: Workbench;
  let admin: string;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    wb = await freshWorkbench({ demo: false });
    admin = await wb.admin();
    const seen = new Set<string>();
    routes = wb.app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'))
      .filter((r) => !SKIPPED.has(`${r.method} ${r.path}`))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && !!seen.add(`${r.method} ${r.path}`));
  });

  it('never answers 5xx, and every error is the JSON envelope', async () => {
    const statuses = new Map<number, number>();
    const perRoute = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(hostileSegment, { minLength: 3, maxLength: 3 }), hostileQuery, hostileBody, async (pick, segments, query, sent) => {
        let body = sent;
        const route = routes[pick % routes.length]!;
        if (route.method === 'GET') body = undefined;
        let i = 0;
        const path = route.path.replace(/:[a-zA-Z]+/g, () => segments[i++ % segments.length]!) + query;
        const res = await wb.request(route.method, path, { cookie: admin, body, headers: body === undefined ? {} : { 'content-type': path.includes('/import') ? 'application/x-ndjson' : 'application/json' } });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        perRoute.set(`${route.method} ${route.path}`, (perRoute.get(`${route.method} ${route.path}`) ?? 0) + 1);
        expect(res.status, `${route.method} ${path} ${body}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(typeof res.data?.error?.code, `${route.method} ${path}: ${JSON.stringify(res.data)}`).toBe('string');
          expect(typeof res.data?.error?.message).toBe('string');
        }
      }),
      { numRuns: 1200 },
    );
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(`hostile inputs: ${total} requests over ${perRoute.size} of ${routes.length} routes; statuses ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}; 0 5xx`);
    expect(total).toBeGreaterThanOrEqual(1000);
  }, 300_000);
});
