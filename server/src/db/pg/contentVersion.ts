/**
 * The content version on PostgreSQL (services/contentVersion.ts): the
 * cluster's current snapshot, `pg_current_snapshot()` (xmin:xmax:in-progress
 * ids, 64-bit, so it never wraps). Two equal snapshots see exactly the same
 * committed transactions, so the same rows: the version moves with every
 * transaction that wrote and ended, from any connection or process (and, to
 * be safe, any database of the cluster), and never with reads alone (a
 * read-only transaction gets no transaction id). A body built after reading
 * version V holds at least V's content; once a later write commits, no new
 * snapshot equals V again.
 */
import type { Db } from '../client.js';
import { rawGet } from '../raw.js';

export async function contentVersion(db: Db): Promise<string> {
  const row = await rawGet<{ v: string }>(db, 'pg-content-version', 'SELECT pg_current_snapshot()::text AS v');
  return `pg:${row!.v}`;
}
