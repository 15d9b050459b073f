/**
 * Issue 11 in a real browser: the built client runs under the strict
 * Content-Security-Policy without a single violation, and a page on another
 * port of the same host (same site: SameSite=Lax sends the cookie) can
 * neither plant an article through a signed-in supervisor's browser nor frame
 * the workbench.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, signIn, startServer } from './harness.js';

/** A foreign site's page, served from another port of 127.0.0.1. */
async function foreignSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** Every CSP violation the page reports, from the DOM event and the console. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && seen.push(m.text()));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...seen, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

describe('security in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let projectId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    projectId = (await admin('GET', '/api/projects')).data.projects[0].id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the built client runs under the strict CSP with no violation (sign-in, projects, project, article, curation, agreement)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const violations = await watchCsp(page);
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    const articles = (await admin('GET', `/api/projects/${projectId}/articles`)).data.articles;
    const pages = [`projects/${projectId}`, `articles/${articles[0].id}`, `articles/${articles[0].id}/curate`, `projects/${projectId}/agreement`, ''];
    for (const path of pages) {
      await page.goto(new URL(path, server.url).href);
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.waitForLoadState('networkidle');
    }
    const response = await page.goto(server.url);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    expect(await violations()).toEqual([]);
    console.log(`CSP: ${pages.length + 1} pages of the built client loaded with 0 violations`);
    await page.close();
  });

  it('a form on another port of the same host cannot plant an article through the signed-in supervisor, nor frame the workbench', async () => {
    const before = (await admin('GET', `/api/projects/${projectId}/articles`)).data.articles.length;
    const target = new URL(`/api/projects/${projectId}/import?format=txt`, server.url).href;
    const site = await foreignSite(`<!doctype html><body>
      <form id="f" method="POST" enctype="text/plain" action="${target}"><input name="Planted by a foreign page" value="."></form>
      <iframe id="frame" src="${server.url}"></iframe>
      <script>document.getElementById('f').submit()</script></body>`);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    const answer = page.waitForResponse((r) => r.url() === target);
    await page.goto(site.url);
    const res = await answer;
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'cross_origin' } });
    const framed = page.frames().find((f) => f !== page.mainFrame());
    const framedRoot = framed ? await framed.$('#root').catch(() => null) : null;
    expect(framedRoot).toBeNull();
    const after = (await admin('GET', `/api/projects/${projectId}/articles`)).data.articles.length;
    expect(after).toBe(before);
    console.log(`CSRF in Chromium: the foreign form's import answered ${res.status()}, articles ${before} → ${after}; the frame stayed empty`);
    await context.close();
    await site.close();
  });
});
