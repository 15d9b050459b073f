import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

const PASSWORD = 'Live-Fortschritt-2026';

/** Issue 10: the project page follows the annotators' progress without a reload, and without flicker. */
describe('live progress in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let projectId: number;
  let articleId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    await admin('POST', '/api/users', { username: 'mia', password: PASSWORD, role: 'annotator', displayName: 'Mia' });
    await admin('POST', '/api/users', { username: 'olga', password: PASSWORD, role: 'supervisor' });
    const olga = await apiAs(server.url, 'olga', PASSWORD);
    projectId = (await olga('POST', '/api/projects', { name: 'Live' })).data.project.id;
    articleId = (await olga('POST', `/api/projects/${projectId}/articles`, { articles: [{ title: 'Live-Artikel', text: 'Der Minister sagte, alles sei bestens.' }] })).data.articles[0].id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a new assignment, a span and a submission within seconds, the table never emptied meanwhile', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    await signIn(page, server.url, 'olga', PASSWORD);
    await page.goto(`${server.url}projects/${projectId}`);
    const table = page.getByRole('table', { name: 'Articles' });
    await table.getByText('unassigned').waitFor();
    // Count the renders in which the table is missing: a refetch must not blank it.
    await page.evaluate(() => {
      (window as unknown as { blanks: number }).blanks = 0;
      new MutationObserver(() => {
        if (!document.querySelector('table.articles')) (window as unknown as { blanks: number }).blanks++;
      }).observe(document.body, { childList: true, subtree: true });
    });

    const olga = await apiAs(server.url, 'olga', PASSWORD);
    const mia = await olga('GET', '/api/users');
    const miaId = mia.data.users.find((u: { username: string }) => u.username === 'mia').id;
    await olga('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [miaId] });
    await table.getByText(/Mia/).waitFor({ timeout: 12_000 });

    const annotator = await apiAs(server.url, 'mia', PASSWORD);
    expect((await annotator('POST', `/api/articles/${articleId}/annotations`, { label: 'attribution', start: 0, end: 17 })).status).toBe(201);
    await table.getByText(/1 span\b/).waitFor({ timeout: 12_000 });
    expect((await annotator('POST', `/api/articles/${articleId}/submit`)).status).toBe(200);
    await table.getByText(/submitted/i).waitFor({ timeout: 12_000 });
    await screenshot(page, 'live-progress-1024');
    expect(await page.evaluate(() => (window as unknown as { blanks: number }).blanks)).toBe(0);
    await page.close();
  });
});
