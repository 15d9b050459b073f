/**
 * `npm run bench`: the workspace on a long article, measured against a
 * baseline taken in the same run on the same machine, printed as ratios.
 *
 * - Opening: the same 100,000-character article with 3,000 overlapping spans
 *   vs with none (time until the text and every visible mark are drawn).
 * - Marking: select a word and press a hotkey until its underline shows, on
 *   the loaded article vs on the empty one.
 * - Server: GET of the 3,000 spans vs GET /api/health, requests per second
 *   (autocannon, loopback only, bounded in time).
 */
import autocannon from 'autocannon';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, selectText, signIn, startServer } from '../tests/e2e/harness.js';

const CHARS = 100_000;
const SPANS = 3_000;
const RUNS = 5;

/** A long German-looking article: paragraphs of sentences, ~CHARS characters. */
function longText(): string {
  const words = ['Die', 'Regierung', 'berichtet', 'laut', 'Diplomaten', 'über', 'eine', 'mögliche', 'Friedensmission', 'in', 'der', 'Ukraine', 'sagte', 'ein', 'Sprecher', '„heikle“', 'Angelegenheit', 'westliche', 'Beamte', 'zufolge'];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const paras: string[] = [];
  let total = 0;
  while (total < CHARS) {
    const sentences: string[] = [];
    for (let s = 0; s < 5; s++) {
      const n = 8 + Math.floor(rnd() * 12);
      const w = Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)]!);
      w[0] = w[0]![0]!.toUpperCase() + w[0]!.slice(1);
      sentences.push(`${w.join(' ')}.`);
    }
    const p = sentences.join(' ');
    paras.push(p);
    total += p.length + 1;
  }
  return paras.join('\n').slice(0, CHARS);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function openTime(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return page.evaluate(
    (expectMarks) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const ready = document.querySelector('[role="toolbar"]') && (!expectMarks || document.querySelector('.marks .underline'));
          if (ready) requestAnimationFrame(() => resolve(performance.now()));
          else requestAnimationFrame(check);
        };
        check();
      }),
    url.includes('loaded'),
  );
}

async function markTime(page: Page, needle: string, occurrence: number): Promise<number> {
  await selectText(page, needle, { occurrence });
  const before = await page.locator('.marks .underline').count();
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.press('2');
  return page.evaluate(
    ({ before, t0 }) =>
      new Promise<number>((resolve) => {
        const check = () => (document.querySelectorAll('.marks .underline').length > before ? resolve(performance.now() - t0) : requestAnimationFrame(check));
        check();
      }),
    { before, t0 },
  );
}

async function main() {
  console.log(`Setting up: a ${CHARS.toLocaleString('en')}-character article, ${SPANS.toLocaleString('en')} overlapping spans…`);
  const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  try {
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    const user = await admin('POST', '/api/users', { username: 'bench', password: 'bench-password', role: 'annotator' });
    const projectId = (await admin('GET', '/api/projects')).data.projects[0].id;
    const text = longText();
    const imported = await admin('POST', `/api/projects/${projectId}/articles`, {
      articles: [{ title: 'Bench loaded', text }, { title: 'Bench empty', text }],
      onDuplicate: 'add', // the same text twice, on purpose
    });
    const [loaded, empty] = imported.data.articles.map((a: { id: number }) => a.id);
    await admin('POST', `/api/projects/${projectId}/assignments`, { annotatorIds: [user.data.user.id], articleIds: [loaded, empty] });
    const bench = await apiAs(server.url, 'bench', 'bench-password');
    const labels = ['attribution', 'evaluative', 'unsupported_claim'];
    for (let i = 0; i < SPANS; i++) {
      const start = Math.floor((i / SPANS) * (CHARS - 400)) + (i % 7) * 3; // dense, overlapping
      const r = await bench('POST', `/api/articles/${loaded}/annotations`, { label: labels[i % 3], start, end: start + 20 + (i % 11) * 15 });
      if (r.status !== 201) throw new Error(`span ${i}: ${r.status} ${JSON.stringify(r.data)}`);
    }

    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    // tsx keeps function names with a `__name` helper that page.evaluate's copies would miss.
    await page.addInitScript('window.__name = (f) => f');
    await signIn(page, server.url, 'bench', 'bench-password');
    const loadedUrl = `${server.url}articles/${loaded}#loaded`;
    const emptyUrl = `${server.url}articles/${empty}`;
    await openTime(page, emptyUrl); // warm caches
    const open = { base: [] as number[], loaded: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      open.base.push(await openTime(page, emptyUrl));
      open.loaded.push(await openTime(page, loadedUrl));
    }
    const mark = { base: [] as number[], loaded: [] as number[] };
    await page.goto(emptyUrl);
    await page.getByRole('toolbar', { name: 'Labels' }).waitFor();
    for (let i = 0; i < RUNS; i++) mark.base.push(await markTime(page, 'Friedensmission', i));
    await openTime(page, loadedUrl);
    for (let i = 0; i < RUNS; i++) mark.loaded.push(await markTime(page, 'Friedensmission', i));

    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const rps = async (path: string) =>
      (await autocannon({ url: new URL(path, server.url).toString(), connections: 4, duration: 4, headers: { cookie } })).requests.average;
    const health = await rps('/api/health');
    const spans = await rps(`/api/articles/${loaded}/annotations`);

    const row = (what: string, base: number, value: number, unit: string) =>
      console.log(`${what.padEnd(52)} ${value.toFixed(1).padStart(9)} ${unit}  baseline ${base.toFixed(1).padStart(8)} ${unit}  ratio ${(value / base).toFixed(2)}`);
    console.log('');
    row('open article, 3,000 spans vs none (median ms)', median(open.base), median(open.loaded), 'ms');
    row('mark a word with a hotkey, 3,000 spans vs none (ms)', median(mark.base), median(mark.loaded), 'ms');
    row('GET 3,000 spans vs GET /api/health (req/s)', health, spans, 'r/s');
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
