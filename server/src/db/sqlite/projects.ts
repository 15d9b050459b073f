/**
 * Synchronous reader of a project's labels (services/projects.ts's prepared
 * query, read with better-sqlite3's `.all()`), for the import, which runs in
 * one synchronous SQLite transaction (services/imports.ts, import-labels.ts).
 * SQLite only: elsewhere, and on PostgreSQL, the awaited `projectLabels`.
 */
import type { LabelDef } from '@mbw/shared';
import { labelDefOf, labelsQuery } from '../../services/projects.js';
import type { Tx } from '../tx.js';

export function projectLabelsSync(tx: Tx, projectId: number): LabelDef[] {
  return labelsQuery(tx).all({ projectId }).map(labelDefOf);
}
