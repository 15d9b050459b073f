/**
 * `npm run bench` (part, issue 13): exports and imports at scale.
 *
 * - Export ~200,000 spans (1,850 articles × 3 annotators × ~40 spans of the
 *   agreement workload) as JSONL and as CoNLL through `exportFile()` (the
 *   service of export jobs) against reading the same rows from SQLite without
 *   formatting (articles and spans, every column touched); target ≤ 3× the
 *   read, peak RSS ≤ 250 MB.
 * - Import 10,000 articles (JSONL, ~13 spans each) from a file through
 *   `importDataset()` (the one import path of the route, the import jobs and
 *   the CLI: the worker's task runs exactly this) into an empty project;
 *   target ≥ 2,000 articles/s, memory bounded (the baseline's child reads
 *   the file and parses every line, holding them).
 * Each measurement runs in its own child process, so its peak RSS
 * (`process.resourceUsage().maxRSS`) is its own; the baselines' children
 * give the RSS of a process that only loads the same modules and reads.
 * Medians of `RUNS` runs (imports: the slower of 2), alternating baseline
 * and scenario. `--json` prints
 * the rows as JSON; `export` or `import` runs that part only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toJsonlLine } from '@mbw/shared';
import { openDatabase } from '../server/src/db/client.js';
import { exportFile } from '../server/src/services/exports.js';
import { importDataset } from '../server/src/services/imports.js';
import { seedSampleProjectIfEmpty } from '../server/src/services/seed.js';
import { ensureAdmin } from '../server/src/services/users.js';
import { printRows, type Row } from './agreement.js';
import { agreementWorkload } from './agreementData.js';
import { insertAgreementWorkload } from './agreementDb.js';

const RUNS = 3;
/** Two imports (≈ 40 s each at load 4): the slower one is reported. */
const IMPORT_RUNS = 2;
const EXPORT_ARTICLES = 1850;
const IMPORT_ARTICLES = 10_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (kb: number) => kb / 1024;

interface ChildResult {
  ms: number;
  maxRssKb: number;
  bytes?: number;
  articles?: number;
}

/** Runs `task` of this file in a child process (same loader as this one) and answers its time and peak RSS. */
function child(task: string, ...args: string[]): ChildResult {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', task, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

/** Reads the project's articles and spans as an export does, without formatting: every column of every row touched. */
function readRows(dbFile: string, projectId: number): number {
  const { sqlite } = openDatabase(dbFile);
  let n = 0;
  const touch = (row: unknown[]) => {
    for (const v of row) n += typeof v === 'string' ? v.length : 1;
  };
  for (const row of sqlite.prepare('SELECT * FROM articles WHERE project_id = ? AND archived_at IS NULL ORDER BY id').raw().iterate(projectId)) touch(row as unknown[]);
  const spans = sqlite.prepare(
    `SELECT s.*, u.username, g.status FROM annotations s JOIN articles a ON a.id = s.article_id
     JOIN assignments g ON g.article_id = s.article_id AND g.annotator_id = s.annotator_id JOIN users u ON u.id = s.annotator_id
     WHERE a.project_id = ? AND g.status = 'submitted' ORDER BY s.article_id, s.start, s.end, s.id`,
  );
  for (const row of spans.raw().iterate(projectId)) touch(row as unknown[]);
  sqlite.close();
  return n;
}

/** The child's side: one measurement, printed as JSON. */
async function runChild(task: string, args: string[]): Promise<void> {
  const t0 = performance.now();
  let extra: Partial<ChildResult> = {};
  if (task === 'read') extra = { bytes: readRows(args[0]!, Number(args[1])) };
  else if (task === 'export') {
    const { db, sqlite } = openDatabase(args[0]!);
    const r = await exportFile(db, Number(args[1]), { format: args[2] as 'jsonl' | 'conll', source: 'all', status: 'submitted', seed: 1, ratios: { train: 0.8, dev: 0.1, test: 0.1 }, conllShape: 'conll2003' }, args[3]!);
    sqlite.close();
    extra = { bytes: statSync(args[3]!).size, articles: r.articleCount };
  } else if (task === 'readFile') {
    // baseline of the import's memory: the upload read and split into parsed lines, nothing written
    const text = readFileSync(args[0]!, 'utf8');
    extra = { articles: text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown).length };
  } else if (task === 'import') {
    // as the import task does (importTask.ts): the upload is a file, read line by line
    const { db, sqlite } = openDatabase(args[1]!);
    const r = await importDataset(db, null, Number(args[2]), { source: { name: 'bench.jsonl', path: args[0]! }, format: 'jsonl' }, { onDuplicate: 'add' });
    sqlite.close();
    extra = { articles: r.articles };
  }
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, ...extra }));
}

async function newProject(dbFile: string): Promise<number> {
  const { db, sqlite } = openDatabase(dbFile);
  await ensureAdmin(db, 'bench-admin-password');
  const { projectId } = await seedSampleProjectIfEmpty(db, { demo: false });
  sqlite.close();
  return projectId!;
}

