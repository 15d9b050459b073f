import { statSync } from 'node:fs';
import {
  parseTxtArticle,
  relationAllowed,
  type ExportDoc,
  type ForeignOptions,
  type ImportConf,
  type ImportOptions,
  type ImportResult,
  type LabelDef,
  type RelationTypeDef,
  type User,
} from '@mbw/shared';
import type { Db } from '../db/client.js';
import { badRequest } from '../http/errors.js';
import { isPostgres, lock, transaction } from '../db/tx.js';
import { writeImportBatch } from '../db/pg/importWrite.js';
import { insertArticleRowsSync } from '../db/sqlite/articles.js';
import { articleRow, auditImportedArticles, type CreatedArticle } from './articles.js';
import { articleWrite, schemeProblem, type ArticleWrite } from './import-check.js';
import { audit, type Tx } from './audit.js';
import { annotatorProblems } from './import-annotators.js';
import { dropUndeclarable, relabel } from './import-labels.js';
import { lineErrors, type ImportLine, type LineError } from './import-lines.js';
import { Preparer } from './import-parallel.js';
import { checkCancelled, firstPass, setProgress, setWriting, streamedJsonl, type Control, type FileSummary, type LineStore, type Upload } from './import-pass.js';
import { applyPlan, plan, type Plan } from './import-plan.js';
import type { PreparedLine } from './import-prepared.js';
import type { ByteSource } from './import-source.js';
import { writeWork } from './import-write.js';
import { projectLabels } from './projects.js';
import { acquireForImport, releaseForImport } from './writeGate.js';

export { decodeUpload } from './import-lines.js';
export { readUpload } from './import-read.js';
export type { Upload } from './import-pass.js';

/** Article lines written per batch (one multi-row article insert, then their work): what the second pass holds at once. */
export const WRITE_BATCH = 200;

/**
 * Imports a dataset into a project in one transaction, whatever its format:
 * each format's reader turns the upload into interchange documents (plain
 * text: one article; JSONL: one a line), then one writer stores them.
 * Two passes (issue 13): the first reads and checks the upload, keeping only
 * what the plan needs (JSONL is streamed, its checked lines spilled to disk);
 * the second, inside the transaction, plans (every read that decides what is
 * written happens there), checks each line against the project's scheme and
 * writes it. Labels of the file go to the project label of the same key, to
 * the one `labelMap` names, or else (foreign formats; JSONL refuses them by
 * line) to a new label (name kept, key derived).
 * Annotators named in the file go to existing accounts only through
 * `annotatorMap`; the others get new locked accounts (see planAnnotators).
 * Spans keep their status (`submitted`, or `draft`: assignment in progress).
 * Duplicates (external id or text) are skipped unless `onDuplicate` says
 * otherwise. Any bad line answers 400 with its line number, and nothing is
 * imported. With `dryRun`, nothing is written and the answer says what would be.
 * `control` (a job's): progress, and a cancel flag that rolls everything back;
 * `gate` (a worker's): the write gate shared with the request thread (SQLite).
 * The same on both engines; only the articles' inserts differ (SQLite:
 * statements prepared once, import-write.ts; PostgreSQL: a few multi-row
 * inserts per batch, db/pg/importWrite.ts), and the preparing thread is
 * SQLite's speed path.
 */
export async function importDataset(db: Db, actor: User | null, projectId: number, upload: Upload, options: Partial<ImportOptions> = {}, control?: Control, gate?: Int32Array): Promise<ImportResult> {
  const sqlite = !isPostgres(db);
  const reading: ForeignOptions = { discontinuous: options.discontinuous, layer: options.layer, feature: options.feature, columns: options.columns };
  // A big JSONL file on disk shares both passes with a second thread (import-parallel.ts), which starts now and reads the upload again instead of a spill.
  const preparer = sqlite && preparedInParallel(upload, options) ? new Preparer() : null;
  const source = (upload as { source: ByteSource }).source;
  let pass: ReturnType<typeof firstPass>;
  try {
    pass = preparer ? { summary: preparer.firstPass(source, control, importTuning.writerReads), store: { lines: () => [], dispose: () => {} } } : firstPass(upload, reading, txtLine, control);
  } catch (e) {
    preparer?.dispose();
    throw e;
  }
  const { summary, store } = pass;
  const second: SecondPassLines = preparer ? { preparer, source } : store;
  const gated = sqlite && gate && !options.dryRun ? gate : null;
  try {
    setProgress(control, 1, 0, summary.infos.length);
    // A worker's import takes its turn at SQLite's write gate (writeGate.ts) before SQLite's lock: the request thread then never waits inside SQLite.
    if (gated) acquireForImport(gated);
    setWriting(control, sqlite && !options.dryRun);
    // SQLite: IMMEDIATE (a write transaction takes the write lock at the start), so a concurrent writer cannot make it fail half-way; a dry run takes none.
    return await transaction(db, (tx) => secondPass(tx, actor, projectId, summary, second, options, control), options.dryRun);
  } finally {
    setWriting(control, false);
    if (gated) releaseForImport(gated);
    store.dispose();
    preparer?.dispose();
  }
}

