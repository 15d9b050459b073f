import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

const TEXT = 'Die Regierung hat versagt, sagte der Sprecher laut Quellen. Ein Skandal war das.';

describe('the export panel says what an export will hold and lose, before the download', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let projectId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await admin('POST', '/api/projects', { name: 'Export check' })).data.project.id;
    const articleId = (await admin('POST', `/api/projects/${projectId}/articles`, { articles: [{ text: TEXT, title: 'Szene' }] })).data.articles[0].id;
    const ids: number[] = [];
    for (const name of ['anna', 'ben']) ids.push((await admin('POST', '/api/users', { username: name, password: `${name}-password`, role: 'annotator' })).data.user.id);
    expect((await admin('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: ids, articleIds: [articleId] })).status).toBe(201);
    const cp = (needle: string) => Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
    const [anna, ben] = await Promise.all([apiAs(server.url, 'anna', 'anna-password'), apiAs(server.url, 'ben', 'ben-password')]);
    const span = async (as: typeof anna, label: string, needle: string, attributes: Record<string, string>) =>
      expect((await as('POST', `/api/articles/${articleId}/annotations`, { label, start: cp(needle), end: cp(needle) + needle.length, attributes })).status).toBe(201);
    await span(anna, 'evaluative', 'Die Regierung hat versagt', { polarity: 'negative' });
    await span(anna, 'evaluative', 'Regierung', { polarity: 'negative' }); // nested: dropped in CoNLL
    await span(anna, 'evaluative', 'kandal', { polarity: 'negative' }); // inside a word
    await span(anna, 'attribution', 'sagte der Sprecher ', { sourceType: 'named_person' }); // ends in white space: trimmed
    await span(ben, 'evaluative', 'versagt', { polarity: 'negative' }); // ben's draft
    expect((await anna('POST', `/api/articles/${articleId}/submit`)).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the manifest counts for the chosen format and work, at 1024 and 1400 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(new URL(`/projects/${projectId}`, server.url).href);
    const panel = page.getByRole('form', { name: 'Export dataset' });
    const holds = panel.getByRole('region', { name: 'What the export holds' });

    await holds.getByText(/^Will export 1 article; 4 spans and 0 links by 1 annotator; submitted work only\.$/).waitFor();
    await expect(holds.textContent()).resolves.toContain('This format holds everything exported.');

    await panel.getByLabel('Format').selectOption('conll-columns');
    const losses = holds.getByRole('list', { name: 'What this format cannot represent' });
    await losses.getByText('1 span will be trimmed to token boundaries').waitFor();
    const items = await losses.getByRole('listitem').allTextContents();
    expect(items).toContain('1 span covers part of a word only and will be widened to the whole word');
    expect(items).toContain('1 span dropped as overlapping a longer span of the same label and annotator');
    expect(items).toContain('4 spans’ attributes cannot be written in this format');

    await panel.getByLabel('Work').selectOption('all');
    await holds.getByText(/5 spans and 0 links by 2 annotators; submitted work and drafts \(1 draft span\)/).waitFor();
    // the download link asks for exactly what the manifest describes
    await expect(panel.getByRole('link', { name: 'Download' }).getAttribute('href')).resolves.toBe(`/api/projects/${projectId}/export?format=conll&conllShape=columns&source=all&status=all`);
    await screenshot(page, 'export-manifest-1024');
    await page.setViewportSize({ width: 1400, height: 900 });
    await screenshot(page, 'export-manifest-1400');
    await page.close();
  });
});
