import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, clickText, launchBrowser, screenshot, selectText, signIn, startServer } from './harness.js';

/** The spans the server holds for an annotator on an article. */
type Span = { id: string; label: string; start: number; end: number; quote: string; attributes: Record<string, string>; note: string | null };

describe('the annotator’s workspace in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let articleId: number;
  let emojiArticleId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const anna = await admin('POST', '/api/users', { username: 'anna', password: 'anna-password', role: 'annotator' });
    const ben = await admin('POST', '/api/users', { username: 'ben', password: 'ben-password', role: 'annotator' });
    const projects = await admin('GET', '/api/projects');
    const projectId = projects.data.projects[0].id;
    const imported = await admin('POST', `/api/projects/${projectId}/articles`, {
      articles: [{ title: 'Emoji und Anführungszeichen', text: 'Der 👍🏽 Bericht „sagt“ ‚viel‘ über 🇩🇪 Politik.\nZweiter Absatz folgt hier.' }],
    });
    emojiArticleId = imported.data.articles[0].id;
    const articles = await admin('GET', `/api/projects/${projectId}/articles`);
    articleId = articles.data.articles[0].id; // "China erkundet in Brüssel …"
    await admin('POST', `/api/projects/${projectId}/assignments`, {
      annotatorIds: [anna.data.user.id, ben.data.user.id],
      articleIds: [articleId, emojiArticleId],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const spansOf = async (user: string, id = articleId): Promise<Span[]> => {
    const api = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const r = await api('GET', `/api/articles/${id}/annotations?annotator=${user}`);
    return r.data.annotations;
  };
  const waitSaved = (page: Page) => page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
  const openArticle = async (page: Page, id: number) => {
    await page.goto(`${server.url}articles/${id}`);
    await page.getByRole('toolbar', { name: 'Labels' }).waitFor();
  };

  it('marks spans with mouse, hotkey and button; overlaps; attributes; link; resize; delete; undo; reload; submit', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    await signIn(page, server.url, 'anna', 'anna-password');
    await openArticle(page, articleId);

    // Select with the mouse (a partial word snaps to whole words), label with the hotkey.
    await selectText(page, 'Dies berichtet die Welt am Sonntag', { from: 2 });
    await page.keyboard.press('1');
    await waitSaved(page);
    let spans = await spansOf('anna');
    expect(spans).toEqual([expect.objectContaining({ label: 'attribution', quote: 'Dies berichtet die Welt am Sonntag' })]);

    // Overlapping span with the button named after the label.
    await selectText(page, 'Welt am Sonntag auf Grundlage von Informationen von Diplomaten');
    await page.getByRole('button', { name: 'Unsupported claim' }).click();
    // A nested span inside the first, same label as the second.
    await selectText(page, 'Diplomaten');
    await page.keyboard.press('2');
    await waitSaved(page);
    spans = await spansOf('anna');
    expect(spans.map((s) => [s.label, s.quote])).toEqual([
      ['attribution', 'Dies berichtet die Welt am Sonntag'],
      ['unsupported_claim', 'Welt am Sonntag auf Grundlage von Informationen von Diplomaten'],
      ['evaluative', 'Diplomaten'],
    ]);
    await screenshot(page, 'annotate-overlaps');

    // Click where two spans overlap: the page asks which one.
    await clickText(page, 'Sonntag');
    const chooser = page.getByRole('menu', { name: 'Choose a span' });
    await chooser.getByRole('menuitem', { name: /^Attribution/ }).click();
    const panel = page.getByRole('region', { name: 'Selected span' });
    await panel.getByLabel('Source type').selectOption('named_organisation');
    await panel.getByRole('combobox', { name: /^Attributes/ }).selectOption({ label: 'Unsupported claim: Welt am Sonntag auf Grundlage von Informationen v…' });
    await panel.getByLabel('Note').fill('Zeitung als Quelle');
    await panel.getByLabel('Note').blur();
    await waitSaved(page);
    const attribution = (await spansOf('anna')).find((s) => s.label === 'attribution')!;
    expect(attribution.attributes).toEqual({ sourceType: 'named_organisation' });
    expect(attribution.note).toBe('Zeitung als Quelle');
    const links = (await admin('GET', `/api/articles/${articleId}/annotations?annotator=anna`)).data.relations;
    expect(links).toEqual([expect.objectContaining({ from: attribution.id, type: 'attributes' })]);

    // Resize with the keyboard: Shift+→ grows the end by a word, Alt+Shift+→ moves the start.
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Alt+Shift+ArrowRight');
    await waitSaved(page);
    expect((await spansOf('anna')).find((s) => s.id === attribution.id)!.quote).toBe('berichtet die Welt am Sonntag auf Grundlage');

    // Drag the end handle back to just after "Sonntag".
    const handle = page.locator('.handle-end');
    const hb = (await handle.boundingBox())!;
    const target = await page.evaluate(() => {
      const text = [...document.querySelectorAll('.text-view .para p')].map((p) => p.firstChild as Text).find((t) => t.data.includes('am Sonntag auf'))!;
      const i = text.data.indexOf('am Sonntag auf') + 'am Sonntag'.length;
      const r = document.createRange();
      r.setStart(text, i);
      r.setEnd(text, i);
      const b = r.getBoundingClientRect();
      return { x: b.left, y: b.top + b.height / 2 };
    });
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x, target.y, { steps: 5 });
    await page.mouse.up();
    await waitSaved(page);
    expect((await spansOf('anna')).find((s) => s.id === attribution.id)!.quote).toBe('berichtet die Welt am Sonntag');

    // Delete the nested span from the list, then undo and redo; the server follows.
    await page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Evaluative language\s*Diplomaten/ }).click();
    await page.keyboard.press('Delete');
    await waitSaved(page);
    expect((await spansOf('anna')).map((s) => s.label)).not.toContain('evaluative');
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    expect((await spansOf('anna')).map((s) => s.quote)).toContain('Diplomaten');
    await page.keyboard.press('Control+Shift+z');
    await waitSaved(page);
    expect((await spansOf('anna')).map((s) => s.label)).not.toContain('evaluative');
    await page.keyboard.press('Control+z');
    await waitSaved(page);

    // Reload: the page shows exactly what the server holds.
    const saved = await spansOf('anna');
    await page.reload();
    await page.getByRole('toolbar', { name: 'Labels' }).waitFor();
    const listed = await page.getByRole('region', { name: 'Annotations' }).getByRole('listitem').allTextContents();
    expect(listed).toHaveLength(saved.length);
    expect(listed.join('|')).toContain('Diplomaten');
    await screenshot(page, 'annotate-workspace');

    // Submit: confirm, then read-only.
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByRole('dialog', { name: 'Submit this article?' }).getByRole('button', { name: 'Submit article' }).click();
    await page.getByRole('note').filter({ hasText: 'read-only' }).waitFor();
    expect(await page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: 'Attribution', exact: true }).isDisabled()).toBe(true);
    await page.keyboard.press('Control+z');
    expect(await spansOf('anna')).toEqual(saved);
    await page.close();
  });

  it('stores code-point offsets for a selection in a text with emoji and German quotes', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    await signIn(page, server.url, 'anna', 'anna-password');
    await openArticle(page, emojiArticleId);
    await selectText(page, '„sagt“ ‚viel‘ über 🇩🇪 Politik');
    await page.keyboard.press('2');
    await waitSaved(page);
    const [span] = await spansOf('anna', emojiArticleId);
    const text = 'Der 👍🏽 Bericht „sagt“ ‚viel‘ über 🇩🇪 Politik.\nZweiter Absatz folgt hier.';
    const cps = Array.from(text);
    expect(span!.quote).toBe('„sagt“ ‚viel‘ über 🇩🇪 Politik');
    expect(cps.slice(span!.start, span!.end).join('')).toBe(span!.quote);
    expect(span!.start).toBe(15); // 17 in UTF-16: 👍🏽 is two code points, four units

    // A selection across the paragraph break becomes one span over the line end.
    await selectText(page, 'Politik.', { until: 'Zweiter' });
    await page.keyboard.press('3');
    await waitSaved(page);
    const across = (await spansOf('anna', emojiArticleId)).find((s) => s.label === 'unsupported_claim')!;
    expect(across.quote).toBe('Politik.\nZweiter');
    expect(cps.slice(across.start, across.end).join('')).toBe(across.quote);
    expect(await page.locator('.para').nth(1).locator('.marks .underline').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('shows a second annotator none of the first one’s spans', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    await signIn(page, server.url, 'ben', 'ben-password');
    await openArticle(page, articleId);
    await expect(page.getByRole('region', { name: 'Annotations' }).textContent()).resolves.toContain('No spans yet');
    expect(await page.locator('.marks .underline').count()).toBe(0);
    await page.close();
  });
});
