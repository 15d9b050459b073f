/**
 * Issue 13: the agreement page shows a long report's progress and can cancel
 * it; computed again, the report appears (and a repeat comes from the
 * server's cache, with no progress bar).
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJsonlLine } from '@mbw/shared';
import { agreementWorkload } from '../../bench/agreementData.js';
import { ADMIN_PASSWORD, apiAs, launchBrowser, signIn, startServer } from './harness.js';

const SHOTS = '/tmp/shots-cli';

/** The bench's workload as the JSONL the import reads: three annotators' submitted spans. */
function workloadJsonl(articles: number): string {
  const input = agreementWorkload(articles, 40, 17);
  return input.articles
    .map((a) =>
      toJsonlLine({
        id: String(a.id),
        text: a.text,
        meta: { title: a.title },
        annotators: a.annotators.map((annotator) => ({ annotator, status: 'submitted' as const })),
        spans: a.spans.map((s) => ({ id: String(s.id), start: s.start, end: s.end, label: s.label, annotator: s.annotator, attributes: {}, quote: [...a.text].slice(s.start, s.end).join('') })),
        relations: [],
      }),
    )
    .join('\n');
}

describe('the agreement page while a report is computed', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let projectId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await admin('POST', '/api/projects', { name: 'Long report' })).data.project.id;
    const login = await fetch(new URL('/api/auth/login', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(server.url).origin },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const imported = await fetch(new URL(`/api/projects/${projectId}/import?format=jsonl`, server.url), {
      method: 'POST',
      headers: { cookie, origin: new URL(server.url).origin, 'content-type': 'application/x-ndjson' },
      body: workloadJsonl(600), // with the worker's start, long enough to be seen and cancelled on a quiet machine too
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the progress bar, cancels, computes again, at 1024 and 1400 px', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(new URL(`/projects/${projectId}/agreement`, server.url).href);
    const bar = page.getByRole('progressbar', { name: 'Agreement report progress' });
    const byLabel = page.getByRole('heading', { name: 'Agreement by label' });

    // the first report starts a worker: it runs long enough to be seen and cancelled
    await bar.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${SHOTS}/agreement-progress-1024.png` });
    await page.getByRole('button', { name: 'Cancel report' }).click();
    await page.getByText('Report cancelled').waitFor();
    expect(await bar.count()).toBe(0);
    expect(await byLabel.count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/agreement-cancelled-1024.png` });

    await page.getByRole('button', { name: 'Compute the report again' }).click();
    await byLabel.waitFor({ timeout: 30_000 });
    expect(await bar.count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/agreement-done-1024.png` });

    // unchanged: the server answers from its cache, the report is there at once
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.reload();
    await byLabel.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/agreement-done-1400.png` });
    await page.close();
  }, 90_000);
});
