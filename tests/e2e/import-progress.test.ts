/**
 * Issue 13: a large import runs as a job on the server; the import card
 * shows its progress (a bar over the work, the file and the stage in words),
 * then the result; "Cancel import" stops a running one and nothing of the
 * file is imported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { toJsonlLine } from '@mbw/shared';
import { agreementWorkload } from '../../bench/agreementData.js';
import { join } from 'node:path';
import { ADMIN_PASSWORD, apiAs, launchBrowser, SCREENSHOTS, signIn, startServer } from './harness.js';

/** `n` distinct articles with spans of three annotators, as JSONL. */
function file(n: number, seed: number): Buffer {
  const input = agreementWorkload(n, 4, seed);
  const lines = input.articles.map((a, i) =>
    toJsonlLine({
      id: `big-${seed}-${i}`,
      text: `${a.text} (${seed}-${i})`,
      meta: { title: a.title },
      relations: [],
      spans: a.spans.map((s) => ({ id: String(s.id), start: s.start, end: s.end, label: 'statement', annotator: s.annotator, attributes: {}, quote: a.text.slice(s.start, s.end) })),
    }),
  );
  return Buffer.from(lines.join('\n'));
}

describe('a large import’s progress in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let projectId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await admin('POST', '/api/projects', { name: 'Big import' })).data.project.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the bar, the file and the stage while importing, then the result; a cancelled import leaves nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${server.url}projects/${projectId}`);
    const form = page.getByRole('form', { name: 'Import articles' });
    const importButton = form.getByRole('button', { name: 'Import', exact: true });

    await form.getByLabel('Files').setInputFiles({ name: 'big.jsonl', mimeType: 'application/x-ndjson', buffer: file(600, 1) });
    await expect(form.getByRole('list', { name: 'What the import would do' }).textContent({ timeout: 30_000 })).resolves.toContain('big.jsonl: would import 600 articles');
    await importButton.click();
    const bar = form.getByRole('progressbar', { name: 'Import progress' });
    await bar.waitFor();
    await form.getByRole('status').filter({ hasText: /^(Sending|Checking|Writing the articles of) big\.jsonl/ }).waitFor();
    await expect(form.getByRole('button', { name: 'Importing…' }).isDisabled()).resolves.toBe(true);
    await form.screenshot({ path: join(SCREENSHOTS, 'import-progress-1400.png') });
    await form.getByRole('list', { name: 'Import results' }).getByText('big.jsonl: imported 600 articles').waitFor({ timeout: 30_000 });
    await expect(bar.count()).resolves.toBe(0);
    expect((await admin('GET', `/api/projects/${projectId}/articles`)).data.articles).toHaveLength(600);

    // A second file, cancelled as soon as it runs (sent, checked or written: writing 2,000 articles takes
    // about a second, too short to wait for that stage; tests/api/import-jobs.test.ts cancels mid-write):
    // nothing of it is imported.
    await page.setViewportSize({ width: 1024, height: 900 });
    await form.getByLabel('Files').setInputFiles({ name: 'more.jsonl', mimeType: 'application/x-ndjson', buffer: file(2000, 2) });
    await expect(form.getByRole('list', { name: 'What the import would do' }).textContent({ timeout: 30_000 })).resolves.toContain('more.jsonl: would import 2000 articles');
    await importButton.click();
    await form.getByRole('button', { name: 'Cancel import' }).click();
    await form.getByRole('alert').filter({ hasText: 'more.jsonl: Cancelled: nothing of this file was imported.' }).waitFor({ timeout: 30_000 });
    await form.screenshot({ path: join(SCREENSHOTS, 'import-cancelled-1024.png') });
    expect((await admin('GET', `/api/projects/${projectId}/articles`)).data.articles).toHaveLength(600);
    await page.close();
  }, 120_000);
});
