/**
 * Issue 9 in the browser: a supervisor curates a sample article with the
 * keyboard alone, the gold export holds exactly those decisions, and the
 * annotator sees their spans against gold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

describe('curating with the keyboard', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let projectId: number;
  let articleId: number;
  let text: string;

  const at = (needle: string) => {
    const u16 = text.indexOf(needle);
    if (u16 < 0) throw new Error(`not in text: ${needle}`);
    const start = Array.from(text.slice(0, u16)).length;
    return { start, end: start + Array.from(needle).length };
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await admin('GET', '/api/projects')).data.projects[0].id;
    // A copy of a sample article, without the demo annotations the sample carries.
    const sample = (await admin('GET', `/api/projects/${projectId}/articles`)).data.articles[1].id;
    text = (await admin('GET', `/api/articles/${sample}`)).data.article.text;
    const copy = await admin('POST', `/api/projects/${projectId}/articles`, { articles: [{ title: 'Kopie zum Kuratieren', text }], onDuplicate: 'add' });
    articleId = copy.data.articles[0].id;
    const marks: Record<string, Array<{ label: string; needle: string; attributes?: Record<string, string> }>> = {
      anna1: [
        { label: 'unsupported_claim', needle: 'Sicherheitsplänen' },
        { label: 'evaluative', needle: 'entschiedenen russischen Widerstand' },
        { label: 'evaluative', needle: 'vorsichtigen Zuspruch' },
        { label: 'attribution', needle: 'so westliche Beamte', attributes: { sourceType: 'anonymous' } },
      ],
      ben1: [
        { label: 'unsupported_claim', needle: 'Sicherheitsplänen für die Ukraine' },
        { label: 'evaluative', needle: 'entschiedenen russischen Widerstand' },
        { label: 'attribution', needle: 'so westliche Beamte', attributes: { sourceType: 'named_person' } },
      ],
      carla1: [
        { label: 'evaluative', needle: 'russischen Widerstand' },
        { label: 'attribution', needle: 'so westliche Beamte' },
      ],
    };
    for (const [name, list] of Object.entries(marks)) {
      const u = await admin('POST', '/api/users', { username: name, password: `${name}-password`, role: 'annotator' });
      await admin('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [u.data.user.id], articleIds: [articleId] });
      const me = await apiAs(server.url, name, `${name}-password`);
      for (const m of list) {
        const r = await me('POST', `/api/articles/${articleId}/annotations`, { label: m.label, ...at(m.needle), attributes: m.attributes });
        expect(r.status, JSON.stringify(r.data)).toBe(201);
      }
      expect((await me('POST', `/api/articles/${articleId}/submit`)).status).toBe(200);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openConflicts = (page: Page) => page.getByRole('status', { name: 'Open conflicts' });
  const waitFor = async (page: Page, text: RegExp) => page.getByRole('status', { name: 'Open conflicts' }).filter({ hasText: text }).waitFor();

  it('merges, accepts with a digit, takes the majority, rejects with a reason, edits a boundary, completes; gold export and feedback follow', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(8000);
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${server.url}articles/${articleId}/curate`);
    await openConflicts(page).waitFor();
    let keys = 0;
    const press = async (k: string) => (keys++, page.keyboard.press(k));

    await press('m'); // pre-merge: "entschiedenen russischen Widerstand" (anna, ben) and "so westliche Beamte" (all, sourceType open)
    await waitFor(page, /^4 open conflicts · 2 gold spans/);
    await screenshot(page, 'curate-1400');
    const conflict = page.getByRole('region', { name: /^Conflict 1 of 4/ });
    await expect(conflict.getByLabel('What differs').textContent()).resolves.toContain('end');

    await press('2'); // Sicherheitsplänen: ben's longer version
    await waitFor(page, /^3 open conflicts · 3 gold spans/);
    await press('a'); // russischen Widerstand: the majority (anna, ben); carla's rejected
    await waitFor(page, /^2 open conflicts · 3 gold spans/);
    await press('x'); // vorsichtigen Zuspruch: anna alone
    await page.getByRole('dialog', { name: 'Reject all versions' }).getByLabel('Reason').fill('kein Werturteil');
    keys++; // the reason, typed
    await press('Enter');
    await waitFor(page, /^1 open conflict · 3 gold spans/);
    // "so westliche Beamte": boundaries agree, sourceType is open; E edits the gold span: start one word left.
    await expect(page.getByRole('region', { name: /^Conflict 1 of 1/ }).getByLabel('What differs').textContent()).resolves.toContain('sourceType');
    await press('e');
    await page.getByRole('region', { name: 'Edit gold span' }).waitFor();
    await press('Alt+Shift+ArrowLeft'); // ", so westliche Beamte"
    await waitFor(page, /^0 open conflicts/);
    await press('Alt+Shift+ArrowLeft'); // "stoßen, so westliche Beamte"
    await page.getByRole('region', { name: 'Edit gold span' }).filter({ hasText: '„stoßen, so westliche Beamte“' }).waitFor();
    await press('Escape');
    await press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Article curated.' }).waitFor();
    await screenshot(page, 'curate-done-1400');
    console.log(`curating the article took ${keys} keypresses (plus typing the reason)`);

    const gold = (await admin('GET', `/api/articles/${articleId}/gold`)).data;
    expect(gold.status).toBe('curated');
    const summary = gold.gold.map((g: { quote: string; provenance: { decision: string; annotators: string[] } }) => [g.quote, g.provenance.decision, g.provenance.annotators]);
    expect(summary).toEqual([
      ['Sicherheitsplänen für die Ukraine', 'accepted', ['ben1']],
      ['entschiedenen russischen Widerstand', 'accepted', ['anna1', 'ben1']],
      ['stoßen, so westliche Beamte', 'edited', ['anna1', 'ben1', 'carla1']],
    ]);

    // The gold export holds exactly those spans, with their provenance.
    const res = await fetch(new URL(`/api/projects/${projectId}/export?format=jsonl&source=gold`, server.url), { headers: { cookie: await cookieOf(page) } });
    expect(res.status).toBe(200);
    const docs = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(docs).toHaveLength(1);
    expect(docs[0].spans.map((s: { quote: string; provenance: { decision: string } }) => [s.quote, s.provenance.decision])).toEqual([
      ['Sicherheitsplänen für die Ukraine', 'accepted'],
      ['entschiedenen russischen Widerstand', 'accepted'],
      ['stoßen, so westliche Beamte', 'edited'],
    ]);
    await page.close();
  });

  it('the annotator sees their own spans against gold once feedback is on, and a 1024 px curation view', async () => {
    await admin('PUT', `/api/projects/${projectId}/settings`, { goldFeedback: true });
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(page, server.url, 'anna1', 'anna1-password');
    await page.goto(`${server.url}articles/${articleId}`);
    const panel = page.getByRole('region', { name: 'Your spans against gold' });
    await panel.waitFor();
    const t = await panel.textContent();
    expect(t).toContain('✓ in gold · Evaluative language: „entschiedenen russischen Widerstand“');
    expect(t).toContain('✗ not in gold · Unsupported claim: „Sicherheitsplänen“');
    expect(t).toContain('Sicherheitsplänen für die Ukraine'); // missed
    expect(t).not.toContain('russischen Widerstand“ ✗'); // no other annotator's spans
    await screenshot(page, 'curate-feedback-1024');
    await page.close();

    const sup = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await signIn(sup, server.url, 'admin', ADMIN_PASSWORD);
    await sup.goto(`${server.url}projects/${projectId}/curation`);
    await sup.getByRole('table', { name: 'Articles to curate' }).waitFor();
    // the way back names the project (it said "Project")
    const projectName = (await admin('GET', `/api/projects/${projectId}`)).data.project.name as string;
    await sup.locator('.crumbs').getByRole('link', { name: projectName, exact: true }).waitFor();
    await sup.getByText('Over 1 curated article.', { exact: true }).waitFor();
    await screenshot(sup, 'curation-queue-1024');
    // Annotators against gold on the review dashboard too; a number leads to the article behind it.
    await sup.goto(`${server.url}projects/${projectId}/agreement`);
    const scores = sup.getByRole('table', { name: 'Gold scores' });
    await scores.waitFor();
    const carla = scores.getByRole('row').filter({ hasText: 'carla1' }).filter({ hasText: 'evaluative' });
    // "1 difference", "2 differences": never "1 differences"
    const worst = carla.getByRole('link', { name: /^\d+ differences? on one article$/ });
    expect(await worst.textContent()).not.toMatch(/^1 differences/);
    await worst.click();
    await sup.getByRole('heading', { name: 'Curate: Kopie zum Kuratieren' }).waitFor();
    await sup.close();
  });
});

async function cookieOf(page: Page) {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}