async function exportRows(dir: string): Promise<Row[]> {
  const dbFile = join(dir, 'export.db');
  const projectId = await newProject(dbFile);
  const { db, sqlite } = openDatabase(dbFile);
  insertAgreementWorkload(db, sqlite, projectId, agreementWorkload(EXPORT_ARTICLES, 40));
  const spans = (sqlite.prepare('SELECT count(*) n FROM annotations s JOIN articles a ON a.id = s.article_id WHERE a.project_id = ?').get(projectId) as { n: number }).n;
  sqlite.close();
  const runs = { read: [] as ChildResult[], jsonl: [] as ChildResult[], conll: [] as ChildResult[] };
  for (let i = 0; i < RUNS; i++) {
    runs.read.push(child('read', dbFile, String(projectId)));
    runs.jsonl.push(child('export', dbFile, String(projectId), 'jsonl', join(dir, 'out.jsonl')));
    runs.conll.push(child('export', dbFile, String(projectId), 'conll', join(dir, 'out.conll')));
  }
  const ms = (rs: ChildResult[]) => median(rs.map((r) => r.ms));
  const rss = (rs: ChildResult[]) => mb(median(rs.map((r) => r.maxRssKb)));
  const k = `${(spans / 1000).toFixed(0)}k spans`;
  return [
    { what: `export ${k} JSONL (median ms) vs reading the same rows`, value: ms(runs.jsonl), baseline: ms(runs.read), unit: 'ms', target: 'ratio ≤ 3' },
    { what: `export ${k} CoNLL (median ms) vs reading the same rows`, value: ms(runs.conll), baseline: ms(runs.read), unit: 'ms', target: 'ratio ≤ 3' },
    { what: `export ${k} JSONL, peak RSS (MB) vs the read's process`, value: rss(runs.jsonl), baseline: rss(runs.read), unit: 'MB', target: '≤ 250' },
    { what: `export ${k} CoNLL, peak RSS (MB) vs the read's process`, value: rss(runs.conll), baseline: rss(runs.read), unit: 'MB', target: '≤ 250' },
  ];
}

/** The import file: the agreement workload's articles as interchange JSONL, attributes in the sample scheme's values. */
function importFile(file: string): number {
  const input = agreementWorkload(IMPORT_ARTICLES, 5, 31);
  const attrs = (label: string, a: Record<string, unknown>): Record<string, string> =>
    label === 'attribution' ? { sourceType: a.sourceType === 'official' ? 'named_organisation' : 'anonymous' } : label === 'evaluative' ? { polarity: a.polarity === 'neg' ? 'negative' : 'positive' } : {};
  const lines = input.articles.map((a) =>
    toJsonlLine({
      id: `bench-${a.id}`, text: a.text, meta: { title: a.title }, relations: [],
      annotators: a.annotators.map((annotator) => ({ annotator, status: 'submitted' as const })),
      spans: a.spans.map((s) => ({ id: String(s.id), start: s.start, end: s.end, label: s.label, annotator: s.annotator, attributes: attrs(s.label, s.attributes as Record<string, unknown>), quote: a.text.slice(s.start, s.end) })),
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return input.articles.reduce((n, a) => n + a.spans.length, 0);
}

async function importRows(dir: string): Promise<Row[]> {
  const file = join(dir, 'import.jsonl');
  const spans = importFile(file);
  const runs = { base: [] as ChildResult[], import: [] as ChildResult[] };
  for (let i = 0; i < IMPORT_RUNS; i++) {
    const dbFile = join(dir, `import-${i}.db`);
    const projectId = await newProject(dbFile);
    runs.base.push(child('readFile', file));
    const r = child('import', file, dbFile, String(projectId));
    if (r.articles !== IMPORT_ARTICLES) throw new Error(`import wrote ${r.articles} articles, not ${IMPORT_ARTICLES}`);
    runs.import.push(r);
    rmSync(dbFile, { force: true });
  }
  const size = `${(statSync(file).size / 2 ** 20).toFixed(0)} MiB, ${(spans / 1000).toFixed(0)}k spans`;
  return [
    { what: `import 10,000 articles JSONL (${size}), articles/s (slower of 2)`, value: IMPORT_ARTICLES / (median(runs.import.map((r) => r.ms)) / 1000), baseline: null, unit: '/s', target: '≥ 2000' },
    { what: `import 10,000 articles, peak RSS (MB) vs reading and parsing the file`, value: mb(median(runs.import.map((r) => r.maxRssKb))), baseline: mb(median(runs.base.map((r) => r.maxRssKb))), unit: 'MB', target: 'bounded' },
  ];
}

/** Both parts, or one (`export`, `import`: `npm run bench` runs them one after the other, each under ~3 minutes). */
export async function exportImportBench(part?: 'export' | 'import'): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mbw-bench-export-'));
  try {
    return [...(part === 'import' ? [] : await exportRows(dir)), ...(part === 'export' ? [] : await importRows(dir))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--child');
  if (at >= 0) await runChild(process.argv[at + 1]!, process.argv.slice(at + 2));
  else {
    const part = process.argv.find((a) => a === 'export' || a === 'import') as 'export' | 'import' | undefined;
    const rows = await exportImportBench(part);
    if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
    else printRows(rows);
  }
}
