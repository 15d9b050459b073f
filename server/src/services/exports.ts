import { and, asc, eq } from 'drizzle-orm';
import { strToU8, Zip, ZipDeflate } from 'fflate';
import {
  bratAnnotationConf,
  bratFiles,
  conllChunks,
  csvChunks,
  hfChunks,
  hfLabelNames,
  jsonLine,
  jsonlChunks,
  splitArticles,
  w3cCollectionChunks,
  webAnnoFiles,
  type ExportDoc,
  type ExportFormat,
  type LabelDef,
} from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, articles, users } from '../db/schema.js';
import { badRequest, conflict } from '../http/errors.js';
import { projectLabels } from './projects.js';
import { relationsAmong } from './relations.js';

export interface ExportRequest {
  format: ExportFormat;
  source: string;
  articles?: string[];
  split?: 'train' | 'dev' | 'test';
  seed: number;
  ratios: { train: number; dev: number; test: number };
}

/** What an export streams: its chunks, and how to name and type the download. */
export interface ExportPlan {
  chunks: Iterable<string | Uint8Array>;
  contentType: string;
  fileName: string;
  /** Articles the export walks through, for progress. */
  articleCount: number;
}

const docId = (a: { id: number; externalId: string | null }) => a.externalId ?? String(a.id);

/**
 * Plans an export: checks the request eagerly (so a bad one fails before any
 * byte is sent), then yields one article at a time, read from the database
 * as the stream is pulled: memory stays flat however large the project.
 */
export function planExport(db: Db, projectId: number, req: ExportRequest): ExportPlan {
  const labels = projectLabels(db, projectId);
  let annotatorId: number | undefined;
  if (req.source === 'gold')
    throw conflict('This project has no gold standard yet: adjudicate disagreements first, or export all annotators or one.');
  if (req.source !== 'all') {
    const user = db.select({ id: users.id }).from(users).where(eq(users.username, req.source)).get();
    if (!user) throw badRequest(`Invalid query: source: no annotator "${req.source}" (use gold, all or a username)`, { issues: [{ path: 'source', message: 'unknown annotator' }] });
    annotatorId = user.id;
  }
  let rows = db
    .select({ id: articles.id, externalId: articles.externalId })
    .from(articles)
    .where(eq(articles.projectId, projectId))
    .orderBy(asc(articles.id))
    .all();
  if (req.articles) {
    const wanted = new Set(req.articles);
    rows = rows.filter((a) => wanted.has(String(a.id)) || wanted.has(docId(a)));
  }
  if (req.split) {
    const part = new Set(splitArticles(rows.map(docId), { seed: req.seed, ratios: req.ratios })[req.split]);
    rows = rows.filter((a) => part.has(docId(a)));
  }
  const ids = rows.map((r) => r.id);
  const docs = () => projectDocs(db, ids, annotatorId);
  const keys = labels.map((l) => l.key);
  const base = `project-${projectId}-${req.source}${req.split ? `-${req.split}` : ''}`;
  const text = (chunks: Iterable<string>, ext: string, type: string): ExportPlan => ({ chunks, contentType: type, fileName: `${base}.${ext}`, articleCount: ids.length });
  switch (req.format) {
    case 'jsonl':
      return text(jsonlChunks(docs()), 'jsonl', 'application/x-ndjson; charset=utf-8');
    case 'conll':
      return text(conllChunks(docs(), { layers: keys }), 'conll', 'text/plain; charset=utf-8');
    case 'hf':
      return text(hfChunks(docs(), { labels: keys }), 'hf.jsonl', 'application/x-ndjson; charset=utf-8');
    case 'hf-labels':
      return text([jsonLine(hfLabelNames({ labels: keys }))], 'labels.json', 'application/json; charset=utf-8');
    case 'csv':
      return text(csvChunks(docs()), 'csv', 'text/csv; charset=utf-8');
    case 'w3c':
      return text(w3cCollectionChunks(docs(), { label: base }), 'jsonld', 'application/ld+json; charset=utf-8');
    case 'webanno':
      return { chunks: zipChunks(webAnnoFiles(docs(), { attributes: attributeKeys(labels) })), contentType: 'application/zip', fileName: `${base}.webanno.zip`, articleCount: ids.length };
    case 'brat':
      return {
        chunks: zipChunks(withFirst({ name: 'annotation.conf', content: bratAnnotationConf(labels, { relationTypes: ['attributes'] }) }, bratFiles(docs()))),
        contentType: 'application/zip',
        fileName: `${base}.brat.zip`,
        articleCount: ids.length,
      };
  }
}

const attributeKeys = (labels: LabelDef[]) => [...new Set(labels.flatMap((l) => l.attributes.map((a) => a.key)))].sort();

function* withFirst<T>(first: T, rest: Iterable<T>): Generator<T> {
  yield first;
  yield* rest;
}

/** The articles as export documents, read one at a time. */
function* projectDocs(db: Db, articleIds: number[], annotatorId?: number): Generator<ExportDoc> {
  for (const id of articleIds) {
    const a = db.select().from(articles).where(eq(articles.id, id)).get();
    if (!a) continue; // deleted while streaming
    const spans = db
      .select({ s: annotations, annotator: users.username })
      .from(annotations)
      .innerJoin(users, eq(users.id, annotations.annotatorId))
      .where(and(eq(annotations.articleId, id), annotatorId === undefined ? undefined : eq(annotations.annotatorId, annotatorId)))
      .orderBy(asc(annotations.start), asc(annotations.end), asc(annotations.id))
      .all();
    const meta: ExportDoc['meta'] = { title: a.title };
    if (a.source) meta.source = a.source;
    if (a.url) meta.url = a.url;
    if (a.publishedAt) meta.publishedAt = a.publishedAt;
    yield {
      id: docId(a),
      text: a.text,
      meta,
      spans: spans.map(({ s, annotator }) => ({
        id: s.id,
        start: s.start,
        end: s.end,
        label: s.labelKey,
        annotator,
        attributes: s.attributes,
        note: s.note,
        quote: s.quote,
      })),
      relations: relationsAmong(db, id, spans.map(({ s }) => s)).map((r) => ({ from: r.from, to: r.to, type: r.type })),
    };
  }
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
