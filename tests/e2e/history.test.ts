import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

const PASSWORD = 'Verlauf-Passwort-2026';

/** Issue 11: an annotator deletes a span; a supervisor restores it from the article's History page; the annotator sees it again. */
describe('history and restore in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let articleId: number;
  let api: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const tim = await admin('POST', '/api/users', { username: 'tim', password: PASSWORD, role: 'annotator' });
    await admin('POST', '/api/users', { username: 'vera', password: PASSWORD, role: 'supervisor' });
    api = await apiAs(server.url, 'vera', PASSWORD);
    const projectId = (await api('POST', '/api/projects', { name: 'Verlaufsprojekt' })).data.project.id;
    const imp = await api('POST', `/api/projects/${projectId}/articles`, {
      articles: [{ title: 'Mit Verlauf', text: 'Ein Sprecher sagte, die Lage sei katastrophal. Die Regierung schweigt.' }],
    });
    articleId = imp.data.articles[0].id;
    await api('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [tim.data.user.id] });
    const t = await apiAs(server.url, 'tim', PASSWORD);
    const a = await t('POST', `/api/articles/${articleId}/annotations`, { label: 'attribution', start: 0, end: 18, attributes: { sourceType: 'anonymous' }, note: 'wer?' });
    const b = await t('POST', `/api/articles/${articleId}/annotations`, { label: 'statement', start: 20, end: 45 });
    expect((await t('POST', `/api/articles/${articleId}/relations`, { from: a.data.annotation.id, to: b.data.annotation.id, type: 'attributes' })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shot = (page: Page, name: string) => screenshot(page, name);
  const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it('deletes a span as the annotator, restores it from the History page, and the annotator sees it after reload', async () => {
    const tim = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    tim.setDefaultTimeout(8000);
    await signIn(tim, server.url, 'tim', PASSWORD);
    await tim.goto(`${server.url}articles/${articleId}`);
    const list = tim.getByRole('region', { name: 'Annotations' });
    await list.getByRole('button', { name: /Attribution\s*Ein Sprecher sagte/ }).click();
    await tim.getByRole('region', { name: 'Selected span' }).getByRole('button', { name: 'Delete span' }).click();
    await tim.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    await expect(list.getByRole('button', { name: /Attribution\s*Ein Sprecher sagte/ }).count()).resolves.toBe(0);

    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    page.setDefaultTimeout(8000);
    await signIn(page, server.url, 'vera', PASSWORD);
    await page.goto(`${server.url}articles/${articleId}`);
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
    const changes = page.getByRole('list', { name: 'Changes' });
    const deletion = changes.getByRole('article', { name: /deleted a span/ });
    await expect(deletion.textContent()).resolves.toContain('sourceType: anonymous');
    await expect(deletion.textContent()).resolves.toContain('wer?');
    // Links name their spans by label and text, not by id.
    await expect(deletion.textContent()).resolves.toContain('attributes: attribution “Ein Sprecher sagte” → statement “die Lage sei katastrophal”');
    // A change shows only what changed; a deletion shows what was there.
    await expect(changes.getByRole('article', { name: /Tim added a span|tim added a span/i }).count()).resolves.toBe(2);
    await shot(page, 'history-1024');
    expect(await noSideScroll(page)).toBe(true);

    await deletion.getByRole('button', { name: 'Restore span attribution “Ein Sprecher sagte”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this span?' });
    await expect(dialog.textContent()).resolves.toContain('tim’s span attribution “Ein Sprecher sagte”');
    await shot(page, 'history-confirm-1024');
    // Esc cancels: nothing is restored.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await deletion.getByRole('button', { name: /^Restore span/ }).click();
    await dialog.getByRole('button', { name: 'Restore span' }).click();
    await page.getByRole('status').filter({ hasText: 'Restored the span (attribution) with 1 attribute, its note, 1 link.' }).waitFor();
    await changes.getByRole('article', { name: /restored a span of tim/ }).waitFor();
    await expect(deletion.getByRole('button', { name: /^Restore span/ }).count()).resolves.toBe(0);
    await page.setViewportSize({ width: 1400, height: 900 });
    await shot(page, 'history-restored-1400');
    expect(await noSideScroll(page)).toBe(true);

    await tim.reload();
    await list.getByRole('button', { name: /Attribution\s*Ein Sprecher sagte/ }).click();
    const panel = tim.getByRole('region', { name: 'Selected span' });
    await expect(panel.getByLabel('Note').inputValue()).resolves.toBe('wer?');
    const spans = (await api('GET', `/api/articles/${articleId}/annotations`)).data;
    expect(spans.relations).toHaveLength(1);
    await tim.context().close();
    await page.close();
  });

  it('answers an annotator who opens the History page with not found', async () => {
    const tim = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    await signIn(tim, server.url, 'tim', PASSWORD);
    await tim.goto(`${server.url}articles/${articleId}/history`);
    await tim.getByText(/not found/i).first().waitFor();
    await expect(tim.getByRole('heading', { name: 'History', level: 1 }).count()).resolves.toBe(0);
    await tim.close();
  });
});
