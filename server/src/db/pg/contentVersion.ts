/**
 * The content version on PostgreSQL (services/contentVersion.ts): not yet
 * an exact one (docs/postgres.md: a counter that every write transaction
 * moves), so each call answers a version never seen before and the caches
 * keyed by it (the agreement report, the span list) never serve a stale
 * answer; they simply do not hit.
 */
import type { Db } from '../client.js';

let calls = 0;

export async function contentVersion(_db: Db): Promise<string> {
  return `pg:${process.pid}:${++calls}`;
}
