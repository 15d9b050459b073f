import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, selectText, signIn, startServer } from './harness.js';

const PASSWORD = 'Schema-Test-Passwort-1';
const TEXT =
  'Laut einem Regierungssprecher wird die Reform des Rentensystems im kommenden Jahr ohne Einschnitte für die heutigen Rentner gelingen, ' +
  'obwohl die Opposition von einem unbezahlbaren Wahlgeschenk spricht.';

/** Issue 10: a supervisor edits the scheme and the workspace follows; an annotator links an attribution to a reported statement. */
describe('the scheme editor and relation types in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let projectId: number;
  let articleId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const lena = await admin('POST', '/api/users', { username: 'lena', password: PASSWORD, role: 'annotator' });
    await admin('POST', '/api/users', { username: 'sara', password: PASSWORD, role: 'supervisor' });
    const sara = await apiAs(server.url, 'sara', PASSWORD);
    projectId = (await sara('POST', '/api/projects', { name: 'Rentenreform' })).data.project.id;
    articleId = (await sara('POST', `/api/projects/${projectId}/articles`, { articles: [{ title: 'Reform', text: TEXT }] })).data.articles[0].id;
    await sara('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [lena.data.user.id] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const sidePanelFits = (page: Page) =>
    page.evaluate(() => {
      const side = document.querySelector('.side')!;
      return side.scrollWidth <= side.clientWidth && document.documentElement.scrollWidth <= document.documentElement.clientWidth;
    });

  it('renames a label and adds a guideline; the workspace shows the new name', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, server.url, 'sara', PASSWORD);
    await page.goto(`${server.url}projects/${projectId}`);
    await page.getByRole('link', { name: 'Label scheme' }).click();
    const statement = page.getByRole('group', { name: 'Label Reported statement' });
    await statement.getByLabel('Name').fill('Wiedergegebene Aussage');
    await page.getByLabel('Guideline (Markdown)').fill('Lesen Sie den **ganzen** Artikel, bevor Sie markieren.');
    await page.getByRole('button', { name: 'Save scheme' }).click();
    await page.getByRole('status').filter({ hasText: 'Scheme saved.' }).waitFor();
    await screenshot(page, 'scheme-settings-1400');
    // Her reading view of an article shows the guideline rendered, beside the labels' guidelines.
    await page.goto(`${server.url}articles/${articleId}`);
    const guideline = page.getByRole('complementary', { name: 'Guidelines' }).getByRole('region', { name: 'Project guideline' });
    await guideline.locator('strong', { hasText: 'ganzen' }).waitFor();
    expect(await guideline.textContent()).not.toContain('**');
    expect(await sidePanelFits(page)).toBe(true);
    await screenshot(page, 'reader-guideline-1400');
    await page.setViewportSize({ width: 1024, height: 900 });
    expect(await sidePanelFits(page)).toBe(true);
    await screenshot(page, 'reader-guideline-1024');
    await page.close();

    const lena = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(lena, server.url, 'lena', PASSWORD);
    await lena.goto(`${server.url}articles/${articleId}`);
    await lena.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: 'Wiedergegebene Aussage' }).waitFor();
    await lena.close();
  });

  it('links an attribution to a reported statement; only the allowed spans are offered, the panel fits at 1024 and 1400 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, server.url, 'lena', PASSWORD);
    await page.goto(`${server.url}articles/${articleId}`);
    await page.getByRole('toolbar', { name: 'Labels' }).waitFor();
    const saved = () => page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    await selectText(page, 'wird die Reform des Rentensystems im kommenden Jahr ohne Einschnitte für die heutigen Rentner gelingen');
    await page.keyboard.press('4');
    await saved();
    await selectText(page, 'unbezahlbaren Wahlgeschenk');
    await page.keyboard.press('2');
    await saved();
    await selectText(page, 'Laut einem Regierungssprecher');
    await page.keyboard.press('1');
    await saved();
    const panel = page.getByRole('region', { name: 'Selected span' });
    const picker = panel.getByRole('combobox', { name: /^Attributes/ });
    const options = await picker.locator('option').allTextContents();
    expect(options.slice(1).map((o) => o.split(':')[0])).toEqual(['Wiedergegebene Aussage', 'Evaluative language']);
    await picker.selectOption({ label: options.find((o) => o.startsWith('Wiedergegebene Aussage'))! });
    await saved();
    const links = panel.getByRole('list', { name: 'Links' });
    await links.getByRole('button', { name: /^→ wird die Reform/ }).waitFor();
    expect(await links.getByRole('button', { name: /^→ wird die Reform/ }).getAttribute('title')).toContain('heutigen Rentner gelingen');
    expect(await sidePanelFits(page)).toBe(true);
    await screenshot(page, 'scheme-link-1400');
    await page.setViewportSize({ width: 1024, height: 800 });
    await links.getByRole('button', { name: /^Unlink/ }).waitFor();
    expect(await sidePanelFits(page)).toBe(true);
    await screenshot(page, 'scheme-link-1024');
    // A reported statement cannot be the source of a link: no picker when it is selected.
    await page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /^Wiedergegebene Aussage/ }).click();
    await expect(panel.getByRole('combobox', { name: /^Attributes/ }).count()).resolves.toBe(0);
    const lenaApi = await apiAs(server.url, 'lena', PASSWORD);
    const stored = (await lenaApi('GET', `/api/articles/${articleId}/annotations`)).data;
    const byId = new Map(stored.annotations.map((a: { id: string; label: string }) => [a.id, a.label]));
    expect(stored.relations.map((r: { from: string; to: string; type: string }) => [byId.get(r.from), byId.get(r.to), r.type])).toEqual([['attribution', 'statement', 'attributes']]);
    await page.close();
  });

  it('asks before removing a label in use, naming how many spans go', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'sara', PASSWORD);
    await page.goto(`${server.url}projects/${projectId}/settings`);
    await page.getByRole('button', { name: 'Remove label Wiedergegebene Aussage' }).click();
    const type = page.getByRole('group', { name: 'Attributes to' });
    expect(await type.getByRole('checkbox').count()).toBe(3);
    await page.getByRole('button', { name: 'Save scheme' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'This change affects work in use' });
    await expect(dialog.textContent()).resolves.toContain('1 spans labelled “statement” will be deleted');
    await screenshot(page, 'scheme-confirm-1024');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const sara = await apiAs(server.url, 'sara', PASSWORD);
    expect((await sara('GET', `/api/projects/${projectId}/scheme`)).data.scheme.labels.map((l: { key: string }) => l.key)).toContain('statement');
    await page.close();
  });
});