/**
 * Uploads from this size on (bytes; JSONL files on disk) share the work with
 * a second thread; below, the thread's start (≈ 0.4 s of CPU) costs more
 * than it saves. Tests lower it, and with `writerReads` false leave the
 * whole first pass to that thread.
 */
export const importTuning = { parallelFromBytes: 16 << 20, writerReads: true };

function preparedInParallel(upload: Upload, options: Partial<ImportOptions>): boolean {
  if (options.dryRun || !('source' in upload) || !upload.source.path) return false;
  return statSync(upload.source.path).size >= importTuning.parallelFromBytes && streamedJsonl(upload.source, upload.format);
}

/** Where the second pass takes the checked lines from: the first pass's store, or the preparing thread. */
type SecondPassLines = LineStore | { preparer: Preparer; source: ByteSource };

async function secondPass(tx: Tx, actor: User | null, projectId: number, sum: FileSummary, from: SecondPassLines, options: Partial<ImportOptions>, control: Control): Promise<ImportResult> {
  await lock(tx, 'project', projectId);
  const dryRun = options.dryRun ?? false;
  const p = await plan(tx, projectId, sum, options);
  const errors: LineError[] = [...sum.errors];
  const blank = sum.infos.findIndex((i) => i.blank);
  // A dry run lists the names that must be mapped (`annotators[].problem`) so a page can ask for the mapping.
  const late = dryRun ? [] : annotatorProblems(p.annotators);
  const working = new Set(sum.infos.filter((_, i) => p.articles.write[i]).flatMap((i) => i.annotators));
  const createdAnnotators = p.annotators.filter((a) => a.action === 'create' && a.account !== null && working.has(a.name)).map((a) => a.account!);
  const writing = !dryRun && !errors.length && !late.length && blank < 0;
  const accounts = writing ? await applyPlan(tx, actor, projectId, p, createdAnnotators) : new Map<string, number>();
  const created: CreatedArticle[] = [];
  const checked: Checked = { errors: [], relations: 0, undeclarable: [], foreignLinks: [] };
  const labels = [...(await projectLabels(tx, projectId)), ...p.newLabels];
  const lines = 'preparer' in from ? preparedLines(labels, sum, from, p, control) : storedLines(labels, sum, from, p, dryRun, checked);
  for (const batch of checkedBatches(lines, sum.infos.length, control, checked)) if (writing) await writeBatch(tx, projectId, batch, accounts, created);
  errors.push(...checked.errors, ...late);
  if (errors.length) throw lineErrors(errors);
  if (blank >= 0) throw badRequest(`Invalid body: articles.${blank}.text: must not be blank`, { issues: [{ path: `articles.${blank}.text`, message: 'must not be blank' }] });
  const result = importResult(sum, p, checked, createdAnnotators, dryRun);
  if (dryRun) return result;
  await auditImportedArticles(tx, actor, projectId, created, p.articles.duplicates);
  const counts = { format: sum.format, articles: result.articles, spans: result.spans, relations: result.relations, skipped: result.skipped, replaced: result.replaced, mapped: result.mapped, labels: p.newLabels.map((l) => l.key) };
  await audit(tx, actor?.id ?? null, 'import', 'project', projectId, counts, { after: counts, projectId });
  return result;
}

function importResult(sum: FileSummary, p: Plan, checked: Checked, createdAnnotators: string[], dryRun: boolean): ImportResult {
  const count = (action: string) => p.articles.duplicates.filter((d) => d.action === action).length;
  return {
    dryRun,
    articles: p.articles.write.filter(Boolean).length,
    spans: sum.infos.reduce((n, info, i) => n + (p.articles.write[i] ? info.spans : 0), 0),
    relations: checked.relations,
    skipped: count('skipped'),
    replaced: count('replaced'),
    duplicates: p.articles.duplicates.map(({ index, earlier, ...d }) => ({ ...d, line: sum.infos[index]!.line, earlierLine: earlier === null ? null : sum.infos[earlier]!.line })),
    annotators: p.annotators,
    createdAnnotators,
    mapped: Object.fromEntries(p.annotators.filter((a) => a.action === 'map').map((a) => [a.name, a.account!])),
    format: sum.format,
    labels: p.labels,
    skippedItems: sum.format === 'jsonl' ? [] : [...sum.skipped, ...checked.undeclarable, ...checked.foreignLinks],
    ...(sum.changed?.length ? { changedText: sum.changed } : {}),
    ...(sum.scheme ? { conf: confReport(sum.scheme, p.declared!) } : {}),
  };
}

interface Checked {
  errors: LineError[];
  relations: number;
  undeclarable: Array<{ line: number; where: string; reason: string }>;
  foreignLinks: Array<{ line: number; where: string; reason: string }>;
}

/**
 * The checked lines of a store, as the second pass takes them: each gets its
 * project label keys and relation types, loses what the project cannot hold
 * (foreign formats, said so in `out`), and is checked against the scheme.
 */
