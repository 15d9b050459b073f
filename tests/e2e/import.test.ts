import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

const span = (annotator: string, status?: string) => ({ start: 0, end: 4, label: 'evaluative', annotator, ...(status ? { status } : {}) });
const FILE = [
  JSON.stringify({ id: 'imp-1', text: 'Böse Worte über die Regierung.', spans: [span('anna'), span('ben')] }),
  JSON.stringify({ id: 'imp-2', text: 'Gute Worte über die Opposition.', spans: [span('anna', 'draft')] }),
].join('\n');

describe('the import’s mapping step in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let projectId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    await admin('POST', '/api/users', { username: 'anna', password: 'anna-password', role: 'annotator' });
    projectId = (await admin('POST', '/api/projects', { name: 'Import mapping' })).data.project.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the annotators a file names, maps one to an existing account, and reports skips on a second import', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${server.url}projects/${projectId}`);
    const form = page.getByRole('form', { name: 'Import articles' });
    const choose = () => form.getByLabel('Files').setInputFiles({ name: 'spans.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(FILE) });
    await choose();

    // The dry run: what would happen, and who the file names.
    const mapping = form.getByRole('table', { name: 'Annotators in the file' });
    await mapping.waitFor();
    await expect(form.getByRole('list', { name: 'What the import would do' }).textContent()).resolves.toContain(
      'spans.jsonl: would import 2 articles, 3 spans; would create locked accounts: anna-import, ben.',
    );
    const annaSelect = form.getByLabel('Account for anna');
    const benSelect = form.getByLabel('Account for ben');
    expect(await annaSelect.locator('option:checked').textContent()).toBe('New locked account (anna-import)');
    expect(await benSelect.locator('option:checked').textContent()).toBe('New locked account (ben)');
    await expect(mapping.textContent()).resolves.toContain('an account “anna” exists');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'import-mapping-1400');
    await page.setViewportSize({ width: 1024, height: 900 });
    await screenshot(page, 'import-mapping-1024');

    // Map anna to the existing account; ben gets a new locked one.
    await annaSelect.selectOption('anna');
    const importButton = form.getByRole('button', { name: 'Import', exact: true });
    await importButton.click();
    await page.getByRole('status').filter({ hasText: 'spans.jsonl: imported 2 articles' }).waitFor();
    await expect(form.getByRole('list', { name: 'Import results' }).textContent()).resolves.toBe(
      'spans.jsonl: imported 2 articles, 3 spans; new locked account: ben; mapped: anna → anna.',
    );
    const articles = (await admin('GET', `/api/projects/${projectId}/articles`)).data.articles;
    expect(articles.map((a: { progress: Array<{ username: string; status: string }> }) => a.progress.map((p) => `${p.username}:${p.status}`))).toEqual([
      ['anna:submitted', 'ben:submitted'],
      ['anna:in_progress'],
    ]);

    // The same file again: everything is a duplicate, skipped and counted.
    await choose();
    await expect(form.getByRole('list', { name: 'What the import would do' }).textContent()).resolves.toContain('would skip 2 duplicates (lines 1, 2)');
    await importButton.click();
    await page.getByRole('status').filter({ hasText: 'spans.jsonl: imported 0 articles' }).waitFor();
    await expect(form.getByRole('list', { name: 'Import results' }).textContent()).resolves.toBe('spans.jsonl: imported 0 articles; skipped 2 duplicates (lines 1, 2).');
    expect((await admin('GET', `/api/projects/${projectId}/articles`)).data.articles).toHaveLength(2);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'import-skipped-1024');
    await page.setViewportSize({ width: 1400, height: 1000 });
    await screenshot(page, 'import-skipped-1400');
    await page.close();
  });
});
