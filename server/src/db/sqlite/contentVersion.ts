/**
 * The database's content version on SQLite: `total_changes()` of the
 * server's connection (the request thread's writes) with `PRAGMA
 * data_version` (which moves when another connection commits: an import's
 * worker, a second server process, the command line). See
 * services/contentVersion.ts. Rows of the `jobs` table (background-job
 * progress, services/jobState.ts) are not content: their changes are left
 * out (`ignoreChanges`), or every progress beat would empty the caches.
 */
import type { Db } from '../client.js';

const versions = new WeakMap<Db, () => string>();
const ignored = new WeakMap<Db, number>();

/** Leaves `n` rows changed on the connection out of its content version (job state, not content). */
export function ignoreChanges(db: Db, n: number): void {
  ignored.set(db, (ignored.get(db) ?? 0) + n);
}

export async function contentVersion(db: Db): Promise<string> {
  let version = versions.get(db);
  if (!version) {
    const changes = db.$client.prepare('SELECT total_changes() AS n').pluck();
    version = () => `${(changes.get() as number) - (ignored.get(db) ?? 0)}:${db.$client.pragma('data_version', { simple: true }) as number}`;
    versions.set(db, version);
  }
  return version();
}
