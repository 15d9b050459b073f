/**
 * The import's second pass prepared by a second thread (import-parallel.ts)
 * writes exactly what the one-thread pass writes: same rows in every table
 * (span ids aside, made at write time), same answer, same refusals; a
 * cancel while it writes rolls everything back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/client.js';
import { ApiError } from '../../server/src/http/errors.js';
import { preparerStats } from '../../server/src/services/import-parallel.js';
import { CONTROL_SLOTS, firstPass } from '../../server/src/services/import-pass.js';
import { lineRanges } from '../../server/src/services/import-source.js';
import { emptySummary, mergeSummary, summariseRange, type FileSummary } from '../../server/src/services/import-summary.js';
import { importDataset, importTuning } from '../../server/src/services/imports.js';
import { seedSampleProjectIfEmpty } from '../../server/src/services/seed.js';
import { ensureAdmin } from '../../server/src/services/users.js';

const dir = mkdtempSync(join(tmpdir(), 'mbw-import-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `n` articles with what a line can carry: meta, CRLF text, notes, attributes, links, drafts, repeats, blank lines. */
function fileOf(extra: string[] = [], n = 240): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const words = `Die Sprecherin sagte am Montag,\r\ndie Lage sei ernst. Café ${i} bleibt offen, so der Bericht.`;
    const doc = {
      id: i % 37 === 5 ? `a-${i - 1}` : `a-${i}`, // some repeat an earlier external id
      text: i % 3 ? words.replaceAll('\r\n', '\n') : words,
      meta: { title: i % 4 ? `Artikel ${i}` : '', source: i % 2 ? 'dpa' : undefined, url: `https://example.org/${i}`, publishedAt: '2026-01-02', story: i % 5 ? undefined : 'story-1' },
      annotators: [{ annotator: `ann${i % 4}`, status: i % 6 ? 'submitted' : 'draft' }],
      spans: [
        { id: 's1', start: 0, end: 14, label: 'attribution', annotator: `ann${i % 4}`, attributes: { sourceType: 'named_person' }, note: i % 2 ? 'eine Notiz' : null },
        { id: 's2', start: 33, end: 52, label: 'statement', annotator: `ann${i % 4}`, attributes: {} },
        { id: 's3', start: 15, end: 20, label: 'evaluative', annotator: `ann${(i + 1) % 4}`, attributes: { polarity: 'negative' }, status: 'submitted' },
      ],
      relations: i % 2 ? [{ from: 's1', to: 's2', type: 'attributes' }] : [],
    };
    if (i % 6 === 0) doc.spans.pop();
    lines.push(JSON.stringify(doc));
    if (i % 50 === 7) lines.push('   ');
  }
  return `${[...lines, ...extra].join('\n')}\n`;
}

const fresh = () => openDatabase(':memory:');

/** Every table an import writes, as rows (span ids replaced by their rank: they are made at write time). */
function dump(sqlite: ReturnType<typeof openDatabase>['sqlite']) {
  const all = (sql: string) => sqlite.prepare(sql).raw().all();
  return {
    articles: all('SELECT id, project_id, title, text, text_hash, length, source, story, url, published_at, external_id, archived_at, hex(tokens) FROM articles ORDER BY id'),
    assignments: all('SELECT id, article_id, annotator_id, status, submitted_at IS NULL, flag_reason FROM assignments ORDER BY id'),
    spans: all('SELECT article_id, annotator_id, label_key, start, "end", quote, attributes, note, version FROM annotations ORDER BY id'),
    relations: all('SELECT r.id, a.article_id, a.start, a.label_key, b.start, b.label_key, r.type FROM relations r JOIN annotations a ON a.id = r.from_id JOIN annotations b ON b.id = r.to_id ORDER BY r.id'),
    users: all("SELECT id, username, display_name, role, password_hash = 'locked$imported' FROM users ORDER BY id"),
    labels: all('SELECT * FROM labels ORDER BY rowid'),
    audit: all("SELECT id, user_id, action, entity, entity_id, data, before, after, article_id, project_id FROM audit_log WHERE NOT (entity = 'user' AND action = 'create' AND entity_id = 1) ORDER BY id"),
  };
}

/**
 * The file imported twice (skipping its repeats, then adding every line
 * again) into a new workbench; threads: 1, or 2 (the second thread checks
 * every range of the first pass: the writer would finish this small file
 * before the thread has loaded).
 */
async function importBoth(file: string, threads: 1 | 2) {
  const { db, sqlite } = fresh();
  await ensureAdmin(db, 'admin-password-1');
  const { projectId } = await seedSampleProjectIfEmpty(db, { demo: false });
  importTuning.parallelFromBytes = threads === 2 ? 0 : Infinity;
  importTuning.writerReads = threads === 1;
  try {
    const results = [];
    for (const onDuplicate of ['skip', 'add'] as const) results.push(await importDataset(db, null, projectId!, { source: { name: 'f.jsonl', path: file }, format: 'jsonl' }, { onDuplicate }));
    return { results, tables: dump(sqlite) };
  } finally {
    Object.assign(importTuning, { parallelFromBytes: 16 << 20, writerReads: true });
    sqlite.close();
  }
}

function refusal(file: string, threads: 1 | 2) {
  return importBoth(file, threads).then(
    () => null,
    (e: unknown) => (e instanceof ApiError ? { status: e.status, code: e.code, message: e.message, details: e.details } : e),
  );
}

