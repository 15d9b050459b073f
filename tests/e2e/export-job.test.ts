/**
 * Issue 13: a large export prepared in the background shows its progress,
 * can be cancelled, and is saved from a link once done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, signIn, startServer } from './harness.js';

const ARTICLES = 150;
const SHOTS = '/tmp/shots-speed';

describe('an export prepared in the background', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let projectId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await admin('POST', '/api/projects', { name: 'Big export' })).data.project.id;
    const articles = Array.from({ length: ARTICLES }, (_, i) => ({ title: `Artikel ${i + 1}`, text: `Nummer ${i + 1}: die Regierung berichtet laut Diplomaten über eine mögliche Friedensmission. `.repeat(30) }));
    expect((await admin('POST', `/api/projects/${projectId}/articles`, { articles })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows progress, cancels, then saves the file, at 1024 and 1400 px', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 }, acceptDownloads: true });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(new URL(`/projects/${projectId}`, server.url).href);
    const panel = page.getByRole('form', { name: 'Export dataset' });

    // the first job starts a worker: it runs long enough to be seen and cancelled
    await panel.getByRole('button', { name: 'Prepare file in the background' }).click();
    await panel.getByRole('progressbar', { name: 'Export progress' }).waitFor();
    await panel.screenshot({ path: `${SHOTS}/export-job-running-1024.png` });
    await panel.getByRole('button', { name: 'Cancel export' }).click();
    await panel.getByText('Export cancelled.').waitFor();
    expect(await panel.getByRole('progressbar', { name: 'Export progress' }).count()).toBe(0);

    await panel.getByRole('button', { name: 'Prepare file in the background' }).click();
    const save = panel.getByRole('link', { name: `Save project-${projectId}-all.jsonl` });
    await save.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(ARTICLES);
    expect(JSON.parse(lines[0]!).text).toContain('Nummer 1:');
    await panel.screenshot({ path: `${SHOTS}/export-job-done-1024.png` });
    await page.setViewportSize({ width: 1400, height: 900 });
    await panel.screenshot({ path: `${SHOTS}/export-job-done-1400.png` });
    await page.close();
  }, 60_000);
});
