/**
 * Issue 13: GET /api/articles/:id/annotations builds the spans' JSON in
 * the database, SQLite or PostgreSQL (no object per row). Its body is byte for byte what c.json() of
 * listAnnotations() gave: same fields in the same order, the same escaping
 * of quotes, emoji, control characters and attributes, the same order of
 * spans, for a supervisor (all, or one annotator) and for an annotator.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAnnotations } from '../../server/src/services/annotations.js';
import { relationsAmong } from '../../server/src/services/relations.js';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/** Sets a span's note from a connection of its own, as another process would (the command line, a second server). */
async function noteFromElsewhere(wb: Workbench, spanId: string, note: string) {
  if (wb.target.engine === 'sqlite') {
    const other = new Database(wb.target.path);
    other.prepare('UPDATE annotations SET note = ? WHERE id = ?').run(note, spanId);
    other.close();
    return;
  }
  const other = new pg.Client({ connectionString: wb.target.url });
  await other.connect();
  try {
    await other.query('UPDATE annotations SET note = $1 WHERE id = $2', [note, spanId]);
  } finally {
    await other.end();
  }
}

const TEXT = 'Er sagte: „Das ist \\ "falsch"“ 👍🏽 — und\tdann\u0001 nichts.\nZweite Zeile mit Ünïcödé.';

describe('the span list as JSON from the database', () => {
  it('is byte for byte the JSON of listAnnotations(), with the links among the spans', async () => {
    const wb = await freshWorkbench({ demo: false });
    const admin = await wb.admin();
    const projectId = wb.sampleProjectId!;
    const articleId = (await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: admin, json: { articles: [{ title: 'Zitat', text: TEXT }] } })).data.articles[0].id;
    const people = [await wb.userWithSession('anna'), await wb.userWithSession('ben')];
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: admin, json: { annotatorIds: people.map((p) => p.user.id), articleIds: [articleId] } });
    const cps = Array.from(TEXT);
    const ids: string[] = [];
    for (const [i, p] of people.entries())
      for (const [start, end, label, attributes, note] of [
        [0, 8, 'attribution', { sourceType: 'named_person' }, 'ein "Zitat"\n'],
        [10, 30, 'evaluative', { polarity: 'negative' }, undefined],
        [10, 30, 'unsupported_claim', {}, undefined], // same start and end: ordered by creation
        [30 + i, cps.length, 'evaluative', {}, undefined],
      ] as const) {
        const r = await wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: p.cookie, json: { label, start, end, attributes, ...(note ? { note } : {}) } });
        expect(r.status, JSON.stringify(r.data)).toBe(201);
        ids.push(r.data.annotation.id);
      }
    expect((await wb.request('POST', `/api/articles/${articleId}/relations`, { cookie: people[0]!.cookie, json: { from: ids[0], to: ids[1], type: 'attributes' } })).status).toBe(201);

    const views: Array<[string, (typeof people)[0]['user'] | { id: number; username: string; role: 'admin' }, string | undefined]> = [
      [admin, (await wb.request('GET', '/api/auth/me', { cookie: admin })).data.user, undefined],
      [admin, (await wb.request('GET', '/api/auth/me', { cookie: admin })).data.user, 'ben'],
      [people[0]!.cookie, people[0]!.user, undefined],
    ];
    for (const [cookie, user, annotator] of views) {
      const res = await wb.app.request(`/api/articles/${articleId}/annotations${annotator ? `?annotator=${annotator}` : ''}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      const annotations = await listAnnotations(wb.db, user as never, articleId, annotator);
      expect(annotations.length).toBeGreaterThan(0);
      expect(await res.text()).toBe(JSON.stringify({ annotations, relations: await relationsAmong(wb.db, articleId, annotations) }));
    }
    await wb.close();
  });

  it('is kept while nothing is written, and never outlives a write: through the API, or by another connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbw-list-'));
    const wb = await freshWorkbench({ demo: false, path: join(dir, 'wb.db') });
    const admin = await wb.admin();
    const projectId = wb.sampleProjectId!;
    const articleId = (await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: admin, json: { articles: [{ title: 'Kurz', text: TEXT }] } })).data.articles[0].id;
    const [anna, ben, carl] = [await wb.userWithSession('anna'), await wb.userWithSession('ben'), await wb.userWithSession('carl')];
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: admin, json: { annotatorIds: [anna.user.id, ben.user.id], articleIds: [articleId] } });
    const list = async (cookie: string) => wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie });
    const span = (await wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: anna.cookie, json: { label: 'evaluative', start: 0, end: 8 } })).data.annotation;

    const first = await list(anna.cookie);
    expect((await list(anna.cookie)).data).toEqual(first.data);
    // each viewer's own body: ben's list (kept now too) never answers anna, nor hers him
    expect((await list(ben.cookie)).data.annotations).toEqual([]);
    expect((await list(anna.cookie)).data.annotations.map((a: { id: string }) => a.id)).toEqual([span.id]);
    // access is checked on every request, kept body or not
    expect((await list(carl.cookie)).status).toBeGreaterThanOrEqual(403);

    const edited = await wb.request('PATCH', `/api/annotations/${span.id}`, { cookie: anna.cookie, json: { version: span.version, note: 'über die API' } });
    expect(edited.status).toBe(200);
    expect((await list(anna.cookie)).data.annotations[0]).toEqual(edited.data.annotation);

    // another process writing the same database (the command line, a second server)
    await noteFromElsewhere(wb, span.id, 'von nebenan');
    expect((await list(anna.cookie)).data.annotations[0].note).toBe('von nebenan');
    await wb.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
