import { and, asc, eq, isNull } from 'drizzle-orm';
import { strToU8, Zip, ZipDeflate } from 'fflate';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import {
  bratAnnotationConf,
  bratFiles,
  conll2003Chunks,
  conllChunks,
  csvChunks,
  hfChunks,
  hfLabelNames,
  jsonLine,
  jsonlChunks,
  manifestTally,
  splitArticles,
  w3cCollectionChunks,
  webAnnoFiles,
  type ExportDoc,
  type ExportFormat,
  type ExportManifest,
  type LabelDef,
  type LossSink,
} from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first } from '../db/tx.js';
import { articles, projects, users } from '../db/tables.js';
import { badRequest, conflict } from '../http/errors.js';
import { goldDocs, projectDocs } from '../db/dialect.js';
import { docId, goldArticleIds } from './exportDocs.js';
import { projectLabels } from './projects.js';
import { schemeOf } from './scheme.js';

export interface ExportRequest {
  format: ExportFormat;
  source: string;
  status: 'submitted' | 'all';
  include?: 'uncurated';
  articles?: string[];
  split?: 'train' | 'dev' | 'test';
  seed: number;
  ratios: { train: number; dev: number; test: number };
  /** CoNLL: `columns` (the default) or the CoNLL-2003 shape. */
  conllShape?: 'columns' | 'conll2003';
}

/** What an export streams: its chunks, and how to name and type the download. */
export interface ExportPlan {
  chunks: Iterable<string | Uint8Array>;
  contentType: string;
  fileName: string;
  /** Articles the export walks through, for progress. */
  articleCount: number;
  /** What the export held and lost; complete once `chunks` has been read to the end. */
  manifest: () => ExportManifest;
}

type File = { name: string; content: string };
/** An export's content before packing: text chunks, or files for a zip (with what follows them once all are written). */
type Body = { chunks: Iterable<string>; ext: string; type: string } | { files: Iterable<File>; trailer: () => File[]; ext: string };

interface Selection {
  ids: number[];
  labels: LabelDef[];
  /** The project's relation type keys (brat's annotation.conf declares them). */
  relationTypes: string[];
  annotatorId?: number;
  base: string;
}

/** Checks an export request (400 or 409 as the export would answer) without writing it: an export job checks before it starts. */
export async function checkExport(db: Db, projectId: number, req: ExportRequest): Promise<void> {
  await select(db, projectId, req);
}

/** Checks the request eagerly (so a bad one fails before any byte is sent) and picks the articles. */
async function select(db: Db, projectId: number, req: ExportRequest): Promise<Selection> {
  const labels = await projectLabels(db, projectId);
  let annotatorId: number | undefined;
  if (req.source !== 'all' && req.source !== 'gold') {
    const user = await first(db.select({ id: users.id }).from(users).where(eq(users.username, req.source)));
    if (!user) throw badRequest(`Invalid query: source: no annotator "${req.source}" (use gold, all or a username)`, { issues: [{ path: 'source', message: 'unknown annotator' }] });
    annotatorId = user.id;
  }
  let rows = await db.select({ id: articles.id, externalId: articles.externalId }).from(articles).where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt))).orderBy(asc(articles.id));
  if (req.articles) {
    const wanted = new Set(req.articles);
    rows = rows.filter((a) => wanted.has(String(a.id)) || wanted.has(docId(a)));
  }
  if (req.split) {
    const part = new Set(splitArticles(rows.map(docId), { seed: req.seed, ratios: req.ratios })[req.split]);
    rows = rows.filter((a) => part.has(docId(a)));
  }
  const base = `project-${projectId}-${req.source}${req.split ? `-${req.split}` : ''}`;
  const ids = req.source === 'gold' ? await goldArticleIds(db, rows.map((r) => r.id), req.include === 'uncurated') : rows.map((r) => r.id);
  if (req.source === 'gold' && !ids.length)
    throw conflict(
      req.include === 'uncurated'
        ? 'No article of this selection has gold spans yet: pre-merge or curate first.'
        : 'No article of this selection is curated yet: curate one, or add include=uncurated for the gold so far.',
    );
  const project = (await first(db.select().from(projects).where(eq(projects.id, projectId))))!;
  const relationTypes = (await schemeOf(db, project)).relationTypes.map((t) => t.key);
  return { ids, labels, relationTypes, ...(annotatorId === undefined ? {} : { annotatorId }), base };
}

/** The export's content in its format; `sink` hears what each document lost, `manifest` is read for the zips' trailer. */
function body(format: ExportFormat, sel: Selection, docs: Iterable<ExportDoc>, sink: LossSink, manifest: () => ExportManifest, conllShape: 'columns' | 'conll2003' = 'conll2003'): Body {
  const keys = sel.labels.map((l) => l.key);
  const manifestFile = (): File => ({ name: 'manifest.json', content: JSON.stringify(manifest(), null, 2) + '\n' });
  switch (format) {
    case 'jsonl':
      return { chunks: jsonlChunks(docs), ext: 'jsonl', type: 'application/x-ndjson; charset=utf-8' };
    case 'conll':
      // conll2003: `token _ _ TAG`, one NER column (what spaCy's converter reads); columns: ids, annotators, a column per label.
      if (conllShape === 'conll2003') return { chunks: conll2003Chunks(docs, sink), ext: 'conll', type: 'text/plain; charset=utf-8' };
      return { chunks: conllChunks(docs, { layers: keys }, sink), ext: 'conll', type: 'text/plain; charset=utf-8' };
    case 'hf':
      return { chunks: hfChunks(docs, { labels: keys }, sink), ext: 'hf.jsonl', type: 'application/x-ndjson; charset=utf-8' };
    case 'hf-labels':
      return { chunks: [jsonLine(hfLabelNames({ labels: keys }))], ext: 'labels.json', type: 'application/json; charset=utf-8' };
    case 'csv':
      return { chunks: csvChunks(docs, {}, sink), ext: 'csv', type: 'text/csv; charset=utf-8' };
    case 'w3c':
      return { chunks: w3cCollectionChunks(docs, { label: sel.base }), ext: 'jsonld', type: 'application/ld+json; charset=utf-8' };
    case 'webanno':
      return { files: webAnnoFiles(docs, { attributes: attributeKeys(sel.labels) }, sink), trailer: () => [manifestFile()], ext: 'webanno.zip' };
    case 'brat': {
      // annotation.conf declares the annotators, known once every article is written
      const conf = (): File => ({ name: 'annotation.conf', content: bratAnnotationConf(sel.labels, { relationTypes: sel.relationTypes, annotators: manifest().annotators }) });
      return { files: bratFiles(docs, sink), trailer: () => [conf(), manifestFile()], ext: 'brat.zip' };
    }
  }
}

