/**
 * The database's content version on SQLite: `total_changes()` of the
 * server's connection (the request thread's writes) with `PRAGMA
 * data_version` (which moves when another connection commits: an import's
 * worker, a second server process, the command line). See
 * services/contentVersion.ts.
 */
import type { Db } from '../client.js';

const versions = new WeakMap<Db, () => string>();

export async function contentVersion(db: Db): Promise<string> {
  let version = versions.get(db);
  if (!version) {
    const changes = db.$client.prepare('SELECT total_changes() AS n').pluck();
    version = () => `${changes.get() as number}:${db.$client.pragma('data_version', { simple: true }) as number}`;
    versions.set(db, version);
  }
  return version();
}
