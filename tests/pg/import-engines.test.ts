/**
 * Imports on both engines (issue 15): the same files imported into SQLite
 * and into PostgreSQL answer the same ImportResults and leave the same rows
 * (users, projects, labels, articles with their token bounds, assignments,
 * spans, links, audit entries; span ids and timestamps aside, every other
 * id equal); and on PostgreSQL a refused import leaves nothing behind, even
 * after batches of it were written, cancelled after two batches, or when another process made one of its
 * new accounts meanwhile (409). One process: SQLite first, then the
 * tables switch to PostgreSQL (db/tables.ts) for the rest of the file.
 */
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportOptions } from '@mbw/shared';
import { openDatabase, type Db } from '../../server/src/db/client.js';
import { openTarget } from '../../server/src/db/open.js';
import { CONTROL_SLOTS } from '../../server/src/services/import-pass.js';
import { importDataset } from '../../server/src/services/imports.js';
import { seedSampleProjectIfEmpty } from '../../server/src/services/seed.js';
import { ensureAdmin } from '../../server/src/services/users.js';
import { freshDatabase, pgTitle, TEST_DATABASE_URL } from './fresh.js';

const dir = mkdtempSync(join(tmpdir(), 'mbw-import-engines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (p: string) => readFileSync(join(import.meta.dirname, '../fixtures', p), 'utf8');
const file = (name: string, body: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return { source: { name, path } };
};
const span = (id: string, annotator: string, start: number, end: number, label: string, extra: object = {}) => ({ id, start, end, label, annotator, ...extra });

/** JSONL: spans with attributes and a note, a link, drafts (a span's and a whole line's), a name mapped to an account, a name taken by an account, a repeated text. */
const JSONL = [
  { id: 'j1', text: 'Der Minister sagte, die Lage sei ernst.', meta: { title: 'Eins', source: 'Zeitung', story: 's-1' },
    spans: [span('a', 'anna', 4, 18, 'attribution', { attributes: { sourceType: 'named_person' }, note: 'wer?' }), span('b', 'anna', 20, 38, 'statement')],
    relations: [{ from: 'a', to: 'b', type: 'attributes' }] },
  { id: 'j2', text: 'Böse Worte fallen.', spans: [span('c', 'ben', 0, 4, 'evaluative', { attributes: { polarity: 'negative' } }), span('d', 'chef', 5, 10, 'evaluative', { status: 'draft' })], annotators: [{ annotator: 'cem', status: 'draft' }] },
  { id: 'j3', text: 'Ein Text ohne Spannen 👍🏽.', status: 'draft', spans: [span('e', 'admin', 0, 3, 'statement')] },
  { id: 'j4', text: 'Der Minister sagte, die Lage sei ernst.' },
].map((l) => JSON.stringify(l)).join('\n');

const BRAT = zipSync(Object.fromEntries(['discontinuous', 'PMID-9119025'].flatMap((n) => [`docs/${n}.txt`, `docs/${n}.ann`].map((f) => [f, strToU8(fixture(`brat/${f.slice(5)}`))]))));

/** Every import of the comparison, in order: its answer, or its refusal. */
async function imports(db: Db, projectId: number) {
  const run = (upload: ReturnType<typeof file> & { format?: 'jsonl' }, options: Partial<ImportOptions> = {}) =>
    importDataset(db, null, projectId, upload, options).then(
      (r) => r,
      (e: { status?: number; message?: string; details?: unknown }) => ({ refused: e.status, message: e.message, details: e.details }),
    );
  const jsonl = { ...file('f.jsonl', JSONL), format: 'jsonl' as const };
  return [
    await run(jsonl, { dryRun: true }),
    await run(jsonl, { annotatorMap: { chef: 'admin' } }),
    await run(jsonl, { annotatorMap: { chef: 'admin' }, onDuplicate: 'replace' }),
    await run(jsonl, { annotatorMap: { chef: 'nobody' } }),
    await run(file('brat.zip', BRAT)),
  ];
}

const QUERIES = {
  users: 'SELECT id, username, display_name, role, password_hash = \'locked$imported\' AS locked, demo FROM users ORDER BY id',
  projects: 'SELECT id, name, CAST(relation_types AS TEXT) AS relation_types FROM projects ORDER BY id',
  labels: 'SELECT project_id, key, name, color, hotkey, description, CAST(guidelines AS TEXT) AS guidelines, CAST(attributes AS TEXT) AS attributes, position FROM labels ORDER BY project_id, position',
  articles: 'SELECT id, project_id, title, text, text_hash, length, source, story, url, published_at, external_id, archived_at, tokens FROM articles ORDER BY id',
  assignments: 'SELECT article_id, annotator_id, status, submitted_at IS NULL AS open FROM assignments ORDER BY article_id, annotator_id',
  spans: 'SELECT id, article_id, annotator_id, label_key, start, "end", quote, CAST(attributes AS TEXT) AS attributes, note, version, created_at = updated_at AS unchanged FROM annotations ORDER BY id',
  links: 'SELECT from_id, to_id, type FROM relations',
  audit: 'SELECT id, user_id, action, entity, entity_id, CAST(data AS TEXT) AS data, CAST(before AS TEXT) AS before, CAST(after AS TEXT) AS after, article_id, project_id FROM audit_log ORDER BY id',
};

type Row = Record<string, unknown>;

/** A timestamp inside an audit entry's JSON (an account's createdAt). */
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;

/** The rows as comparable values: booleans as 0/1, bytes as hex, timestamps in JSON masked, span ids as their place in insertion order. */
function comparable(tables: Record<keyof typeof QUERIES, Row[]>): Record<keyof typeof QUERIES, unknown[]> {
  const value = (v: unknown) => (typeof v === 'boolean' ? Number(v) : Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'string' ? v.replace(ISO_TIME, '<time>') : v);
  const plain = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, value(v)])));
  const spanAt = new Map(tables.spans.map((s, i) => [s.id as string, i]));
  return {
    ...(Object.fromEntries(Object.entries(tables).map(([k, rows]) => [k, plain(rows)])) as Record<keyof typeof QUERIES, unknown[]>),
    spans: plain(tables.spans).map(({ id: _, ...s }) => s),
    links: tables.links.map((l) => [spanAt.get(l.from_id as string), spanAt.get(l.to_id as string), l.type]).sort(),
  };
}

