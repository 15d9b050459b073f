import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, signIn, startServer } from './harness.js';

const PASSWORD = 'Verwaltung-Passwort-2026';
const SHOTS = '/tmp/shots-manage';
const GUIDELINE = [
  '## Vorgehen',
  '',
  'Read the **whole article** before marking anything.',
  '',
  '- one span per source',
  '- link it to what it attributes',
  '',
  '<img src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script>[a bad link](javascript:window.__pwned=3)',
].join('\n');

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Issue 10: members, archive → restore → archive → purge by typing the name, guidelines rendered from Markdown. */
describe('running a project in Chromium', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let projectId: number;
  let articleId: number;
  let admin: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const tim = (await admin('POST', '/api/users', { username: 'tim', displayName: 'Tim Berger', password: PASSWORD, role: 'annotator' })).data.user;
    await admin('POST', '/api/users', { username: 'vera', displayName: 'Vera Lang', password: PASSWORD, role: 'supervisor' });
    await admin('POST', '/api/users', { username: 'otto', displayName: 'Otto Brandt', password: PASSWORD, role: 'supervisor' });
    const vera = await apiAs(server.url, 'vera', PASSWORD);
    projectId = (await vera('POST', '/api/projects', { name: 'Verwaltung' })).data.project.id;
    const imp = await vera('POST', `/api/projects/${projectId}/articles`, {
      articles: [
        { title: 'Wird gelöscht', text: 'Der Sprecher sagte, alles sei gut.' },
        { title: 'Bleibt stehen', text: 'Ein anderer Text bleibt stehen.' },
      ],
    });
    articleId = imp.data.articles[0].id;
    await vera('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [tim.id] });
    const scheme = (await vera('GET', `/api/projects/${projectId}/scheme`)).data.scheme;
    scheme.guideline = GUIDELINE;
    const attribution = scheme.labels.find((l: { key: string }) => l.key === 'attribution');
    attribution.guidelines = { en: 'Mark the **source** and the cue.', de: 'Markieren Sie die **Quelle** und das Redeverb.' };
    expect((await vera('PUT', `/api/projects/${projectId}/scheme`, scheme)).status).toBe(200);
    const t = await apiAs(server.url, 'tim', PASSWORD);
    expect((await t('POST', `/api/articles/${articleId}/annotations`, { label: 'attribution', start: 0, end: 18 })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const page = async (who: string, width: number) => {
    const p = await browser.newPage({ viewport: { width, height: 900 } });
    p.setDefaultTimeout(20_000);
    await signIn(p, server.url, who, PASSWORD);
    return p;
  };
  const fits = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it('adds and removes members; another supervisor sees the project only once added', async () => {
    const otto = await page('otto', 1400);
    // What otto's projects page shows, once its list has arrived (the sample project, which every supervisor sees, is in the same answer).
    const ottoSees = async () => {
      await otto.reload();
      await otto.getByRole('list', { name: 'Projects', exact: true }).getByRole('link', { name: /Friedenstruppen/ }).waitFor();
      return otto.getByRole('link', { name: 'Verwaltung' }).count();
    };
    await expect(ottoSees()).resolves.toBe(0);

    const vera = await page('vera', 1024);
    await vera.goto(`${server.url}projects/${projectId}`);
    const card = vera.getByRole('region', { name: 'Members' });
    const list = card.getByRole('list', { name: 'Project members' });
    await list.getByText('Vera Lang').waitFor();
    await expect(list.textContent()).resolves.toContain('supervisor (created it)');
    const add = card.getByRole('form', { name: 'Add a member' });
    await add.getByLabel('Account').selectOption({ label: 'Tim Berger (tim, annotator)' });
    await expect(add.getByLabel('Role').inputValue()).resolves.toBe('annotator');
    await add.getByRole('button', { name: 'Add member' }).click();
    await card.getByRole('status').filter({ hasText: 'Added Tim Berger.' }).waitFor();
    await add.getByLabel('Account').selectOption({ label: 'Otto Brandt (otto, supervisor)' });
    await expect(add.getByLabel('Role').inputValue()).resolves.toBe('supervisor');
    await add.getByRole('button', { name: 'Add member' }).click();
    await list.getByText('Otto Brandt').waitFor();
    await card.scrollIntoViewIfNeeded();
    expect(await fits(vera)).toBe(true);
    await shot(vera, 'members-1024');

    await expect(ottoSees()).resolves.toBe(1);

    await card.getByRole('button', { name: 'Remove Otto Brandt' }).click();
    const dialog = vera.getByRole('alertdialog', { name: 'Remove Otto Brandt?' });
    await expect(dialog.textContent()).resolves.toContain('Their assignments and spans stay');
    await dialog.getByRole('button', { name: 'Remove member' }).click();
    await card.getByRole('status').filter({ hasText: 'Removed Otto Brandt.' }).waitFor();
    await list.getByText('Otto Brandt').waitFor({ state: 'detached' });
    await vera.setViewportSize({ width: 1400, height: 900 });
    await shot(vera, 'members-1400');
    await expect(ottoSees()).resolves.toBe(0);
    await Promise.all([otto.close(), vera.close()]);
  });

  it('renders the guidelines from Markdown, safely, in the workspace and the scheme page, in English or German', async () => {
    const tim = await page('tim', 1024);
    await tim.goto(`${server.url}articles/${articleId}`);
    await tim.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: 'Guidelines' }).click();
    const dialog = tim.getByRole('dialog', { name: 'Guidelines' });
    const project = dialog.getByRole('region', { name: 'Project guideline' });
    await project.getByRole('heading', { name: 'Vorgehen' }).waitFor();
    await expect(project.locator('strong').textContent()).resolves.toBe('whole article');
    await expect(project.getByRole('listitem').count()).resolves.toBe(2);
    // Nothing of the raw HTML runs or stays: no script, no handler, no javascript: link.
    await expect(project.locator('script, img[onerror], [href^="javascript"]').count()).resolves.toBe(0);
    await expect(project.getByText('a bad link').count()).resolves.toBe(1);
    expect(await tim.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    const attribution = dialog.getByRole('region', { name: 'Attribution guideline' });
    await dialog.getByRole('group', { name: 'Guideline language' }).getByRole('button', { name: 'English' }).click();
    await expect(attribution.locator('strong').textContent()).resolves.toBe('source');
    await shot(tim, 'guidelines-en-1024');
    await dialog.getByRole('group', { name: 'Guideline language' }).getByRole('button', { name: 'German' }).click();
    await expect(attribution.locator('strong').textContent()).resolves.toBe('Quelle');
    // The side panel's cards follow the language chosen.
    await expect(tim.getByRole('complementary').getByRole('region', { name: 'Attribution guideline' }).locator('strong').textContent()).resolves.toBe('Quelle');
    await tim.setViewportSize({ width: 1400, height: 900 });
    await shot(tim, 'guidelines-de-1400');
    await tim.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await tim.close();

    const vera = await page('vera', 1400);
    await vera.goto(`${server.url}projects/${projectId}/settings`);
    const preview = vera.getByRole('region', { name: 'Project guideline preview' });
    await expect(preview.locator('strong').textContent()).resolves.toBe('whole article');
    await vera.getByLabel('Guideline (Markdown)').fill('Neu: *kursiv*');
    await expect(preview.locator('em').textContent()).resolves.toBe('kursiv');
    await shot(vera, 'scheme-preview-1400');
    await vera.close();
  });

  it('archives, restores, archives again and purges an article by typing its title; a project likewise', async () => {
    const vera = await page('vera', 1024);
    await vera.goto(`${server.url}projects/${projectId}`);
    const panel = vera.getByRole('region', { name: 'Archive' });
    const archive = async () => {
      await panel.getByLabel('Article').selectOption({ label: 'Wird gelöscht' });
      await panel.getByRole('button', { name: 'Archive…' }).click();
      const confirm = vera.getByRole('alertdialog', { name: 'Archive “Wird gelöscht”?' });
      await expect(confirm.textContent()).resolves.toContain('It holds 1 span by 1 annotator.');
      await confirm.getByRole('button', { name: 'Archive the article' }).click();
      await panel.getByRole('button', { name: 'Restore Wird gelöscht' }).waitFor();
    };
    await archive();
    // A supervisor restores but may not purge.
    await expect(panel.getByRole('button', { name: 'Delete Wird gelöscht permanently' }).count()).resolves.toBe(0);
    await panel.getByRole('button', { name: 'Restore Wird gelöscht' }).click();
    await vera.getByRole('table', { name: 'Articles' }).getByRole('link', { name: 'Wird gelöscht' }).waitFor();
    await archive();
    await vera.close();

    const adm = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    adm.setDefaultTimeout(20_000);
    await signIn(adm, server.url, 'admin', ADMIN_PASSWORD);
    await adm.goto(`${server.url}projects/${projectId}`);
    const archived = adm.getByRole('region', { name: 'Archive' });
    await archived.getByRole('button', { name: 'Delete Wird gelöscht permanently' }).click();
    const purge = adm.getByRole('alertdialog', { name: 'Delete “Wird gelöscht” permanently?' });
    const button = purge.getByRole('button', { name: 'Delete permanently' });
    const typed = purge.getByLabel('Type the article’s title to confirm');
    expect(await button.isDisabled()).toBe(true);
    await typed.fill('wird gelöscht');
    expect(await button.isDisabled()).toBe(true);
    await typed.fill('Wird gelöscht');
    expect(await button.isEnabled()).toBe(true);
    await shot(adm, 'purge-article-1400');
    await button.click();
    await archived.getByRole('status').filter({ hasText: 'Deleted “Wird gelöscht” permanently.' }).waitFor();
    expect((await admin('GET', `/api/articles/${articleId}`)).status).toBe(404);

    // The project: archived after a confirmation naming its spans, restored from the projects page, archived again and purged.
    const archiveProject = async () => {
      await adm.goto(`${server.url}projects/${projectId}`);
      await adm.getByRole('button', { name: 'Archive project…' }).click();
      const confirm = adm.getByRole('alertdialog', { name: 'Archive “Verwaltung”?' });
      // the count once the articles are loaded (before: "Counting its articles and spans…", never a count not yet known)
      await confirm.getByText('It holds 1 article with 0 spans.', { exact: false }).waitFor();
      await confirm.getByRole('button', { name: 'Archive the project' }).click();
      await adm.getByRole('note', { name: 'Archived project' }).waitFor();
    };
    await archiveProject();
    await adm.getByRole('link', { name: 'Projects', exact: true }).first().click();
    const section = adm.getByRole('region', { name: 'Archived projects' });
    await section.getByRole('button', { name: 'Show archived projects' }).click();
    await section.getByRole('list', { name: 'Archived projects list' }).getByText('1 article, 0 spans', { exact: false }).waitFor();
    await adm.setViewportSize({ width: 1024, height: 900 });
    expect(await fits(adm)).toBe(true);
    await shot(adm, 'archived-projects-1024');
    await section.getByRole('button', { name: 'Restore Verwaltung' }).click();
    await section.getByRole('status').filter({ hasText: 'Restored “Verwaltung”.' }).waitFor();
    await adm.getByRole('list', { name: 'Projects', exact: true }).getByRole('link', { name: 'Verwaltung' }).waitFor();
    await archiveProject();
    await adm.getByRole('note', { name: 'Archived project' }).getByRole('button', { name: 'Delete permanently…' }).click();
    const purgeProject = adm.getByRole('alertdialog', { name: 'Delete “Verwaltung” permanently?' });
    await purgeProject.getByLabel('Type the project’s name to confirm').fill('Verwaltung');
    await shot(adm, 'purge-project-1400');
    await purgeProject.getByRole('button', { name: 'Delete permanently' }).click();
    await adm.getByRole('heading', { name: 'Projects' }).waitFor();
    expect((await admin('GET', `/api/projects/${projectId}`)).status).toBe(404);
    await adm.close();
  });
});
