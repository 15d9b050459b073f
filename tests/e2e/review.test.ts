import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AgreementReport, LabelAgreement } from '@mbw/shared';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

const DEMO = ['Demo Anna', 'Demo Ben', 'Demo Carla'];

/** How the dashboard prints a figure. */
const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(3));
const meanOf = (xs: Array<number | null>) => {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length ? ok.reduce((s, x) => s + x, 0) / ok.length : null;
};

/** The cells of a row of "Agreement by label", in column order, as the API's report says they should read. */
function expectedRow(f: LabelAgreement): string[] {
  const ci = f.alpha.ci.low === null || f.alpha.ci.high === null ? '—' : `${fmt(f.alpha.ci.low)} – ${fmt(f.alpha.ci.high)}`;
  const unitizing = f.unitizing.value ?? f.unitizing2016.value;
  return [
    fmt(f.alpha.value),
    ci,
    fmt(f.fleiss.value),
    fmt(meanOf(f.cohen.pairs.map((p) => p.value))),
    fmt(unitizing) + (f.unitizing.value === null && unitizing !== null ? '*' : ''),
    fmt(meanOf(f.spanF1.map((p) => p.exact.f1))),
    fmt(meanOf(f.spanF1.map((p) => p.overlap.f1))),
    ...[f.alpha.counts.articles, f.alpha.counts.annotators, f.alpha.counts.units, f.alpha.counts.spans].map((n) => n.toLocaleString('en')),
  ];
}

