import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

/** Issue 14: the profile page shows the sample story's articles side by side, says its basis, and downloads its table. */
describe('the bias profile page', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the five sample articles, then the story, with the basis, a chart and CSV/JSON equal to the API, at 1024 and 1400 px', async () => {
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const projectId = (await admin('GET', '/api/projects')).data.projects[0].id;
    const api = (await admin('GET', `/api/projects/${projectId}/profile?by=article&basis=gold`)).data;
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 }, acceptDownloads: true });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(new URL(`/projects/${projectId}`, server.url).href);
    await page.getByRole('link', { name: 'Bias profile' }).click();
    const table = page.getByRole('table', { name: 'Bias profile by article' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(5);
    const firstRow = await rows.first().locator('td').allTextContents();
    expect(firstRow[1]).toBe(String(api.groups[0].words));
    await page.getByText('Resting on the majority consensus of submitted spans on 5 articles.').waitFor();
    await page.getByRole('figure', { name: /groups side by side/ }).locator('svg').first().waitFor();
    await screenshot(page, 'profile-articles-1024');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]!.split(',')[2]).toBe(String(api.groups[0].words));
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    expect(JSON.parse(readFileSync((await json.path())!, 'utf8'))).toEqual(api);

    await page.getByLabel('Group by').selectOption('story');
    const story = page.getByRole('table', { name: 'Bias profile by story' });
    await story.getByRole('rowheader', { name: 'Friedenstruppen für die Ukraine' }).waitFor();
    await page.getByLabel('Basis').selectOption('demo-anna');
    await page.getByText("Resting on demo-anna's submitted spans on 5 articles.").waitFor();
    await page.setViewportSize({ width: 1400, height: 900 });
    await screenshot(page, 'profile-story-1400');

    // the project's switch turns the workspace's suggestions off (and on again)
    const offer = page.getByLabel(/Offer rule-based suggestions/);
    await expect(offer.isChecked()).resolves.toBe(true);
    await page.getByRole('table', { name: /Suggestion quality/ }).getByRole('rowheader', { name: 'rules-de-attribution' }).waitFor();
    await offer.click();
    await expect.poll(async () => (await admin('GET', `/api/projects/${projectId}/suggestions`)).data.enabled).toBe(false);
    await expect.poll(() => offer.isChecked()).toBe(false);
    await offer.click();
    await expect.poll(async () => (await admin('GET', `/api/projects/${projectId}/suggestions`)).data.enabled).toBe(true);
  });
});
