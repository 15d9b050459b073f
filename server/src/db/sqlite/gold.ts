/**
 * Synchronous readers of an article's gold (services/gold.ts's queries, read
 * with better-sqlite3's `.all()`), for the export documents
 * (db/sqlite/exportDocs.ts), which a worker thread reads as a synchronous
 * stream. SQLite only: on PostgreSQL the exports read through the awaited
 * `goldOf`, `goldRelationsOf` and `curationStatus` of services/gold.ts.
 */
import { goldQueries, goldView, type GoldSpanView } from '../../services/gold.js';
import type { Tx } from '../tx.js';

export function goldOfSync(tx: Tx, articleId: number): GoldSpanView[] {
  return goldQueries
    .gold(tx, articleId)
    .all()
    .map((r) => goldView(r.g, r.curator));
}

export function goldRelationsOfSync(tx: Tx, articleId: number) {
  const ids = goldQueries
    .ids(tx, articleId)
    .all()
    .map((r) => r.id);
  return ids.length ? goldQueries.relations(tx, ids).all() : [];
}

export function curationStatusSync(tx: Tx, articleId: number): 'open' | 'curated' {
  return goldQueries.status(tx, articleId).get()?.s ?? 'open';
}
