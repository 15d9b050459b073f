/**
 * Issue 13: the curation page's project-wide pre-merge shows its progress
 * (articles done of all) and can be cancelled, keeping what was merged; run
 * again, it merges the rest and shows the totals.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiAs, importJsonl, launchBrowser, SCREENSHOTS, signIn, startServer, workloadJsonl } from './harness.js';

const ARTICLES = 300;

describe('the project-wide pre-merge on the curation page', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let projectId: number;

  beforeAll(async () => {
    // made before the server starts: the seconds this takes would let the server close the idle keep-alive
    // socket of the requests before, which fetch then reuses ("other side closed") on a loaded machine
    const jsonl = workloadJsonl(ARTICLES, 23);
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await admin('POST', '/api/projects', { name: 'Pre-merge at scale' })).data.project.id;
    await importJsonl(server.url, projectId, jsonl);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the progress bar, cancels, merges the rest with the totals, at 1024 and 1400 px', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
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
    await page.screenshot({ path: `${SCREENSHOTS}/premerge-running-1024.png` });
    await form.getByRole('button', { name: 'Cancel pre-merge' }).click();
    const status = form.getByRole('status');
    await status.getByText(new RegExp(`Pre-merge cancelled after \\d+ of ${total} articles`)).waitFor();
    expect(await bar.count()).toBe(0);
    const cancelled = Number(/after (\d+) of/.exec((await status.textContent())!)![1]);
    expect(cancelled).toBeGreaterThan(0);
    expect(cancelled).toBeLessThan(total);
    await page.screenshot({ path: `${SCREENSHOTS}/premerge-cancelled-1024.png` });

    await page.setViewportSize({ width: 1400, height: 900 });
    await form.getByRole('button', { name: 'Pre-merge all (majority)' }).click();
    await bar.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/premerge-running-1400.png` });
    await status.getByText(/^Merged \d+ spans: \d+ of \d+ units resolved; \d+ conflicts open\.$/).waitFor({ timeout: 60_000 });
    expect(await bar.count()).toBe(0);
    // the queue is read again: its open conflicts are the job's, and no article is left without gold
    const open = /(\d+) conflicts open/.exec((await status.textContent())!)![1];
    await page.getByText(`${total} articles with submitted work · 0 curated · ${open} open conflicts`).waitFor();
    const goldCells = page.getByRole('table', { name: 'Articles to curate' }).getByRole('row').locator('td:nth-child(4)');
    expect(await goldCells.count()).toBe(total);
    expect((await goldCells.allTextContents()).filter((t) => t === '0')).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/premerge-done-1400.png` });
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.screenshot({ path: `${SCREENSHOTS}/premerge-done-1024.png` });
    await page.close();
  }, 120_000);
});