async function pgRows(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out = {} as Record<keyof typeof QUERIES, Row[]>;
    for (const [k, q] of Object.entries(QUERIES)) out[k as keyof typeof QUERIES] = (await client.query(q)).rows;
    return comparable(out);
  } finally {
    await client.end();
  }
}

describe.skipIf(!TEST_DATABASE_URL)(pgTitle('an import on both engines'), () => {
  it('answers the same and stores the same rows on SQLite and on PostgreSQL; a refused import leaves nothing', async () => {
    const lite = openDatabase(':memory:');
    await ensureAdmin(lite.db, 'admin-password-1');
    const liteProject = (await seedSampleProjectIfEmpty(lite.db, { demo: false })).projectId!;
    const liteResults = await imports(lite.db, liteProject);
    const liteRows = comparable(Object.fromEntries(Object.entries(QUERIES).map(([k, q]) => [k, lite.sqlite.prepare(q).all() as Row[]])) as Record<keyof typeof QUERIES, Row[]>);
    lite.sqlite.close();

    const { url, drop } = await freshDatabase();
    const opened = await openTarget({ engine: 'postgres', url }, { poolSize: 2 });
    try {
      await ensureAdmin(opened.db, 'admin-password-1');
      const projectId = (await seedSampleProjectIfEmpty(opened.db, { demo: false })).projectId!;
      expect(projectId).toBe(liteProject);
      const results = await imports(opened.db, projectId);
      expect(results.map((r) => ('refused' in r ? r.refused : r.articles))).toEqual([3, 3, 3, 400, 2]);
      expect(results).toEqual(liteResults);
      const rows = await pgRows(url);
      expect(rows.spans.length).toBeGreaterThan(10);
      expect(rows.links.length).toBeGreaterThan(1);
      expect(rows).toEqual(liteRows);

      // Refused after two batches were written (line 450 names no label of the project), new accounts and all: nothing stays.
      const lines = Array.from({ length: 450 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `Neuer Text Nummer ${i}.`, spans: [span('x', `neu${i % 3}`, 0, 5, i === 449 ? 'nope' : 'statement')] }));
      const late = await importDataset(opened.db, null, projectId, { ...file('late.jsonl', lines.join('\n')), format: 'jsonl' }).catch((e: { status: number; message: string }) => e);
      expect(late).toMatchObject({ status: 400, message: expect.stringContaining('Line 450') });
      // Refused inside a batch's work (two names mapped to one account, a draft and a submitted span): nothing stays either.
      const mixed = JSON.stringify({ id: 'm', text: 'Gemischt hier.', spans: [span('y', 'p', 0, 3, 'statement'), span('z', 'q', 4, 8, 'statement', { status: 'draft' })] });
      const clash = await importDataset(opened.db, null, projectId, { ...file('mixed.jsonl', mixed), format: 'jsonl' }, { annotatorMap: { p: 'admin', q: 'admin' } }).catch((e: { status: number; message: string }) => e);
      expect(clash).toMatchObject({ status: 400, message: expect.stringContaining('different statuses') });
      // Cancelled (a job's DELETE) while its second batch is written, progress counted meanwhile: nothing stays.
      const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
      const canceller = new Worker(
        `const { workerData } = require('node:worker_threads'); const c = new Int32Array(workerData);
         while (!(Atomics.load(c, 3) === 1 && Atomics.load(c, 1) >= 399)) Atomics.wait(c, 0, 0, 1);
         Atomics.store(c, 0, 1);`,
        { eval: true, workerData: control.buffer },
      );
      const many = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ id: `c${i}`, text: `Noch ein Text Nummer ${i}.`, spans: [span('x', 'neu', 0, 4, 'statement')] }));
      const cancelled = await importDataset(opened.db, null, projectId, { ...file('many.jsonl', many.join('\n')), format: 'jsonl' }, {}, control).catch((e: { code: string }) => e);
      await canceller.terminate();
      expect(cancelled).toMatchObject({ code: 'cancelled' });
      expect(Atomics.load(control, 1)).toBeGreaterThanOrEqual(399);
      expect(Atomics.load(control, 1)).toBeLessThan(1000);
      expect(await pgRows(url)).toEqual(rows);
    } finally {
      await opened.close();
      await drop();
    }
  }, 120_000);

  it('answers 409 and imports nothing when another process makes an account the import makes, meanwhile', async () => {
    const { url, drop } = await freshDatabase();
    const opened = await openTarget({ engine: 'postgres', url }, { poolSize: 2 });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await ensureAdmin(opened.db, 'admin-password-1');
      const projectId = (await seedSampleProjectIfEmpty(opened.db, { demo: false })).projectId!;
      const before = await pgRows(url);
      // The other process's account, not committed yet: the import's plan does not see it, its insert waits for it.
      await other.query('BEGIN');
      await other.query("INSERT INTO users (username, display_name, role, password_hash) VALUES ('anna', 'Anna', 'annotator', 'x')");
      const upload = { ...file('anna.jsonl', JSON.stringify({ id: 'a1', text: 'Ein Text.', spans: [span('s', 'anna', 0, 3, 'statement')] })), format: 'jsonl' as const };
      const running = importDataset(opened.db, null, projectId, upload).catch((e: { status: number; code: string; message: string }) => e);
      const waiting = async () => (await other.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rows[0].n > 0;
      for (let i = 0; i < 200 && !(await waiting()); i++) await new Promise((r) => setTimeout(r, 25));
      await other.query('COMMIT');
      expect(await running).toMatchObject({ status: 409, code: 'conflict', message: expect.stringContaining('"anna" was made while the import ran') });
      const after = await pgRows(url);
      const usernames = (rows: typeof before) => (rows.users as Row[]).map((u) => u.username);
      expect(usernames(after)).toEqual([...usernames(before), 'anna']);
      expect({ ...after, users: before.users }).toEqual(before);
    } finally {
      await other.end();
      await opened.close();
      await drop();
    }
  }, 60_000);
});
