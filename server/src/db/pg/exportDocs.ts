/**
 * The export's documents on PostgreSQL: the same prepared reads as SQLite's
 * (services/exportDocs.ts), awaited, in batches of articles read
 * concurrently over the pool, and the same assembly. The formatters of
 * shared/src/formats pull their documents synchronously, so a PostgreSQL
 * export reads ALL its documents first and holds them in memory (SQLite's
 * reader streams one article at a time: db/sqlite/exportDocs.ts).
 */
import type { ExportDoc } from '@mbw/shared';
import type { Db } from '../client.js';
import { articleById, countedSpans, countedWork, goldDoc, projectDoc, spansOfArticle, workParams, type DocFilter, type SpanValues } from '../../services/exportDocs.js';
import { curationStatus, goldOf, goldRelationsOf } from '../../services/gold.js';
import { linksOfArticle } from '../../services/relations.js';
import type { Relation } from '@mbw/shared';

/** Articles read at once (each a few queries on its own connection of the pool). */
const BATCH = 8;

/** `read` of every id, BATCH at a time, in the ids' order; articles deleted meanwhile (undefined) are left out. */
async function inBatches(ids: number[], read: (id: number) => Promise<ExportDoc | undefined>): Promise<ExportDoc[]> {
  const out: ExportDoc[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    for (const doc of await Promise.all(ids.slice(i, i + BATCH).map(read))) if (doc) out.push(doc);
  }
  return out;
}

async function projectDocOf(db: Db, id: number, filter: DocFilter): Promise<ExportDoc | undefined> {
  const a = (await articleById(db).execute({ id }))[0];
  if (!a) return undefined;
  const work = await countedWork(db, filter).execute(workParams(id, filter));
  const rows = work.length ? await spansOfArticle(db).execute({ articleId: id }) : [];
  const spans = countedSpans(
    work,
    rows.map((r): SpanValues => [r.id, r.annotatorId, r.start, r.end, r.label, r.attributes, r.note, r.quote]),
  );
  const links = spans.length ? ((await linksOfArticle(db).execute({ articleId: id })) as Relation[]) : [];
  return projectDoc(a, work, spans, links, filter);
}

/** The articles' project documents, all read before they are returned (in memory). */
export async function projectDocs(db: Db, articleIds: number[], filter: DocFilter): Promise<Iterable<ExportDoc>> {
  return inBatches(articleIds, (id) => projectDocOf(db, id, filter));
}

/** The articles' gold documents, all read before they are returned (in memory). */
export async function goldDocs(db: Db, articleIds: number[], filter: Pick<DocFilter, 'labels' | 'attributeKeys'>): Promise<Iterable<ExportDoc>> {
  return inBatches(articleIds, async (id) => {
    const a = (await articleById(db).execute({ id }))[0];
    if (!a) return undefined;
    return goldDoc(a, await goldOf(db, id), await curationStatus(db, id), await goldRelationsOf(db, id), filter);
  });
}
