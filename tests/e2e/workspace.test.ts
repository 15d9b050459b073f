import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

const PASSWORD = 'Arbeitsplatz-2026-xy';
const PARAGRAPH = 'Die Regierung berät seit Wochen über den Haushalt, und eine Einigung ist nicht in Sicht.';
const LAST = 'Am Ende sagte der Minister, der Haushalt stehe.';
const TEXT = [...Array.from({ length: 40 }, () => PARAGRAPH), LAST].join('\n\n');

/** Issue 10: a span picked in the list is scrolled to and flashed; `?` lists every key of the page. */
describe('workspace ergonomics in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let articleId: number;
  let emptyId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const kai = await admin('POST', '/api/users', { username: 'kai', password: PASSWORD, role: 'annotator' });
    const projectId = (await admin('POST', '/api/projects', { name: 'Lang' })).data.project.id;
    articleId = (await admin('POST', `/api/projects/${projectId}/articles`, { articles: [{ title: 'Langer Artikel', text: TEXT }] })).data.articles[0].id;
    emptyId = (await admin('POST', `/api/projects/${projectId}/articles`, { articles: [{ title: 'Leer', text: 'Nichts zu markieren hier.' }] })).data.articles[0].id;
    await admin('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [kai.data.user.id] });
    const k = await apiAs(server.url, 'kai', PASSWORD);
    const start = [...TEXT].length - [...LAST].length;
    expect((await k('POST', `/api/articles/${articleId}/annotations`, { label: 'attribution', start: start + 8, end: start + 29 })).status).toBe(201);
    expect((await k('POST', `/api/articles/${articleId}/annotations`, { label: 'evaluative', start: 0, end: 13 })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('scrolls the text to a span chosen in the list and flashes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    await signIn(page, server.url, 'kai', PASSWORD);
    await page.goto(`${server.url}articles/${articleId}`);
    await page.getByRole('toolbar', { name: 'Labels' }).waitFor();
    await page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /sagte der Minister/ }).click();
    const outline = page.locator('.text-view .outline.flash');
    await outline.waitFor();
    const box = (await outline.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(700);
    await screenshot(page, 'workspace-reveal-1024');
    await page.close();
  });

  it('creates a span with the keyboard alone: arrows move a caret by words, Shift+→ selects, the hotkey labels; the text never moves', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    await signIn(page, server.url, 'kai', PASSWORD);
    await page.goto(`${server.url}articles/${articleId}`);
    await page.getByRole('toolbar', { name: 'Labels' }).waitFor();
    const textTop = async () => (await page.getByLabel('Article text').boundingBox())!.y;
    const before = await textTop();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight'); // "Die" → "Regierung" → "berät"
    await page.getByRole('status').filter({ hasText: 'Caret before “berät' }).waitFor();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.getByRole('status').filter({ hasText: 'Selected “berät seit”' }).waitFor();
    expect(await textTop()).toBe(before);
    await screenshot(page, 'workspace-keyboard-1024');
    await page.keyboard.press('2');
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    const k = await apiAs(server.url, 'kai', PASSWORD);
    const spans = (await k('GET', `/api/articles/${articleId}/annotations`)).data.annotations;
    expect(spans.map((s: { label: string; quote: string }) => [s.label, s.quote])).toContainEqual(['evaluative', 'berät seit']);
    expect(await textTop()).toBe(before);
    await page.close();
  });

  it('asks before submitting an article with no spans, keeps focus in the dialog and closes it on Esc', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    await signIn(page, server.url, 'kai', PASSWORD);
    await page.goto(`${server.url}articles/${emptyId}`);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Submit this article?' });
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('You marked no spans');
    const focused = () => page.evaluate(() => document.activeElement?.textContent);
    expect(await focused()).toBe('Submit article');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Cancel');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Submit article');
    await screenshot(page, 'workspace-submit-empty-1400');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const k = await apiAs(server.url, 'kai', PASSWORD);
    expect((await k('GET', `/api/articles/${emptyId}`)).data.article.myStatus).not.toBe('submitted');
    await page.close();
  });

  it('opens a shortcut overlay with ?, listing the label keys, and closes it with Esc', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, server.url, 'kai', PASSWORD);
    await page.goto(`${server.url}articles/${articleId}`);
    await page.getByRole('toolbar', { name: 'Labels' }).waitFor();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    const text = await help.textContent();
    for (const expected of ['Reported statement', 'Attribution', 'Undo', 'Delete the selected span', 'Alt + Shift']) expect(text).toContain(expected);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
    await screenshot(page, 'workspace-shortcuts-1400');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    // The keys work again once it is closed: `?` reopens it.
    await page.keyboard.press('?');
    await help.waitFor();
    await page.close();
  });
});
