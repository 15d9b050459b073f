import { strToU8, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const read = (p: string) => readFileSync(join(FIXTURES, p), 'utf8');

describe('importing other tools’ files in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let projectId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await admin('POST', '/api/projects', { name: 'Import formats' })).data.project.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('detects each file’s format, shows its labels and what is left out, maps a label, and imports', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${server.url}projects/${projectId}`);
    const form = page.getByRole('form', { name: 'Import articles' });
    const brat = zipSync({ 'corpus/discontinuous.txt': strToU8(read('brat/discontinuous.txt')), 'corpus/discontinuous.ann': strToU8(read('brat/discontinuous.ann')) });
    await form.getByLabel('Files').setInputFiles([
      { name: 'corpus.zip', mimeType: 'application/zip', buffer: Buffer.from(brat) },
      { name: 'ner.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(read('doccano/sequence_labeling.jsonl')) },
    ]);
    const labels = form.getByRole('table', { name: 'Labels in the file' });
    await labels.waitFor();
    const preview = form.getByRole('list', { name: 'What the import would do' });
    await expect(preview.textContent()).resolves.toContain('corpus.zip: would import 1 article, 5 spans, 1 link'); // the two fragments of T3, linked
    await expect(preview.textContent()).resolves.toContain('read as brat standoff');
    await expect(preview.textContent()).resolves.toContain('read as doccano JSONL');
    await expect(form.getByRole('list', { name: 'Left out of corpus.zip' }).textContent()).resolves.toContain('event E1 (Departure:T4)');
    // The user's choice: refuse a file with discontinuous spans (the check says why), then back to linked fragments.
    const discontinuous = form.getByLabel('Discontinuous spans (brat)');
    await discontinuous.selectOption('refuse');
    await form.getByRole('alert').filter({ hasText: 'discontinuous spans are refused' }).waitFor();
    await discontinuous.selectOption('split');
    await preview.getByText(/corpus\.zip: would import 1 article, 5 spans, 1 link/).waitFor();
    const person = form.getByLabel('Project label for PERSON', { exact: true });
    expect(await person.locator('option:checked').textContent()).toBe('New label (key person)');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'import-formats-1400');
    await page.setViewportSize({ width: 1024, height: 900 });
    await screenshot(page, 'import-formats-1024');

    await person.selectOption('attribution');
    await form.getByRole('button', { name: 'Import 2 files' }).click();
    await page.getByRole('status').filter({ hasText: 'ner.jsonl: imported 3 articles' }).waitFor();
    const keys = (await admin('GET', `/api/projects/${projectId}/labels`)).data.labels.map((l: { key: string }) => l.key);
    expect(keys).toEqual(expect.arrayContaining(['person', 'organization', 'departure', 'org', 'misc']));
    expect(keys).not.toContain('person_2');
    const manifest = (await admin('GET', `/api/projects/${projectId}/export/manifest?format=jsonl`)).data.manifest;
    expect(manifest).toMatchObject({ articles: 4, spans: 9, annotators: ['brat', 'doccano'] });
    await page.close();
  });

  it('reads a WebAnno file of INCEpTION’s test suite: every layer, or only the layer typed in', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${server.url}projects/${projectId}`);
    const form = page.getByRole('form', { name: 'Import articles' });
    await form.getByLabel('Files').setInputFiles([{ name: 'example2.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(read('webanno/example2.tsv')) }]);
    const preview = form.getByRole('list', { name: 'What the import would do' });
    await preview.getByText(/example2\.tsv: would import 1 article, 95 spans/).waitFor(); // POS tags and named entities
    const layer = form.getByLabel('WebAnno layer (empty: every span layer)');
    await layer.fill('de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity');
    await layer.press('Enter');
    await preview.getByText(/example2\.tsv: would import 1 article, 9 spans/).waitFor();
    await expect(form.getByRole('table', { name: 'Labels in the file' }).textContent()).resolves.toContain('LOC');
    await layer.fill('Nope');
    await layer.press('Enter');
    await form.getByRole('alert').filter({ hasText: 'layer: "Nope" is not a span layer of this file' }).waitFor();
    await screenshot(page, 'import-webanno-layer-1024');
    await page.close();
  });
});
