/**
 * The export's documents read synchronously (better-sqlite3), one article at
 * a time as the export stream pulls it: memory stays flat however large the
 * project (issue 13). The assembly is services/exportDocs.ts's, shared with
 * the PostgreSQL reader (db/pg/exportDocs.ts).
 */
import type { ExportDoc } from '@mbw/shared';
import type { Db } from '../client.js';
import { articleById, countedSpans, countedWork, goldDoc, projectDoc, spansOfArticle, workParams, type DocFilter, type SpanValues } from '../../services/exportDocs.js';
import { linksOfArticle } from '../../services/relations.js';
import { curationStatusSync, goldOfSync, goldRelationsOfSync } from './gold.js';

function* projectDocsSync(db: Db, articleIds: number[], filter: DocFilter): Generator<ExportDoc> {
  for (const id of articleIds) {
    const a = articleById(db).get({ id });
    if (!a) continue; // deleted while streaming
    const work = countedWork(db, filter).all(workParams(id, filter));
    // rows of values, not objects (drizzle's mapping was ~30% of a 200,000-span export's time)
    const spans = work.length ? countedSpans(work, spansOfArticle(db).values({ articleId: id }) as SpanValues[]) : [];
    const links = spans.length ? linksOfArticle(db).all({ articleId: id }) : [];
    yield projectDoc(a, work, spans, links, filter);
  }
}

function* goldDocsSync(db: Db, articleIds: number[], filter: Pick<DocFilter, 'labels' | 'attributeKeys'>): Generator<ExportDoc> {
  for (const id of articleIds) {
    const a = articleById(db).get({ id });
    if (!a) continue;
    yield goldDoc(a, goldOfSync(db, id), curationStatusSync(db, id), goldRelationsOfSync(db, id), filter);
  }
}

/** The articles' project documents, read as they are pulled. */
export async function projectDocs(db: Db, articleIds: number[], filter: DocFilter): Promise<Iterable<ExportDoc>> {
  return Promise.resolve(projectDocsSync(db, articleIds, filter));
}

/** The articles' gold documents, read as they are pulled. */
export async function goldDocs(db: Db, articleIds: number[], filter: Pick<DocFilter, 'labels' | 'attributeKeys'>): Promise<Iterable<ExportDoc>> {
  return Promise.resolve(goldDocsSync(db, articleIds, filter));
}