describe('the agreement dashboard in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let projectId: number;
  let labelNames: Map<string, string>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    api = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await api('GET', '/api/projects')).data.projects[0].id;
    const labels = (await api('GET', `/api/projects/${projectId}/labels`)).data.labels as Array<{ key: string; name: string }>;
    labelNames = new Map(labels.map((l) => [l.key, l.name]));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const reportFor = async (query = ''): Promise<AgreementReport> => {
    const res = await api('GET', `/api/projects/${projectId}/agreement${query}`);
    expect(res.status).toBe(200);
    return res.data.report;
  };

  /** Reads "Agreement by label" and checks every row against the API's report. */
  async function expectTableToShow(page: Page, report: AgreementReport) {
    const table = page.getByRole('table', { name: 'Agreement by label' });
    for (const f of [...report.byLabel, report.overall]) {
      const name = f.label ? labelNames.get(f.label)! : 'All labels';
      const row = table.getByRole('row', { name: new RegExp(`^${name}`) });
      await expect(row.getByRole('rowheader').textContent()).resolves.toBe(name);
      expect(await row.getByRole('cell').allTextContents(), name).toEqual(expectedRow(f));
    }
  }

  it('shows the demo annotations as figures equal to the API, a heatmap of the annotators, and the spans behind a number', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: /Friedenstruppen/ }).click();
    await page.getByRole('navigation', { name: 'Project pages' }).getByRole('link', { name: 'Agreement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agreement' }).waitFor();

    const report = await reportFor();
    expect(report.annotators).toEqual(['demo-anna', 'demo-ben', 'demo-carla']);
    expect(report.counts.articles).toBe(5);
    await page.getByRole('table', { name: 'Agreement by label' }).waitFor();
    await expectTableToShow(page, report);
    // Neither perfect nor absent: the demo annotators disagree in part.
    expect(report.overall.alpha.value).toBeGreaterThan(0.3);
    expect(report.overall.alpha.value).toBeLessThan(0.95);

    // The heatmap: one cell per pair and annotator, names on the axes, the number on hover.
    const heatmap = page.getByRole('figure', { name: /Cohen's kappa between annotators/ });
    await heatmap.locator('svg rect[role="link"]').first().waitFor();
    const heatText = await heatmap.textContent();
    for (const name of DEMO) expect(heatText).toContain(name);
    expect(heatText).toContain("Cohen's κ"); // the legend
    const cells = heatmap.locator('svg rect[role="link"]');
    expect(await cells.count()).toBe(6); // 3 × 3 without the diagonal
    const k = report.overall.cohen.matrix[0]![1]!;
    await expect(heatmap.getByRole('link', { name: `Demo Anna and Demo Ben: Cohen's kappa ${fmt(k)}` }).locator('title').textContent()).resolves.toContain(
      `Cohen's κ ${fmt(k)}`,
    );

    // Progress of each annotator: five articles submitted each.
    const progress = page.getByRole('table', { name: 'Annotator progress' });
    for (const name of DEMO)
      expect(await progress.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell').allTextContents()).toEqual(
        expect.arrayContaining(['5', '0', '0', '5']),
      );

    // The articles, worst first, as the API sorts them.
    const articleRows = page.getByRole('table', { name: 'Articles, worst first' }).getByRole('row');
    expect(await articleRows.count()).toBe(1 + report.articles.length);
    await expect(articleRows.nth(1).textContent()).resolves.toContain(fmt(report.articles[0]!.alpha));
    await screenshot(page, 'agreement');

    // A number leads to the spans behind it: Attribution's alpha opens the worst article for attribution.
    const attribution = page.getByRole('table', { name: 'Agreement by label' }).getByRole('row', { name: /^Attribution/ });
    await attribution.getByRole('cell').first().getByRole('link').click();
    await page.waitForURL(/\/agreement\/articles\/\d+/);
    const worst = [...report.articles].sort((a, b) => (a.alphaByLabel.attribution ?? 2) - (b.alphaByLabel.attribution ?? 2))[0]!;
    expect(page.url()).toContain(`/agreement/articles/${worst.id}?focus=attribution`);
    await page.getByRole('heading', { level: 1, name: worst.title! }).waitFor();
    for (const name of DEMO) await page.getByRole('region', { name }).waitFor();
    expect(await page.locator('section.lane').count()).toBe(3);
    // Each paragraph with spans shows one row per lane, the differences marked.
    const para = page.getByRole('group', { name: /^Paragraph \d+$/ }).first();
    expect(await para.locator('.lane-row').count()).toBe(3);
    expect(await page.locator('.lane-text .seg').count()).toBeGreaterThan(0);
    expect(await page.locator('.lane-text .seg.missing, .lane-text .seg.boundary').count()).toBeGreaterThan(0);
    await expect(page.getByRole('list', { name: 'Legend' }).textContent()).resolves.toContain('Attribution');
    await screenshot(page, 'agreement-compare');

    // Back on the dashboard, an article row opens that article with every label.
    await page.getByRole('link', { name: 'Agreement', exact: true }).click();
    await page.getByRole('table', { name: 'Articles, worst first' }).getByRole('row').nth(2).click();
    await page.waitForURL(new RegExp(`/agreement/articles/${report.articles[1]!.id}$`));
    for (const name of DEMO) await page.getByRole('region', { name }).waitFor();
    await page.close();
  });

  it('shows attribute alpha and link F1 as the API computes them, and a number leads to the attribute differences side by side', async () => {
    const report = await reportFor();
    const labels = (await api('GET', `/api/projects/${projectId}/labels`)).data.labels as Array<{ key: string; name: string; attributes: Array<{ key: string; name: string }> }>;
    expect(report.attributes.map((a) => `${a.label}.${a.attribute}`)).toEqual(['attribution.sourceType', 'evaluative.polarity', 'unsupported_claim.checkable']);
    for (const width of [1024, 1400]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
      await page.goto(new URL(`/projects/${projectId}/agreement`, server.url).href);
      const table = page.getByRole('table', { name: 'Attribute agreement' });
      await table.waitFor();
      for (const a of report.attributes) {
        const label = labels.find((l) => l.key === a.label)!;
        const attr = label.attributes.find((x) => x.key === a.attribute)!;
        const row = table.getByRole('row', { name: new RegExp(`^${label.name}`) });
        await expect(row.getByRole('rowheader').textContent()).resolves.toBe(label.name);
        const cells = await row.getByRole('cell').allTextContents();
        expect(cells.slice(0, 5)).toEqual([attr.name, fmt(a.exact.value), String(a.exact.counts.units), fmt(a.overlap.value), String(a.overlap.counts.units)]);
      }
      // The demo annotators disagree on some attributes: at least one alpha is defined and below 1.
      expect(report.attributes.some((a) => a.overlap.value !== null && a.overlap.value < 1)).toBe(true);
      const links = page.getByRole('table', { name: 'Link agreement' });
      for (const [mode, name] of [['exact', 'Exact boundaries'], ['overlap', 'Overlapping']] as const) {
        const f = report.links[mode];
        const cells = await links.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell').allTextContents();
        expect(cells).toEqual([fmt(f.pooled.f1), fmt(f.pooled.precision), fmt(f.pooled.recall), ...[f.pooled.tp, f.pooled.fp + f.pooled.fn, f.counts.units, f.counts.articles].map(String)]);
      }
      expect(report.links.overlap.counts.units).toBeGreaterThan(0);
      // Headline counts against table counts: where they differ, the page says why.
      await expect(page.getByRole('group').filter({ hasText: 'Why the counts in the tables differ' }).textContent()).resolves.toContain('Attribute α counts matched spans');
      await screenshot(page, `agreement-attributes-${width}`);

      // The exact α of an attribute the annotators disagree on opens the article where it differs most, with "differs" field by field.
      const disputed = report.attributes.find((a) => a.exact.byArticle[0]?.differing)!;
      const label = labels.find((l) => l.key === disputed.label)!;
      await table.getByRole('row', { name: new RegExp(`^${label.name}`) }).getByRole('cell').nth(1).getByRole('link').click();
      await page.waitForURL(new RegExp(`/agreement/articles/${disputed.exact.byArticle[0]!.id}\\?focus=${disputed.label}`));
      const attrName = label.attributes.find((x) => x.key === disputed.attribute)!.name;
      const diffs = page.getByRole('list', { name: /^Attribute differences, paragraph \d+$/ }).first();
      await expect(diffs.textContent()).resolves.toMatch(new RegExp(`differs: ${attrName} \\([^/]+ / [^)]+\\)`));
      // The span itself says so when hovered, lane by lane ("same boundaries, differs: …" instead of "same").
      expect(await page.locator(`.lane-text .seg[title*="differs: ${attrName}"]`).count()).toBeGreaterThan(0);
      await screenshot(page, `agreement-compare-attributes-${width}`);
      await page.close();
    }
  });

  it('narrows the figures by annotator and label, as the API does; a heatmap cell opens that pair', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(new URL(`/projects/${projectId}/agreement`, server.url).href);
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByRole('group', { name: 'Annotators' }).getByLabel('Demo Carla').uncheck();
    await filters.getByRole('group', { name: 'Labels' }).getByLabel('Unsupported claim').uncheck();
    await filters.getByRole('group', { name: 'Labels' }).getByLabel('Reported statement').uncheck();
    await page.waitForURL(/annotators=demo-anna,demo-ben/);
    await page.waitForURL(/labels=attribution(%2C|,)evaluative(&|$)/);
    const narrowed = await reportFor('?labels=attribution,evaluative&annotators=demo-anna,demo-ben');
    expect(narrowed.byLabel.map((f) => f.label)).toEqual(['attribution', 'evaluative']);
    await page.getByRole('table', { name: 'Agreement by label' }).getByRole('row', { name: /^Unsupported claim/ }).waitFor({ state: 'detached' });
    await expectTableToShow(page, narrowed);

    const heatmap = page.getByRole('figure', { name: /Cohen's kappa between annotators/ });
    await heatmap.getByRole('link', { name: /^Demo Ben and Demo Anna/ }).click();
    await page.waitForURL(/pair=demo-ben,demo-anna|pair=demo-anna,demo-ben/);
    await page.getByRole('region', { name: 'Demo Anna' }).waitFor();
    await page.getByRole('region', { name: 'Demo Ben' }).waitFor();
    expect(await page.locator('section.lane').count()).toBe(2);
    await page.close();
  });

  it('says clearly when a project has no submitted work', async () => {
    const created = await api('POST', '/api/projects', { name: 'Noch leer' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.goto(new URL(`/projects/${created.data.project.id}/agreement`, server.url).href);
    await expect(page.getByRole('status').filter({ hasText: 'No submitted work yet' }).textContent()).resolves.toContain('No articles of this project are assigned');
    expect(await page.getByRole('table', { name: 'Agreement by label' }).count()).toBe(0);
    await screenshot(page, 'agreement-empty');
    await page.close();
  });
});
