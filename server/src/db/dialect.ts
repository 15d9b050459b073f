/**
 * The SQL that differs between the engines (issue 15), one function each:
 * the SQLite version in `db/sqlite/*.ts`, its PostgreSQL twin with the same
 * signature in `db/pg/*.ts`. Services import from here; each call goes to
 * the twin of the engine of the handle it is given (its first argument).
 */
import * as pgAnnotations from './pg/annotations.js';
import * as pgArticles from './pg/articles.js';
import * as pgAssign from './pg/assign.js';
import * as pgContentVersion from './pg/contentVersion.js';
import * as pgCurationQueue from './pg/curationQueue.js';
import * as pgExportDocs from './pg/exportDocs.js';
import * as pgPremerge from './pg/premerge.js';
import * as liteAnnotations from './sqlite/annotations.js';
import * as liteArticles from './sqlite/articles.js';
import * as liteAssign from './sqlite/assign.js';
import * as liteContentVersion from './sqlite/contentVersion.js';
import * as liteCurationQueue from './sqlite/curationQueue.js';
import * as liteExportDocs from './sqlite/exportDocs.js';
import * as litePremerge from './sqlite/premerge.js';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { isPostgres } from './tx.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function whose first argument is the handle
const pick = <F extends (handle: any, ...rest: any[]) => unknown>(sqlite: F, postgres: F): F =>
  ((handle: object, ...rest: unknown[]) => (isPostgres(handle) ? postgres : sqlite)(handle, ...rest)) as F;

export const insertSpan = pick(liteAnnotations.insertSpan, pgAnnotations.insertSpan);
export const spanListJson = pick(liteAnnotations.spanListJson, pgAnnotations.spanListJson);
/** The order spans were written in, as an ORDER BY term (no handle: the engine of the tables). */
export const insertionOrder: typeof liteAnnotations.insertionOrder = (table) =>
  (is(table, PgTable) ? pgAnnotations : liteAnnotations).insertionOrder(table);
export const insertArticleRows = pick(liteArticles.insertArticleRows, pgArticles.insertArticleRows);
export const submitEntries = pick(liteAssign.submitEntries, pgAssign.submitEntries);
export const contentVersion = pick(liteContentVersion.contentVersion, pgContentVersion.contentVersion);
export const submittedSpans = pick(liteCurationQueue.submittedSpans, pgCurationQueue.submittedSpans);
export const readSnapshot = pick(litePremerge.readSnapshot, pgPremerge.readSnapshot) as typeof litePremerge.readSnapshot;
/** The export's documents: streamed one article at a time on SQLite, read in full first on PostgreSQL (services/exportDocs.ts). */
export const projectDocs = pick(liteExportDocs.projectDocs, pgExportDocs.projectDocs);
export const goldDocs = pick(liteExportDocs.goldDocs, pgExportDocs.goldDocs);
