import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, selectText, signIn, startServer } from './harness.js';

describe('the workspace never loses a change silently', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let articleId: number;
  let admin: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const cleo = await admin('POST', '/api/users', { username: 'cleo', password: 'cleo-password', role: 'annotator' });
    const projectId = (await admin('GET', '/api/projects')).data.projects[0].id;
    articleId = (await admin('GET', `/api/projects/${projectId}/articles`)).data.articles[1].id;
    await admin('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [cleo.data.user.id], articleIds: [articleId] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const spans = async () => (await admin('GET', `/api/articles/${articleId}/annotations?annotator=cleo`)).data.annotations as Array<{ id: string; note: string | null; label: string }>;
  const open = async (page: Page) => {
    await page.goto(`${server.url}articles/${articleId}`);
    await page.getByRole('toolbar', { name: 'Labels' }).waitFor();
  };

  it('shows a save that cannot reach the server, keeps it on the page, and saves it on Retry', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    await signIn(page, server.url, 'cleo', 'cleo-password');
    await open(page);
    await page.route('**/api/articles/*/annotations', (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue()));
    await selectText(page, 'so westliche Beamte');
    await page.keyboard.press('1');
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'not saved' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'annotate-offline');
    expect(await spans()).toEqual([]);
    // The span is still on the page.
    await expect(page.getByRole('region', { name: 'Annotations' }).textContent()).resolves.toContain('so westliche Beamte');

    await page.unroute('**/api/articles/*/annotations');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    expect((await spans()).map((s) => s.label)).toEqual(['attribution']);
    await page.close();
  });

  it('tells the second of two tabs that the span changed elsewhere, and reloads it', async () => {
    const viewport = { width: 1360, height: 1000 };
    const [one, two] = [await browser.newContext({ viewport }), await browser.newContext({ viewport })];
    const a = await one.newPage();
    const b = await two.newPage();
    await signIn(a, server.url, 'cleo', 'cleo-password');
    await signIn(b, server.url, 'cleo', 'cleo-password');
    await open(a);
    await open(b);
    const pick = (p: Page) => p.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /so westliche Beamte/ }).click();
    await pick(a);
    await pick(b);

    await a.getByRole('region', { name: 'Selected span' }).getByLabel('Note').fill('aus Tab A');
    await a.getByRole('region', { name: 'Selected span' }).getByLabel('Note').blur();
    await a.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();

    await b.getByRole('region', { name: 'Selected span' }).getByLabel('Source type').selectOption('anonymous');
    const alert = b.getByRole('alert').filter({ hasText: 'changed elsewhere' });
    await alert.waitFor();
    await screenshot(b, 'annotate-conflict');
    expect((await spans())[0]!.note).toBe('aus Tab A'); // tab A's change stands
    await alert.getByRole('button', { name: 'Reload spans' }).click();
    await b.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /so westliche Beamte/ }).click();
    await expect(b.getByRole('region', { name: 'Selected span' }).getByLabel('Note').inputValue()).resolves.toBe('aus Tab A');
    await one.close();
    await two.close();
  });
});
