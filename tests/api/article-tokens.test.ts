/**
 * Issue 13: every article's tokens are computed once, when it is written, and
 * stored (`articles.tokens`); rows written before the column existed are
 * filled when the database is opened; the agreement report and the token
 * exports read the stored boundaries (and give what computing them gives).
 */
import { computeTokenBounds, tokenize } from '@mbw/shared';
import { eq, isNull } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/client.js';
import { articles } from '../../server/src/db/tables.js';
import { projectAgreement } from '../../server/src/services/agreement.js';
import { boundsFromColumn, fillArticleTokens, tokensColumn } from '../../server/src/services/articleTokens.js';
import { planExport, type ExportRequest } from '../../server/src/services/exports.js';
import { freshWorkbench, ON_POSTGRES } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/** Texts off the fast path too: astral characters, CJK, a no-break space, Cyrillic. */
const ODD_TEXTS = ['Ein 😀 Test: „Zitat“ mit 12,5 % – oder?', '東京で会議があった。Er sagte: Nein.', 'Preis\u202f100 €, Москва сказала «нет».'];

const boundsOfTokenize = (text: string) => tokenize(text).flatMap((t) => [t.start, t.end]);
const stored = (wb: Workbench) => wb.db.select({ id: articles.id, text: articles.text, tokens: articles.tokens }).from(articles).orderBy(articles.id);
const conll = (shape: ExportRequest['conllShape'], format: ExportRequest['format'] = 'conll'): ExportRequest => ({ format, source: 'all', status: 'submitted', seed: 1, ratios: { train: 0.8, dev: 0.1, test: 0.1 }, conllShape: shape });
const exportText = async (wb: Workbench, projectId: number, req: ExportRequest) => [...(await planExport(wb.db, projectId, req)).chunks].join('');

describe('tokens stored with each article', () => {
  let dir: string;
  let wb: Workbench;
  let projectId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mbw-article-tokens-'));
    wb = await freshWorkbench({ demo: true, path: join(dir, 'wb.db') });
    projectId = wb.sampleProjectId!;
    const admin = await wb.admin();
    const r = await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: admin, json: { articles: ODD_TEXTS.map((text, i) => ({ text, title: `odd ${i}` })) } });
    expect(r.status).toBe(201);
  });
  afterAll(async () => {
    await wb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are written by the article write path (seed and API) and equal tokenize(text)', async () => {
    const rows = await stored(wb);
    expect(rows.length).toBe(5 + ODD_TEXTS.length);
    for (const r of rows) {
      expect(r.tokens, `article ${r.id}`).not.toBeNull();
      expect([...boundsFromColumn(r.tokens!)], `article ${r.id}`).toEqual(boundsOfTokenize(r.text));
      expect([...boundsFromColumn(r.tokens!)]).toEqual([...computeTokenBounds(r.text)]);
    }
  });

  it('give the agreement report and the token exports what computed tokens give, and are what they read', async () => {
    const opts = { drafts: false, seed: 3, iterations: 50 };
    const requests = [conll('conll2003'), conll('columns'), conll(undefined, 'hf')];
    const withStored = { report: await projectAgreement(wb.db, projectId, opts), exports: await Promise.all(requests.map((q) => exportText(wb, projectId, q))) };
    expect(withStored.report.counts.articles).toBe(5);
    expect(withStored.exports[0]).toContain('-DOCSTART- -X- O O');

    // NULL (a row from before the column): computed instead, the same answers
    await wb.db.update(articles).set({ tokens: null });
    expect(await projectAgreement(wb.db, projectId, opts)).toEqual(withStored.report);
    for (const [i, q] of requests.entries()) expect(await exportText(wb, projectId, q), q.format).toBe(withStored.exports[i]);

    // other boundaries stored (every text as one token): the readers take them, so the answers change
    for (const r of await stored(wb)) await wb.db.update(articles).set({ tokens: tokensColumn('x'.repeat([...r.text].length)) }).where(eq(articles.id, r.id));
    expect(withStored.report.articles.every((a) => a.tokens > 100)).toBe(true);
    expect((await projectAgreement(wb.db, projectId, opts)).articles.map((a) => a.tokens)).toEqual([1, 1, 1, 1, 1]);
    expect(await exportText(wb, projectId, requests[0]!)).not.toBe(withStored.exports[0]);
  });

  it.skipIf(ON_POSTGRES)('are filled for rows without them when the database is opened, once (SQLite only: no PostgreSQL database predates the column; there a row without them is read as computed)', async () => {
    await wb.db.update(articles).set({ tokens: null });
    expect((await wb.db.select({ id: articles.id }).from(articles).where(isNull(articles.tokens))).length).toBe(5 + ODD_TEXTS.length);
    const again = openDatabase(join(dir, 'wb.db'));
    try {
      for (const r of again.db.select({ text: articles.text, tokens: articles.tokens }).from(articles).all()) expect([...boundsFromColumn(r.tokens!)]).toEqual(boundsOfTokenize(r.text));
      expect(fillArticleTokens(again.db)).toBe(0);
    } finally {
      again.sqlite.close();
    }
  });
});
