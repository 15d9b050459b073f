import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

const PASSWORD = 'Seitenleiste-2026';
const LONG_WORD = 'Donaudampfschifffahrtsgesellschaftskapitänsmützenherstellungsvertragsverlängerungsgesetzesnovelle';
const TEXT =
  `Der Sprecher sagte, die Bundesregierung werde die ${LONG_WORD} noch vor der Sommerpause im Kabinett beschließen, ` +
  'und zwar ohne jede weitere Anhörung der Verbände, der Länder oder der betroffenen Reedereien an Rhein und Donau. ' +
  'Kritiker nennen das einen Skandal. Angeblich ist alles längst entschieden.';

/** Issue 10: the workspace's side panel never overflows sideways; a long link target is truncated and “Unlink” stays in view. */
describe('side panel fits in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let articleId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const tim = (await admin('POST', '/api/users', { username: 'tim', password: PASSWORD, role: 'annotator' })).data.user;
    const projectId = (await admin('POST', '/api/projects', { name: 'Seitenleiste' })).data.project.id;
    articleId = (await admin('POST', `/api/projects/${projectId}/articles`, { articles: [{ title: 'Lange Verweise', text: TEXT }] })).data.articles[0].id;
    await admin('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [tim.id] });
    const t = await apiAs(server.url, 'tim', PASSWORD);
    const span = async (label: string, quote: string, attributes: Record<string, string> = {}) => {
      const start = TEXT.indexOf(quote);
      const r = await t('POST', `/api/articles/${articleId}/annotations`, { label, start, end: start + quote.length, attributes });
      expect(r.status, JSON.stringify(r.data)).toBe(201);
      return r.data.annotation.id as string;
    };
    const source = await span('attribution', 'Der Sprecher sagte');
    const statement = await span('statement', TEXT.slice(20, TEXT.indexOf(' Kritiker')));
    await span('evaluative', 'Skandal', { polarity: 'negative' });
    await span('unsupported_claim', 'Angeblich ist alles längst entschieden.');
    await span('attribution', 'Kritiker nennen');
    expect((await t('POST', `/api/articles/${articleId}/relations`, { from: source, to: statement, type: 'attributes' })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Widths of the side panel and every element in it that overflows it, where the Unlink button sits, and whether the text card fits. */
  const measure = (page: Page) =>
    page.evaluate(() => {
      const side = document.querySelector<HTMLElement>('aside.side')!;
      const box = side.getBoundingClientRect();
      const sticking = [...side.querySelectorAll<HTMLElement>('*')]
        .filter((el) => el.getBoundingClientRect().right > box.right + 0.5 && el.getClientRects().length > 0)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      const unlink = [...side.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Unlink')!.getBoundingClientRect();
      const text = document.querySelector<HTMLElement>('.reader')!;
      return {
        scrollWidth: side.scrollWidth,
        clientWidth: side.clientWidth,
        sticking,
        unlinkRight: unlink.right,
        sideRight: box.right,
        viewport: window.innerWidth,
        // The long word wraps inside the text card too.
        textFits: text.scrollWidth <= text.clientWidth,
      };
    });

  for (const width of [1024, 1400])
    it(`at ${width} px: no horizontal overflow with a long link target, Unlink in view`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      page.setDefaultTimeout(20_000);
      await signIn(page, server.url, 'tim', PASSWORD);
      await page.goto(`${server.url}articles/${articleId}`);
      await page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Attribution Der Sprecher sagte/ }).click();
      const links = page.getByRole('list', { name: 'Links' });
      await links.waitFor();
      const unlink = links.getByRole('button', { name: /^Unlink/ });
      await unlink.scrollIntoViewIfNeeded();
      expect(await unlink.isVisible()).toBe(true);
      const m = await measure(page);
      console.log(`side panel at ${width} px: scrollWidth ${m.scrollWidth}, clientWidth ${m.clientWidth}, Unlink right edge ${Math.round(m.unlinkRight)} of panel ${Math.round(m.sideRight)}; overflowing: ${m.sticking.length}`);
      expect(m.sticking).toEqual([]);
      expect(m.scrollWidth).toBeLessThanOrEqual(m.clientWidth);
      expect(m.unlinkRight).toBeLessThanOrEqual(Math.min(m.sideRight, m.viewport));
      expect(m.textFits).toBe(true);
      // The truncated target still carries its full text on hover.
      await expect(links.getByRole('button', { name: /^→/ }).getAttribute('title')).resolves.toContain(LONG_WORD);
      await screenshot(page, `side-panel-${width}`);
      mkdirSync('/tmp/shots-manage', { recursive: true });
      await page.screenshot({ path: `/tmp/shots-manage/side-panel-${width}.png` });
      await page.close();
    });
});
