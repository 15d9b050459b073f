/**
 * Issue 13: the agreement page shows a long report's progress and can cancel
 * it; computed again, the report appears (and a repeat comes from the
 * server's cache, with no progress bar).
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiAs, importJsonl, launchBrowser, SCREENSHOTS, signIn, startServer, workloadJsonl } from './harness.js';


describe('the agreement page while a report is computed', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let projectId: number;

  beforeAll(async () => {
    // made before the server starts: the seconds this takes would let the server close the idle keep-alive
    // socket of the requests before, which fetch then reuses ("other side closed") on a loaded machine
    const jsonl = workloadJsonl(600, 17);
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await admin('POST', '/api/projects', { name: 'Long report' })).data.project.id;
    // with the worker's start, long enough to be seen and cancelled on a quiet machine too
    await importJsonl(server.url, projectId, jsonl);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the progress bar, cancels, computes again, at 1024 and 1400 px', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(new URL(`/projects/${projectId}/agreement`, server.url).href);
    const bar = page.getByRole('progressbar', { name: 'Agreement report progress' });
    const byLabel = page.getByRole('heading', { name: 'Agreement by label' });

    // the first report starts a worker: it runs long enough to be seen and cancelled
    await bar.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${SCREENSHOTS}/agreement-progress-1024.png` });
    await page.getByRole('button', { name: 'Cancel report' }).click();
    await page.getByText('Report cancelled').waitFor();
    expect(await bar.count()).toBe(0);
    expect(await byLabel.count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/agreement-cancelled-1024.png` });

    await page.getByRole('button', { name: 'Compute the report again' }).click();
    await byLabel.waitFor({ timeout: 30_000 });
    expect(await bar.count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/agreement-done-1024.png` });

    // unchanged: the server answers from its cache, the report is there at once
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.reload();
    await byLabel.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${SCREENSHOTS}/agreement-done-1400.png` });
    await page.close();
  }, 90_000);
});
