import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, launchBrowser, screenshot, signIn, startServer } from './harness.js';

describe('the workbench in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password with a readable message', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong username or password');
    await page.close();
  });

  it('logs in as admin, lists the sample project and opens a sample article', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    const projects = page.getByRole('list', { name: 'Projects' });
    await projects.getByRole('link', { name: /Friedenstruppen/ }).click();
    const rows = page.getByRole('table', { name: 'Articles' }).getByRole('row');
    await rows.nth(5).waitFor();
    expect(await rows.count()).toBe(6); // header + five articles
    await screenshot(page, 'project');

    await page.getByRole('link', { name: /^Europa plant die Entsendung/ }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Europa plant die Entsendung/);
    const text = page.getByLabel('Article text');
    await expect(text.textContent()).resolves.toContain('so westliche Beamte');
    // Paragraphs are kept: the article has several, and the title is not repeated in the body.
    expect(await text.locator('p').count()).toBeGreaterThan(3);
    await expect(page.getByRole('region', { name: 'Attribution guideline' }).textContent()).resolves.toContain('sourceType');
    await screenshot(page, 'article');
    await page.close();
  });

  it('lets a supervisor create an annotator, import an article and assign round-robin; the annotator sees only their work', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);

    await page.getByRole('link', { name: 'Accounts' }).click();
    const form = page.getByRole('form', { name: 'New account' });
    for (const name of ['anna', 'ben']) {
      await form.getByLabel('Username').fill(name);
      await form.getByLabel('Password').fill(`${name}-password`);
      await form.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('status').filter({ hasText: `Created ${name}.` }).waitFor();
    }
    await expect(page.getByRole('table', { name: 'Accounts' }).textContent()).resolves.toContain('ben');

    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: /Friedenstruppen/ }).click();
    const importForm = page.getByRole('form', { name: 'Import articles' });
    await importForm.getByLabel('Article text').fill('Ein neuer Artikel 🇩🇪\n\n„Das ist gut“, sagte sie.\nZweiter Absatz.');
    await importForm.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Pasted text: imported 1 article.' }).waitFor();
    await page.getByRole('link', { name: 'Ein neuer Artikel 🇩🇪' }).waitFor();

    const assign = page.getByRole('form', { name: 'Assign articles' });
    await assign.getByRole('radio', { name: 'All articles, round-robin' }).check();
    await assign.getByLabel(/^anna /).check();
    await expect(assign.getByLabel(/demo-anna/).count()).resolves.toBe(0); // the sample project's demo accounts are never offered
    await assign.getByLabel(/^ben /).check();
    await assign.getByLabel('Annotators per article').fill('1');
    await assign.getByRole('button', { name: 'Assign round-robin' }).click();
    await page.getByRole('status').filter({ hasText: 'Created 6 new assignments.' }).waitFor();
    await screenshot(page, 'project-assigned');
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, server.url, 'anna', 'anna-password');
    await page.getByRole('link', { name: /Friedenstruppen/ }).click();
    const annaRows = page.getByRole('table', { name: 'Articles' }).getByRole('row');
    await annaRows.nth(1).waitFor();
    expect(await annaRows.count()).toBe(4); // header + articles 1, 3, 5 of six
    await screenshot(page, 'annotator-project');
    await page.close();
  });

  it('imports uploaded files, refusing a JSONL file with a bad line and naming the line, and exports a dataset', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: /Friedenstruppen/ }).click();
    const rows = page.getByRole('table', { name: 'Articles' }).getByRole('row');
    await rows.nth(1).waitFor();
    const before = await rows.count();

    const form = page.getByRole('form', { name: 'Import articles' });
    const files = form.getByLabel('Files');
    const jsonl = '{"text": "Gut."}\n{"title": "ohne Text"}\n';
    await files.setInputFiles({ name: 'batch.jsonl', mimeType: 'application/json', buffer: Buffer.from(jsonl) });
    await form.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toContain('batch.jsonl: Nothing was imported. Line 2: text:');
    expect(await rows.count()).toBe(before);

    await files.setInputFiles([
      { name: 'eins.txt', mimeType: 'text/plain', buffer: Buffer.from('Hochgeladener Titel\n\nErster Absatz.\r\nZweiter Absatz.') },
      { name: 'zwei.jsonl', mimeType: 'application/json', buffer: Buffer.from('{"text": "Aus JSONL.", "title": "JSONL-Artikel"}\n') },
    ]);
    await form.getByRole('button', { name: 'Import 2 files' }).click();
    await page.getByRole('status').filter({ hasText: 'zwei.jsonl: imported 1 article.' }).waitFor();
    await expect(form.getByRole('list', { name: 'Import results' }).textContent()).resolves.toContain('eins.txt: imported 1 article.');
    await page.getByRole('link', { name: 'JSONL-Artikel' }).waitFor();
    expect(await rows.count()).toBe(before + 2);


    // Export: the sample project's demo annotations as CoNLL, and as JSONL of one annotator.
    const exportForm = page.getByRole('form', { name: 'Export dataset' });
    await exportForm.getByLabel('Format').selectOption('conll');
    const [conll] = await Promise.all([page.waitForEvent('download'), exportForm.getByRole('link', { name: 'Download', exact: true }).click()]);
    expect(conll.suggestedFilename()).toMatch(/^project-\d+-all\.conll$/);
    const conllText = readFileSync((await conll.path())!, 'utf8');
    // The CoNLL-2003 shape spaCy's convert reads: `token _ _ TAG`, blocks opened by `-DOCSTART- -X- O O`.
    expect(conllText.split('\n')[0]).toBe('-DOCSTART- -X- O O');
    expect(conllText).toMatch(/^\S+ _ _ B-attribution$/m);
    await screenshot(page, 'project-datasets');

    await page.getByRole('link', { name: 'Hochgeladener Titel' }).click();
    const paragraphs = page.getByLabel('Article text').locator('p');
    await paragraphs.nth(1).waitFor();
    expect(await paragraphs.allTextContents()).toEqual(['Erster Absatz.', 'Zweiter Absatz.']);
    await page.close();
  });
});
