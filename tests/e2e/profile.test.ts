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

  it('opens the spans behind a figure; outlet and story are edited on the article page; the lexicon on the profile; quality on the dashboard', async () => {
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const projectId = (await admin('GET', '/api/projects')).data.projects[0].id;
    const article = (await admin('GET', `/api/projects/${projectId}/articles`)).data.articles[1];
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);

    // outlet and story in place, on the article page
    await page.goto(new URL(`/articles/${article.id}`, server.url).href);
    await page.getByRole('button', { name: 'Edit outlet and story' }).click();
    const form = page.getByRole('form', { name: 'Outlet and story' });
    await form.getByLabel('Outlet').fill('Testblatt');
    await page.screenshot({ path: '/tmp/shots-bias/article-meta-1024.png' });
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Outlet: Testblatt').waitFor();
    expect((await admin('GET', `/api/articles/${article.id}`)).data.article).toMatchObject({ source: 'Testblatt', story: 'Friedenstruppen für die Ukraine' });
    await page.getByRole('button', { name: 'Edit outlet and story' }).click();
    await form.getByLabel('Outlet').fill('x');
    await page.keyboard.press('Escape');
    await page.getByText('Outlet: Testblatt').waitFor();

    // every figure opens the spans behind it
    await page.goto(new URL(`/projects/${projectId}/profile`, server.url).href);
    await page.getByLabel('Group by').selectOption('outlet');
    const table = page.getByRole('table', { name: 'Bias profile by outlet' });
    await table.getByRole('rowheader', { name: 'Testblatt' }).waitFor();
    const spans = (await admin('GET', `/api/projects/${projectId}/profile/spans?by=outlet&basis=gold&group=Testblatt&figure=attributionsPer1000`)).data.spans;
    expect(spans.length).toBeGreaterThan(0);
    await table.getByRole('button', { name: /^Attributions per 1,000 words, Testblatt: .*Show the spans behind it/ }).click();
    const behind = page.getByRole('table', { name: 'Attributions per 1,000 words — Testblatt' });
    await expect.poll(() => behind.locator('tbody tr').count()).toBe(spans.length);
    await behind.getByRole('cell', { name: `“${spans[0].quote}”` }).first().waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('spans-behind-title');
    await page.screenshot({ path: '/tmp/shots-bias/spans-behind-1024.png', fullPage: false });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: '/tmp/shots-bias/spans-behind-1400.png' });
    await page.keyboard.press('Escape');
    await behind.waitFor({ state: 'detached' });
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toMatch(/^Attributions per 1,000 words, Testblatt/);

    // the lexicon: seeded from the guidelines, a term added
    const lexicon = page.getByRole('region', { name: 'Project lexicon' });
    await lexicon.getByLabel('Term 1', { exact: true }).waitFor();
    await expect(lexicon.getByLabel('Term 1', { exact: true }).inputValue()).resolves.toBe('Machthaber');
    await lexicon.getByRole('button', { name: 'Add term' }).click();
    await lexicon.getByLabel('Term 5', { exact: true }).fill('Kriegstreiber');
    await lexicon.getByLabel('Polarity of term 5').selectOption('negative');
    await lexicon.getByRole('button', { name: 'Save lexicon' }).click();
    await lexicon.getByRole('status').getByText('Saved.').waitFor();
    expect((await admin('GET', `/api/projects/${projectId}/lexicon`)).data.terms[4]).toEqual({ term: 'Kriegstreiber', label: 'evaluative', attributes: { polarity: 'negative' } });
    await lexicon.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/shots-bias/lexicon-1400.png' });

    // suggestion quality on the agreement dashboard
    await page.goto(new URL(`/projects/${projectId}/agreement`, server.url).href);
    const quality = page.getByRole('table', { name: /Suggestion quality/ });
    await quality.getByRole('rowheader', { name: 'lexicon' }).waitFor();
    await quality.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/shots-bias/dashboard-quality-1400.png' });
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.screenshot({ path: '/tmp/shots-bias/dashboard-quality-1024.png' });
  });
});
