import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

/** Issue 14: suggestions in the workspace, accepted with Enter and rejected with Backspace, by keyboard alone. */
describe('suggestions in the workspace', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let articleId: number;
  let admin: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const anna = await admin('POST', '/api/users', { username: 'sue-a', password: 'sue-a-password-1', role: 'annotator' });
    const projectId = (await admin('GET', '/api/projects')).data.projects[0].id;
    articleId = (await admin('GET', `/api/projects/${projectId}/articles`)).data.articles[0].id; // "China erkundet in Brüssel …"
    expect((await admin('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [anna.data.user.id], articleIds: [articleId] })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows dashed suggestions; Enter accepts one as a span, Backspace rejects the next, at 1024 and 1400 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'sue-a', 'sue-a-password-1');
    await page.goto(`${server.url}articles/${articleId}`);
    const list = page.getByRole('list', { name: 'Suggested spans' });
    const first = list.getByRole('button').first();
    await first.waitFor();
    const before = await list.getByRole('button').count();
    const firstName = (await first.getAttribute('aria-label'))!;
    expect(await first.evaluate((el) => getComputedStyle(el).borderStyle)).toBe('dashed');
    await screenshot(page, 'suggestions-1024');

    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => list.getByRole('button').count()).toBe(before - 1);
    const spans = (await admin('GET', `/api/articles/${articleId}/annotations?annotator=sue-a`)).data.annotations;
    expect(spans).toHaveLength(1);
    expect(firstName).toContain(spans[0].quote);
    await page.getByRole('heading', { name: `Suggestions (${before - 1})` }).waitFor();

    const next = list.getByRole('button').first();
    await next.focus();
    await page.keyboard.press('Backspace');
    await expect.poll(() => list.getByRole('button').count()).toBe(before - 2);
    expect((await admin('GET', `/api/articles/${articleId}/annotations?annotator=sue-a`)).data.annotations).toHaveLength(1);
    await page.setViewportSize({ width: 1400, height: 900 });
    await screenshot(page, 'suggestions-1400');
  });

  it('outlines the suggestions in the text, dashed over their words: a click accepts, Alt+click rejects', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'sue-a', 'sue-a-password-1');
    await page.goto(`${server.url}articles/${articleId}`);
    const list = page.getByRole('list', { name: 'Suggested spans' });
    await list.getByRole('button').first().waitFor();
    const open = (await admin('GET', `/api/articles/${articleId}/annotations?annotator=sue-a`)).data.annotations.length;
    const outlines = page.locator('.suggestion-outline');
    await expect.poll(() => outlines.count()).toBeGreaterThanOrEqual(await list.getByRole('button').count());
    expect(await outlines.first().evaluate((el) => getComputedStyle(el).borderStyle)).toBe('dashed');
    await page.screenshot({ path: '/tmp/shots-bias/outlines-1024.png' });

    const box = async (quote: string) => {
      const button = list.getByRole('button', { name: new RegExp(`: ${quote}`) }).first();
      await button.waitFor();
      const s = (await (await fetch(`${server.url}api/articles/${articleId}/suggestions`, { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).json()) as {
        suggestions: Array<{ id: string; quote: string }>;
      };
      const id = s.suggestions.find((x) => x.quote === quote)!.id;
      const outline = page.locator(`.suggestion-outline[data-suggestion="${id}"]`).first();
      await outline.evaluate((el) => el.scrollIntoView({ block: 'center' })); // not under the sticky top bar
      const b = (await outline.boundingBox())!;
      return { x: b.x + b.width / 2, y: b.y + b.height / 2, button };
    };
    // the outline lies over the suggestion's own words
    const lexicon = await box('torpediert');
    expect(await page.evaluate(([x, y]) => document.caretRangeFromPoint(x!, y!)?.startContainer.textContent?.includes('torpediert'), [lexicon.x, lexicon.y])).toBe(true);

    const q = await box('Die britische Regierung schätzt');
    await page.mouse.click(q.x, q.y);
    await expect.poll(async () => (await admin('GET', `/api/articles/${articleId}/annotations?annotator=sue-a`)).data.annotations.length).toBe(open + 1);
    await q.button.waitFor({ state: 'detached' });

    const again = await box('torpediert'); // scrolled since
    await page.keyboard.down('Alt');
    await page.mouse.click(again.x, again.y);
    await page.keyboard.up('Alt');
    await lexicon.button.waitFor({ state: 'detached' });
    expect((await admin('GET', `/api/articles/${articleId}/annotations?annotator=sue-a`)).data.annotations).toHaveLength(open + 1);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: '/tmp/shots-bias/outlines-1400.png' });

    // the supervisor sees the decisions per suggester and label, with the acceptance rate
    const sup = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(sup, server.url, 'admin', ADMIN_PASSWORD);
    const projectId = (await admin('GET', '/api/projects')).data.projects[0].id;
    await sup.goto(`${server.url}projects/${projectId}/profile`);
    const quality = sup.getByRole('table', { name: /Suggestion quality/ });
    const cells = async (who: string) => (await quality.getByRole('row').filter({ has: sup.getByRole('rowheader', { name: who }) }).getByRole('cell').allTextContents()).slice(-3);
    await quality.getByRole('rowheader', { name: 'lexicon' }).waitFor();
    expect(await cells('rules-de-attribution')).toEqual(['2', '1', '67 %']);
    expect(await cells('lexicon')).toEqual(['0', '1', '0 %']);
  });
});