/** The export's selection and its documents: on SQLite read one at a time as they are pulled, on PostgreSQL read in full first (exportDocs.ts). */
async function start(db: Db, projectId: number, req: ExportRequest, onArticle?: (done: number) => void) {
  const sel = await select(db, projectId, req);
  const tally = manifestTally({ format: req.format, source: req.source, status: req.status });
  const keys = { labels: sel.labels.map((l) => l.key), attributeKeys: Object.fromEntries(sel.labels.map((l) => [l.key, l.attributes.map((a) => a.key)])) };
  const read = req.source === 'gold' ? await goldDocs(db, sel.ids, keys) : await projectDocs(db, sel.ids, { annotatorId: sel.annotatorId, status: req.status, ...keys });
  const docs = tally.count(onArticle ? counted(read, onArticle) : read);
  return { sel, tally, docs, body: body(req.format, sel, docs, tally.sink, tally.result, req.conllShape) };
}

/**
 * Plans an export: checks the request eagerly, then yields one article at a
 * time, read from the database as the stream is pulled: memory stays flat
 * however large the project (on SQLite; PostgreSQL's documents are read
 * before the first chunk and held in memory). Zips end with `manifest.json`.
 */
export async function planExport(db: Db, projectId: number, req: ExportRequest, onArticle?: (done: number) => void): Promise<ExportPlan> {
  const { sel, tally, body: b } = await start(db, projectId, req, onArticle);
  const fileName = `${sel.base}.${b.ext}`;
  const common = { fileName, articleCount: sel.ids.length, manifest: tally.result };
  if ('chunks' in b) return { ...common, chunks: b.chunks, contentType: b.type };
  return { ...common, chunks: zipChunks(withTrailer(b.files, b.trailer)), contentType: 'application/zip' };
}

/** What an export would hold and lose, without the file: one pass over the articles, one at a time. */
export async function exportManifest(db: Db, projectId: number, req: ExportRequest): Promise<ExportManifest> {
  const { tally, docs, body: b } = await start(db, projectId, req);
  for (const _ of 'chunks' in b ? b.chunks : b.files);
  for (const _ of docs); // formats that read no article (hf-labels) still count them
  return tally.result();
}

export interface ExportFileResult {
  fileName: string;
  contentType: string;
  articleCount: number;
  manifest: ExportManifest;
}

/** Thrown when an export is cancelled through its control. */
export const EXPORT_CANCELLED = 'export cancelled';

/**
 * Writes an export to `file` (a job of exportJobs.ts, run in a worker
 * thread): `control` is shared with the request thread, [0] = 1 asks to stop
 * (checked after every chunk; the file is removed), [1] = articles written,
 * [2] = articles in all.
 */
export async function exportFile(db: Db, projectId: number, req: ExportRequest, file: string, control?: Int32Array): Promise<ExportFileResult> {
  const plan = await planExport(db, projectId, req, (done) => control && Atomics.store(control, 1, done));
  if (control) Atomics.store(control, 2, plan.articleCount);
  const fd = openSync(file, 'w');
  try {
    for (const chunk of plan.chunks) {
      if (control && Atomics.load(control, 0)) throw new Error(EXPORT_CANCELLED);
      if (typeof chunk === 'string') writeSync(fd, chunk);
      else writeSync(fd, chunk);
    }
  } catch (e) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw e;
  }
  closeSync(fd);
  return { fileName: plan.fileName, contentType: plan.contentType, articleCount: plan.articleCount, manifest: plan.manifest() };
}

function* counted<T>(items: Iterable<T>, onItem: (done: number) => void): Generator<T> {
  let done = 0;
  for (const item of items) {
    yield item;
    onItem(++done);
  }
}

const attributeKeys = (labels: LabelDef[]) => [...new Set(labels.flatMap((l) => l.attributes.map((a) => a.key)))].sort();

function* withTrailer<T>(rest: Iterable<T>, trailer: () => T[]): Generator<T> {
  yield* rest;
  yield* trailer();
}

/** A zip archive built file by file as it is read (deflated, one file in memory at a time). */
function* zipChunks(files: Iterable<{ name: string; content: string }>): Generator<Uint8Array> {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    out.push(data);
  });
  for (const f of files) {
    const entry = new ZipDeflate(f.name, { level: 6 });
    zip.add(entry);
    entry.push(strToU8(f.content), true);
    while (out.length) yield out.shift()!;
  }
  zip.end();
  while (out.length) yield out.shift()!;
}
