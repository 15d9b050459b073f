import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

const PASSWORD = 'Zuweisung-Passwort-2026';
const REASON = 'Doppelt: derselbe Text wie der zweite Bericht';
const OUTLETS = ['Frankfurter Allgemeine Zeitung, Ressort Wirtschaft und Finanzen (Online-Ausgabe)', 'taz'];
const STORY = 'Rentenreform 2026: Streit in der Koalition über die Haltelinie';
/** “Archive project…” on the line of the project's page links, not on a line of its own. */
const archiveBesideLinks = async (page: Page) => {
  const nav = (await page.getByRole('navigation', { name: 'Project pages' }).boundingBox())!;
  const button = (await page.getByRole('button', { name: 'Archive project…' }).boundingBox())!;
  return button.y < nav.y + nav.height && button.y + button.height > nav.y;
};
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** Issue 10: chosen articles to chosen annotators, unassigning after a confirmation, and an annotator's skip seen by the supervisor. */
describe('assignments and skipped articles in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let projectId: number;
  let ids: number[];
  let ada: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    for (const [username, role] of [['sofia', 'supervisor'], ['ada', 'annotator'], ['bo', 'annotator']])
      expect((await admin('POST', '/api/users', { username, password: PASSWORD, role })).status).toBe(201);
    const sofia = await apiAs(server.url, 'sofia', PASSWORD);
    projectId = (await sofia('POST', '/api/projects', { name: 'Zuweisung' })).data.project.id;
    const imp = await sofia('POST', `/api/projects/${projectId}/articles`, {
      articles: ['Erster', 'Zweiter', 'Dritter'].map((n, i) => ({
        title: `${n} Bericht`,
        text: `Der ${n.toLowerCase()} Bericht sagt, es gehe voran.`,
        ...(i < 2 && { source: OUTLETS[i], story: STORY }), // the third has neither
      })),
    });
    ids = imp.data.articles.map((a: { id: number }) => a.id);
    ada = await apiAs(server.url, 'ada', PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('assigns chosen articles to chosen annotators, never offers demo accounts, and unassigns after naming the work', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'sofia', PASSWORD);
    await page.goto(`${server.url}projects/${projectId}`);
    const panel = page.getByRole('form', { name: 'Assign articles' });
    expect(await panel.getByRole('radio', { name: 'Chosen articles to chosen annotators' }).isChecked()).toBe(true);
    await panel.getByRole('checkbox', { name: /ada/ }).check();
    await panel.getByRole('checkbox', { name: /bo/ }).check();
    await expect(panel.getByRole('checkbox', { name: /demo-/ }).count()).resolves.toBe(0);
    await panel.getByRole('checkbox', { name: 'Select all articles' }).check();
    await panel.getByRole('checkbox', { name: 'Dritter Bericht' }).uncheck();
    await panel.getByRole('button', { name: 'Assign chosen', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: 'Created 4 new assignments.' }).waitFor();
    const picker = panel.getByRole('list', { name: 'Articles to choose from' });
    await picker.getByText('ada (not started) · bo (not started)').first().waitFor();
    expect(await picker.getByRole('listitem').nth(2).textContent()).toContain('unassigned');
    await screenshot(page, 'assign-chosen-1024');
    expect(await fits(page)).toBe(true);

    expect((await ada('POST', `/api/articles/${ids[0]}/annotations`, { label: 'attribution', start: 0, end: 10 })).status).toBe(201);
    await page.reload();
    await panel.getByRole('checkbox', { name: /ada/ }).check();
    await panel.getByRole('checkbox', { name: /bo/ }).check();
    await panel.getByRole('checkbox', { name: 'Erster Bericht' }).check();
    await panel.getByRole('checkbox', { name: 'Zweiter Bericht' }).check();
    await panel.getByRole('button', { name: 'Unassign chosen…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Unassign although work exists?' });
    await expect(dialog.textContent()).resolves.toContain('1 of the 4 assignments hold work: 1 span, 0 submitted');
    await screenshot(page, 'unassign-confirm-1024');
    await dialog.getByRole('button', { name: 'Unassign 4 assignments' }).click();
    await panel.getByRole('status').filter({ hasText: 'Removed 4 assignments.' }).waitFor();
    await picker.getByText('unassigned').nth(2).waitFor(); // all three articles, once the list is fetched again

    // Assigning Ada again brings her span back.
    await panel.getByRole('checkbox', { name: /bo/ }).uncheck();
    await panel.getByRole('button', { name: 'Assign chosen', exact: true }).click();
    await picker.getByText('ada (in progress, 1 span)').waitFor();

    // The Accounts page says which accounts are demo accounts.
    await page.getByRole('link', { name: 'Accounts' }).click();
    const accounts = page.getByRole('table', { name: 'Accounts' });
    await accounts.getByRole('row', { name: /demo-anna/ }).getByTitle(/never offered for assignment/).waitFor();
    await expect(accounts.getByRole('row', { name: /^ada / }).getByTitle(/never offered/).count()).resolves.toBe(0);
    await screenshot(page, 'accounts-demo-1024');
    await page.close();
  });

  it('lets an annotator skip an article with a reason, moves on, and shows the supervisor the reason to clear', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, server.url, 'ada', PASSWORD);
    await page.goto(`${server.url}articles/${ids[0]}`);
    const open = page.getByRole('button', { name: 'Flag / skip…' });
    const dialog = page.getByRole('dialog', { name: 'Skip this article?' });
    await open.click();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await open.click();
    const send = dialog.getByRole('button', { name: 'Skip article' });
    expect(await send.isDisabled()).toBe(true);
    await dialog.getByLabel('Reason (required)').fill(REASON);
    await screenshot(page, 'flag-dialog-1400');
    await send.click();
    await page.getByRole('heading', { name: 'Zweiter Bericht', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Your queue' }).getByText('submitted, 1 skipped').waitFor();
    await page.goto(`${server.url}projects/${projectId}`);
    await page.getByRole('table', { name: 'Articles' }).getByText('skipped').waitFor();
    await page.goto(`${server.url}articles/${ids[0]}`);
    await page.getByRole('region', { name: 'Skipped' }).getByText(REASON).waitFor();
    await screenshot(page, 'flag-skipped-note-1400');
    expect(await fits(page)).toBe(true);
    await page.context().close();

    const sup = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(sup, server.url, 'sofia', PASSWORD);
    await sup.goto(`${server.url}projects/${projectId}`);
    const flags = sup.getByRole('region', { name: 'Skipped articles' });
    await flags.getByText(REASON).waitFor();
    expect(await flags.textContent()).toContain('ada skipped Erster Bericht');
    await screenshot(sup, 'flags-supervisor-1400');
    expect(await fits(sup)).toBe(true);
    await flags.getByRole('button', { name: 'Clear ada’s flag on Erster Bericht' }).click();
    await flags.waitFor({ state: 'detached' });
    await sup.getByRole('table', { name: 'Articles' }).getByText('skipped').waitFor({ state: 'detached' });
    // Outlet and story columns, cut to one line with the full value on hover, within the page at 1024 px.
    const table = sup.getByRole('table', { name: 'Articles' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['#', 'Title', 'Outlet', 'Story', 'Characters', 'Annotators']);
    expect(await archiveBesideLinks(sup)).toBe(true);
    await screenshot(sup, 'project-articles-1400');
    await sup.setViewportSize({ width: 1024, height: 900 });
    const outlet = table.getByRole('row', { name: /Erster Bericht/ }).getByTitle(OUTLETS[0]!);
    expect(await outlet.textContent()).toBe(OUTLETS[0]);
    expect(await outlet.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    expect(await table.getByRole('row', { name: /Zweiter Bericht/ }).getByTitle(STORY).textContent()).toBe(STORY);
    await expect(table.getByRole('row', { name: /Dritter Bericht/ }).getByRole('cell', { name: '—', exact: true }).count()).resolves.toBe(2);
    expect(await table.evaluate((t) => t.getBoundingClientRect().right <= t.parentElement!.getBoundingClientRect().right + 0.5)).toBe(true);
    expect(await archiveBesideLinks(sup)).toBe(true);
    await screenshot(sup, 'assign-project-1024');
    expect(await fits(sup)).toBe(true);
    await sup.context().close();
  });

  it('lets an annotator withdraw her skip flag, and the article is back in her queue as open', async () => {
    // Ada holds both reports (the first open again since Sofia cleared its flag); she skips the second.
    expect((await ada('POST', `/api/articles/${ids[1]}/flag`, { reason: REASON })).status).toBe(200);
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 900 } })).newPage();
    await signIn(page, server.url, 'ada', PASSWORD);
    const queue = page.getByRole('region', { name: 'Your queue' });
    await page.goto(`${server.url}articles/${ids[0]}`);
    await queue.getByText('0 of 2 submitted, 1 skipped').waitFor();
    await queue.getByText('This is your last open article.').waitFor();

    await page.goto(`${server.url}articles/${ids[1]}`);
    const note = page.getByRole('region', { name: 'Skipped' });
    await note.getByText(REASON).waitFor();
    await note.getByRole('button', { name: 'Withdraw flag' }).click();
    await note.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Flag / skip…' }).waitFor();
    expect((await queue.textContent()) ?? '').not.toContain('skipped');
    await screenshot(page, 'flag-withdrawn-1024');
    expect(await fits(page)).toBe(true);

    // From the first report, the next open article is the second one again.
    await queue.getByRole('link', { name: 'Next article →' }).click();
    await page.getByRole('heading', { name: 'Erster Bericht', level: 1 }).waitFor();
    const next = queue.getByRole('link', { name: 'Next article →' });
    expect(await next.getAttribute('href')).toBe(`/articles/${ids[1]}`);
    await page.goto(`${server.url}projects/${projectId}`);
    const table = page.getByRole('table', { name: 'Articles' });
    await table.getByRole('row', { name: /Zweiter Bericht/ }).getByText('not started').waitFor();
    await expect(table.getByText('skipped').count()).resolves.toBe(0);
    await expect(table.getByRole('columnheader', { name: 'Outlet' }).count()).resolves.toBe(0); // annotators label without the outlet in view
    await page.context().close();
  });
});
