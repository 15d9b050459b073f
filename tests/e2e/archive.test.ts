import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

const PASSWORD = 'Archiv-Passwort-2026';

/** Issue 10: a supervisor archives an article after a confirmation naming its spans, and restores it. */
describe('archive and restore in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let projectId: number;
  let articleId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const tim = await admin('POST', '/api/users', { username: 'tim', password: PASSWORD, role: 'annotator' });
    await admin('POST', '/api/users', { username: 'vera', password: PASSWORD, role: 'supervisor' });
    const vera = await apiAs(server.url, 'vera', PASSWORD);
    projectId = (await vera('POST', '/api/projects', { name: 'Archivprojekt' })).data.project.id;
    const imp = await vera('POST', `/api/projects/${projectId}/articles`, {
      articles: [
        { title: 'Zu archivieren', text: 'Der Sprecher sagte, es gehe voran.' },
        { title: 'Bleibt', text: 'Ein anderer Text bleibt stehen.' },
      ],
    });
    articleId = imp.data.articles[0].id;
    await vera('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [tim.data.user.id] });
    const t = await apiAs(server.url, 'tim', PASSWORD);
    for (const [start, end] of [[0, 11], [12, 17]]) expect((await t('POST', `/api/articles/${articleId}/annotations`, { label: 'attribution', start, end })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('archives after naming the spans, hides the article from the annotator, and restores it', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'vera', PASSWORD);
    await page.goto(`${server.url}projects/${projectId}`);
    const panel = page.getByRole('region', { name: 'Archive' });
    await panel.getByLabel('Article').selectOption({ label: 'Zu archivieren' });
    await panel.getByRole('button', { name: 'Archive…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Archive “Zu archivieren”?' });
    await expect(dialog.textContent()).resolves.toContain('It holds 2 spans by 1 annotator.');
    await screenshot(page, 'archive-confirm-1024');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await dialog.getByRole('button', { name: 'Archive the article' }).click();
    await panel.getByRole('status').filter({ hasText: 'Archived “Zu archivieren”.' }).waitFor();
    const table = page.getByRole('table', { name: 'Articles' });
    await table.getByRole('link', { name: 'Zu archivieren' }).waitFor({ state: 'detached' });
    await panel.getByRole('list', { name: 'Archived articles' }).getByText('(2 spans)').waitFor();

    const tim = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(tim, server.url, 'tim', PASSWORD);
    await tim.goto(`${server.url}projects/${projectId}`);
    await tim.getByRole('link', { name: 'Bleibt' }).waitFor();
    await expect(tim.getByRole('link', { name: 'Zu archivieren' }).count()).resolves.toBe(0);

    await page.setViewportSize({ width: 1400, height: 900 });
    await panel.getByRole('button', { name: 'Restore Zu archivieren' }).click();
    await panel.getByRole('status').filter({ hasText: 'Restored “Zu archivieren”.' }).waitFor();
    await table.getByRole('link', { name: 'Zu archivieren' }).waitFor();
    await screenshot(page, 'archive-restored-1400');
    await tim.reload();
    await tim.getByRole('link', { name: 'Zu archivieren' }).waitFor();
    await tim.context().close();
    await page.close();
  });
});
