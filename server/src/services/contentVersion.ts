/**
 * The database's content version: a string that changes with every committed
 * write, from any connection: `total_changes()` of the server's connection
 * (the request thread's writes) with `PRAGMA data_version` (which moves when
 * another connection commits: an import's worker, a second server process,
 * the command line). The caches of computed answers (agreement reports,
 * span lists) key by it: any write invalidates them, coarse but never stale.
 */
import type { Db } from '../db/client.js';

const versions = new WeakMap<Db, () => string>();

export function contentVersion(db: Db): string {
  let version = versions.get(db);
  if (!version) {
    const changes = db.$client.prepare('SELECT total_changes() AS n').pluck();
    version = () => `${changes.get() as number}:${db.$client.pragma('data_version', { simple: true }) as number}`;
    versions.set(db, version);
  }
  return version();
}
