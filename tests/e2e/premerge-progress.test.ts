/**
 * Issue 13: the curation page's project-wide pre-merge shows its progress
 * (articles done of all) and can be cancelled, keeping what was merged; run
 * again, it merges the rest and shows the totals.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJsonlLine } from '@mbw/shared';
import { agreementWorkload } from '../../bench/agreementData.js';
import { ADMIN_PASSWORD, apiAs, launchBrowser, signIn, startServer } from './harness.js';

const SHOTS = '/tmp/shots-premerge';
const ARTICLES = 300;

/** The bench's workload as the JSONL the import reads: three annotators' submitted spans. */
function workloadJsonl(articles: number): string {
  return agreementWorkload(articles, 40, 23)
    .articles.map((a) =>
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

describe('the project-wide pre-merge on the curation page', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let projectId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await admin('POST', '/api/projects', { name: 'Pre-merge at scale' })).data.project.id;
    const login = await fetch(new URL('/api/auth/login', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(server.url).origin },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const imported = await fetch(new URL(`/api/projects/${projectId}/import?format=jsonl`, server.url), {
      method: 'POST',
      headers: { cookie, origin: new URL(server.url).origin, 'content-type': 'application/x-ndjson' },
      body: workloadJsonl(ARTICLES),
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the progress bar, cancels, merges the rest with the totals, at 1024 and 1400 px', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(new URL(`/projects/${projectId}/curation`, server.url).href);
    const form = page.getByRole('form', { name: 'Pre-merge' });
    const bar = form.getByRole('progressbar', { name: 'Pre-merge progress' });
    await form.getByRole('button', { name: 'Pre-merge all (majority)' }).click();
    await bar.waitFor({ timeout: 20_000 });
    const moving = form.getByText(/^[1-9][\d,]* of [\d,]+ articles$/);
    await moving.waitFor({ timeout: 20_000 }); // the bar moves
    const total = Number(/of ([\d,]+)/.exec((await moving.textContent())!)![1]!.replace(/,/g, '')); // the articles with submitted work
    await page.screenshot({ path: `${SHOTS}/premerge-running-1024.png` });
    await form.getByRole('button', { name: 'Cancel pre-merge' }).click();
    const status = form.getByRole('status');
    await status.getByText(new RegExp(`Pre-merge cancelled after \\d+ of ${total} articles`)).waitFor();
    expect(await bar.count()).toBe(0);
    const cancelled = Number(/after (\d+) of/.exec((await status.textContent())!)![1]);
    expect(cancelled).toBeGreaterThan(0);
    expect(cancelled).toBeLessThan(total);
    await page.screenshot({ path: `${SHOTS}/premerge-cancelled-1024.png` });

    await page.setViewportSize({ width: 1400, height: 900 });
    await form.getByRole('button', { name: 'Pre-merge all (majority)' }).click();
    await bar.waitFor();
    await page.screenshot({ path: `${SHOTS}/premerge-running-1400.png` });
    await status.getByText(/^Merged \d+ spans: \d+ of \d+ units resolved; \d+ conflicts open\.$/).waitFor({ timeout: 60_000 });
    expect(await bar.count()).toBe(0);
    // the queue is read again: its open conflicts are the job's, and no article is left without gold
    const open = /(\d+) conflicts open/.exec((await status.textContent())!)![1];
    await page.getByText(`${total} articles with submitted work · 0 curated · ${open} open conflicts`).waitFor();
    const goldCells = page.getByRole('table', { name: 'Articles to curate' }).getByRole('row').locator('td:nth-child(4)');
    expect(await goldCells.count()).toBe(total);
    expect((await goldCells.allTextContents()).filter((t) => t === '0')).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/premerge-done-1400.png` });
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.screenshot({ path: `${SHOTS}/premerge-done-1024.png` });
    await page.close();
  }, 120_000);
});
