/**
 * Synchronous `schemeOf` (services/scheme.ts) for the import, which runs in
 * one synchronous SQLite transaction (services/imports.ts). SQLite only:
 * elsewhere, and on PostgreSQL, the awaited `schemeOf`.
 */
import type { ProjectScheme } from '@mbw/shared';
import { schemeWith } from '../../services/scheme.js';
import type { projects } from '../schema.js';
import type { Tx } from '../tx.js';
import { projectLabelsSync } from './projects.js';

export function schemeOfSync(tx: Tx, project: typeof projects.$inferSelect): ProjectScheme {
  return schemeWith(project, projectLabelsSync(tx, project.id));
}