function* storedLines(projectLabels: LabelDef[], sum: FileSummary, store: LineStore, p: Plan, dryRun: boolean, out: Checked): Generator<PreparedLine> {
  const labels = new Map(projectLabels.map((l) => [l.key, l]));
  // A dry run lists the labels that must be mapped (`labels[].action: 'unknown'`) so a page can ask for the mapping.
  const unknown = new Set(dryRun ? p.labels.filter((l) => l.action === 'unknown').map((l) => l.key) : []);
  const created = new Set(p.labels.filter((l) => l.action === 'create').map((l) => l.key));
  const rename = p.declared?.rename;
  let index = 0;
  for (const l of store.lines()) {
    relabel(l.doc, p.key);
    if (rename?.size) for (const r of l.doc.relations) r.type = rename.get(r.type) ?? r.type;
    if (sum.format !== 'jsonl') {
      out.undeclarable.push(...dropUndeclarable(l, created));
      out.foreignLinks.push(...dropForeignLinks(l, p.types));
    }
    const problem = schemeProblem(labels, p.types, unknown.size ? { ...l, doc: { ...l.doc, spans: l.doc.spans.filter((sp) => !unknown.has(sp.label)) } } : l);
    yield { line: l.line, problem: problem?.message ?? null, article: p.articles.write[index++] ? articleWrite(l) : null };
  }
}

/**
 * The same lines prepared by the preparing thread (JSONL only: no foreign
 * links or undeclarable attributes to drop, no declared types to rename;
 * never a dry run), each article with the first pass's text hash.
 */
function* preparedLines(labels: LabelDef[], sum: FileSummary, from: { preparer: Preparer; source: ByteSource }, p: Plan, control: Control): Generator<PreparedLine> {
  const plan = { key: [...p.key], labels, types: p.types, write: Uint8Array.from(p.articles.write, (w) => (w ? 1 : 0)) };
  let index = 0;
  for (const l of from.preparer.lines(from.source, plan, control)) {
    const info = sum.infos[index++];
    if (info?.line !== l.line) throw new Error(`The import's second pass read line ${l.line} where the first read line ${info?.line}.`);
    if (l.article) l.article.textHash = info.textHash;
    yield l;
  }
  if (index !== sum.infos.length) throw new Error(`The import's second pass read ${index} lines of ${sum.infos.length}.`);
}

/**
 * The second pass over the checked lines: each one's scheme problem is
 * recorded, and the kept ones come out in batches to write (no more once a
 * line is refused: the transaction is rolled back).
 */
function* checkedBatches(lines: Iterable<PreparedLine>, total: number, control: Control, out: Checked): Generator<ArticleWrite[]> {
  let batch: ArticleWrite[] = [];
  let index = 0;
  for (const l of lines) {
    checkCancelled(control);
    setProgress(control, 1, index++, total);
    if (l.problem !== null) out.errors.push({ line: l.line, message: l.problem });
    if (!l.article) continue;
    out.relations += l.article.relations.length;
    batch.push(l.article);
    if (batch.length >= WRITE_BATCH) {
      if (!out.errors.length) yield batch;
      batch = [];
    }
  }
  if (batch.length && !out.errors.length) yield batch;
  setProgress(control, 1, index, total);
}

/** Inserts a batch's articles (the one article write path) and then each one's work. */
async function writeBatch(tx: Tx, projectId: number, batch: ArticleWrite[], accounts: Map<string, number>, created: CreatedArticle[]): Promise<void> {
  const rows = batch.map((a) => ({ ...articleRow(projectId, a.input, 0, a.textHash), ...(a.tokens ? { tokens: a.tokens } : {}) }));
  if (isPostgres(tx)) return void created.push(...(await writeImportBatch(tx, rows, batch, accounts)));
  const inserted = insertArticleRowsSync(tx, rows);
  inserted.forEach((a, k) => {
    created.push(a);
    writeWork(tx, batch[k]!, a.id, accounts);
  });
}

function confReport(scheme: NonNullable<FileSummary['scheme']>, declared: NonNullable<Plan['declared']>): ImportConf {
  return { where: scheme.where, declaredUnused: scheme.unused, relationTypes: declared.keys, conflicts: [...scheme.conflicts, ...declared.skipped] };
}

/** Links of a foreign document the project's relation types do not allow: left out, and said so. */
function dropForeignLinks({ line, doc }: ImportLine, types: RelationTypeDef[]): Array<{ line: number; where: string; reason: string }> {
  const label = new Map(doc.spans.map((s) => [s.id, s.label]));
  const allowed = (r: ExportDoc['relations'][number]) => relationAllowed(types, r.type, label.get(r.from)!, label.get(r.to)!);
  const dropped = doc.relations.filter((r) => !allowed(r));
  if (!dropped.length) return [];
  doc.relations = doc.relations.filter(allowed);
  return [{ line, where: doc.id || `document ${line}`, reason: `${dropped.length} links the project's relation types do not allow (${[...new Set(dropped.map((r) => r.type))].join(', ')})` }];
}

function txtLine(body: string): ImportLine {
  const { title, text } = parseTxtArticle(body);
  if (!text.trim()) throw badRequest('Invalid body: the text file is empty', { issues: [{ path: 'body', message: 'empty' }] });
  return { line: 1, doc: { id: '', text, meta: { title }, spans: [], relations: [] }, work: [] };
}