describe('the import prepared by a second thread', () => {
  it('writes the same rows and answers the same as the one-thread import', async () => {
    const file = join(dir, 'same.jsonl');
    writeFileSync(file, fileOf());
    const one = await importBoth(file, 1);
    const two = await importBoth(file, 2);
    expect(one.results.map((r) => [r.articles, r.skipped])).toEqual([[233, 7], [240, 0]]);
    expect(one.results[0]!.relations).toBeGreaterThan(100);
    expect(one.tables.relations.length).toBeGreaterThan(100);
    expect(preparerStats.theirs).toBe(preparerStats.ranges);
    expect(preparerStats.ranges).toBeGreaterThan(20);
    expect(two.results).toEqual(one.results);
    expect(two.tables).toEqual(one.tables);
  }, 30_000);

  it('refuses the same lines the same way', async () => {
    const file = join(dir, 'bad.jsonl');
    const unknownLabel = JSON.stringify({ id: 'x1', text: 'Ein Text.', spans: [{ start: 0, end: 3, label: 'nope', annotator: 'ann1' }] });
    writeFileSync(file, fileOf([unknownLabel, '{"id": "broken"', unknownLabel]));
    const one = await refusal(file, 1);
    expect(one).toMatchObject({ status: 400, code: 'invalid_input' });
    expect(await refusal(file, 2)).toEqual(one);
    const late = join(dir, 'late.jsonl');
    writeFileSync(late, fileOf([unknownLabel]));
    const lateOne = await refusal(late, 1);
    expect(lateOne).toMatchObject({ status: 400, message: expect.stringContaining('Line 246') });
    expect(await refusal(late, 2)).toEqual(lateOne);
  }, 30_000);

  it('rolls everything back when cancelled while it writes', async () => {
    const file = join(dir, 'cancel.jsonl');
    writeFileSync(file, fileOf([], 1200));
    const { db, sqlite } = fresh();
    await ensureAdmin(db, 'admin-password-1');
    const { projectId } = await seedSampleProjectIfEmpty(db, { demo: false });
    const before = dump(sqlite);
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
    // another thread sets the cancel flag once the first batch is written (phase 1, 250 lines), as a job's DELETE does
    const canceller = new Worker(
      `const { workerData } = require('node:worker_threads'); const c = new Int32Array(workerData);
       while (!(Atomics.load(c, 3) === 1 && Atomics.load(c, 1) >= 250)) Atomics.wait(c, 0, 0, 1);
       Atomics.store(c, 0, 1);`,
      { eval: true, workerData: control.buffer },
    );
    importTuning.parallelFromBytes = 0;
    try {
      await expect(importDataset(db, null, projectId!, { source: { name: 'f.jsonl', path: file }, format: 'jsonl' }, {}, control)).rejects.toThrow(/cancelled/);
      expect(Atomics.load(control, 1)).toBeGreaterThanOrEqual(250);
      expect(Atomics.load(control, 1)).toBeLessThan(1200);
      expect(dump(sqlite)).toEqual(before);
    } finally {
      importTuning.parallelFromBytes = 16 << 20;
      await canceller.terminate();
      sqlite.close();
    }
  }, 30_000);
});

/** A summary with every map and set as its entries in order (the order decides the plan's and the answer's). */
const plain = (sum: FileSummary) => ({
  ...sum,
  labelCounts: [...sum.labelCounts],
  attributes: [...sum.attributes].map(([label, attrs]) => [label, [...attrs].map(([k, vs]) => [k, [...vs]])]),
  found: [...sum.found],
  relationTypes: [...sum.relationTypes],
  fragmentEnds: [...sum.fragmentEnds],
});

describe('the first pass by ranges', () => {
  it('merges the ranges into the summary of the whole file, in its order', () => {
    const doc = (i: number) =>
      JSON.stringify({
        id: `d${i}`,
        text: `Text ${i} mit Wörtern.`,
        annotators: [{ annotator: `late${Math.floor(i / 40)}`, status: 'draft' }],
        spans: [{ start: 0, end: 4, label: `label${i % 7 === 3 ? i : 1}`, annotator: `n${i % 11}`, attributes: { k: `v${i % 650}`, other: `w${i}` } }],
        relations: i % 9 ? [] : [{ from: 'a', to: 'b', type: i % 2 ? 'fragment' : `t${i}` }],
      });
    const lines = Array.from({ length: 1300 }, (_, i) => (i % 97 === 13 ? '{"id": "broken"' : i % 89 === 5 ? '' : doc(i)));
    const text = `\uFEFF${lines.map((l, i) => `${l}${i % 5 === 2 ? '\r\n' : i % 31 === 4 ? '\r' : '\n'}`).join('')}tail`;
    const src = { name: 'r.jsonl', bytes: new TextEncoder().encode(text) };
    const whole = firstPass({ source: src, format: 'jsonl' }, {}, () => {
      throw new Error('no plain text here');
    }, undefined);
    whole.store.dispose();
    expect(whole.summary.errors.length).toBeGreaterThan(10);
    expect([...whole.summary.attributes.get('label1')!.get('k')!].length).toBe(500);
    for (const parts of [1, 2, 7, 32, 200]) {
      const ranges = lineRanges(src, src.bytes.length, parts);
      expect(ranges.length).toBeGreaterThan(Math.min(parts, 100) - 1);
      const sum = emptySummary('jsonl');
      let offset = 0;
      for (const range of ranges) {
        const part = summariseRange(src, range, () => {});
        mergeSummary(sum, part.sum, offset);
        offset += part.lines;
      }
      expect(plain(sum), `${parts} ranges`).toEqual(plain(whole.summary));
    }
  });
});
