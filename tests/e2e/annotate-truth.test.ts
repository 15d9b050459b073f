/**
 * Issue 8 in the browser: the page shows what the server stored, and no work
 * is lost at the edges (offline, closing the tab, an expired session, a
 * double click).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, selectText, signIn, startServer } from './harness.js';

/** Whether the page asks before closing: it cancels the `beforeunload` event. */
const beforeUnloadCancelled = (page: Page) =>
  page.evaluate(() => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });

type Span = { id: string; label: string; quote: string; attributes: Record<string, string> };

describe('nothing silently wrong in the workspace', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let projectId: number;
  let articleIds: number[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await admin('GET', '/api/projects')).data.projects[0].id;
    articleIds = (await admin('GET', `/api/projects/${projectId}/articles`)).data.articles.map((a: { id: number }) => a.id);
    for (const name of ['dora', 'emil', 'fritz', 'gerd']) {
      const u = await admin('POST', '/api/users', { username: name, password: `${name}-password`, role: 'annotator' });
      await admin('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [u.data.user.id], articleIds: [articleIds[1]] });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const spansOf = async (user: string): Promise<Span[]> => (await admin('GET', `/api/articles/${articleIds[1]}/annotations?annotator=${user}`)).data.annotations;
  const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
  const openAs = async (user: string, width = 1400) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await signIn(page, server.url, user, `${user}-password`);
    await page.goto(`${server.url}articles/${articleIds[1]}`);
    await page.getByRole('toolbar', { name: 'Labels' }).waitFor();
    return page;
  };

  it('relabels 2 → 3 → 2 with attributes; undo restores label and attributes; after a reload the page equals the server', async () => {
    const page = await openAs('dora');
    const panel = page.getByRole('region', { name: 'Selected span' });
    await selectText(page, 'entschiedenen russischen Widerstand');
    await page.keyboard.press('2');
    await panel.getByLabel('Polarity').selectOption('negative');
    await saved(page);
    expect((await spansOf('dora'))[0]).toMatchObject({ label: 'evaluative', attributes: { polarity: 'negative' } });

    await page.keyboard.press('3');
    await saved(page);
    expect((await spansOf('dora'))[0]).toMatchObject({ label: 'unsupported_claim', attributes: {} });
    await expect(panel.getByLabel('Checkable').inputValue()).resolves.toBe('');
    await page.keyboard.press('2');
    await saved(page);
    // The unsupported claim has no polarity: the server dropped it, and the page says so.
    expect((await spansOf('dora'))[0]).toMatchObject({ label: 'evaluative', attributes: {} });
    await expect(panel.getByLabel('Polarity').inputValue()).resolves.toBe('');

    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await saved(page);
    expect((await spansOf('dora'))[0]).toMatchObject({ label: 'evaluative', attributes: { polarity: 'negative' } });
    await expect(panel.getByLabel('Polarity').inputValue()).resolves.toBe('negative');

    await page.reload();
    await page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /entschiedenen russischen Widerstand/ }).click();
    await expect(panel.getByLabel('Label').inputValue()).resolves.toBe('evaluative');
    await expect(panel.getByLabel('Polarity').inputValue()).resolves.toBe('negative');
    await page.close();
  });

  it('offline: says so with Retry, keeps the span, warns before closing, and saves when the connection is back', async () => {
    const page = await openAs('emil', 1024);
    await page.context().setOffline(true);
    await selectText(page, 'so westliche Beamte');
    await page.keyboard.press('1');
    const alert = page.getByRole('alert').filter({ hasText: 'not saved' });
    await alert.waitFor({ timeout: 5_000 }); // at once, not after minutes of "Saving…"
    await expect(alert.getByRole('button', { name: 'Retry' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('status').filter({ hasText: 'Not saved' }).count()).resolves.toBe(1);
    await screenshot(page, 'annotate-offline-1024');
    // Closing the tab now asks first. Headless Chromium closes without showing the browser's
    // dialog, so the test sends the event the browser sends and sees the page cancel it.
    expect(await beforeUnloadCancelled(page)).toBe(true);

    // A second change waits behind the first; back online, both are saved in order.
    await page.getByRole('region', { name: 'Selected span' }).getByLabel('Source type').selectOption('anonymous');
    await page.context().setOffline(false);
    await saved(page);
    expect(await spansOf('emil')).toEqual([expect.objectContaining({ label: 'attribution', quote: 'so westliche Beamte', attributes: { sourceType: 'anonymous' } })]);
    expect(await beforeUnloadCancelled(page)).toBe(false); // nothing unsaved: no question
    await page.close();
  });

  it('an expired session opens a sign-in dialog over the workspace; after signing in the waiting change is saved', async () => {
    const page = await openAs('fritz');
    // The session ends elsewhere (here: its cookie signs out through the API).
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await fetch(new URL('/api/auth/logout', server.url), { method: 'POST', headers: { cookie, origin: new URL(server.url).origin } });
    await selectText(page, 'vorsichtigen Zuspruch');
    await page.keyboard.press('2');
    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.waitFor();
    await screenshot(page, 'annotate-session-expired');
    expect(await spansOf('fritz')).toEqual([]);
    await expect(page.getByRole('region', { name: 'Annotations' }).textContent()).resolves.toContain('vorsichtigen Zuspruch');
    await dialog.getByLabel('Password').fill('wrong-password');
    await dialog.getByRole('button', { name: 'Sign in and save' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('Password').fill('fritz-password');
    await dialog.getByRole('button', { name: 'Sign in and save' }).click();
    await saved(page);
    await expect(dialog.count()).resolves.toBe(0);
    expect((await spansOf('fritz')).map((s) => s.quote)).toEqual(['vorsichtigen Zuspruch']);
    await page.close();
  });

  it('a double click on "Create project" makes one project', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    const form = page.getByRole('form', { name: 'New project' });
    await form.getByLabel('Project name').fill('Doppelklick');
    await form.getByRole('button', { name: 'Create project' }).dblclick();
    await page.getByRole('link', { name: 'Doppelklick' }).waitFor();
    await page.waitForTimeout(500);
    const projects = (await admin('GET', '/api/projects')).data.projects as Array<{ name: string }>;
    expect(projects.filter((p) => p.name === 'Doppelklick')).toHaveLength(1);
    await page.close();
  });
});
