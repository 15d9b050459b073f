/**
 * The agreement report of an unchanged project is served from a cache
 * (issue 13), keyed by the project, the query and the database's content
 * version: `total_changes()` of the server's connection (every write of the
 * server goes through it) with `PRAGMA data_version` (which moves when
 * another process, such as the command line, commits). Any write
 * invalidates every cached report: coarse, but never stale. The version is
 * read before the report starts, so a report keyed by a version holds at
 * least that content. A report being computed is shared by the requests
 * that ask for it meanwhile.
 */
import type { AgreementReport } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { offThread } from '../workers/index.js';
import type { projectAgreement } from './agreement.js';

type Options = Parameters<typeof projectAgreement>[2];

interface Entry {
  version: string;
  report: Promise<AgreementReport>;
}

/** Reports kept per database (the most recently used). */
const KEEP = 8;

const caches = new WeakMap<Db, { version: () => string; entries: Map<string, Entry> }>();

function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) {
    const changes = db.$client.prepare('SELECT total_changes() AS n').pluck();
    cache = { version: () => `${changes.get() as number}:${db.$client.pragma('data_version', { simple: true }) as number}`, entries: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

/** The database's content version: it changes with every committed write, from any connection. */
export function contentVersion(db: Db): string {
  return cacheOf(db).version();
}

/** The project's agreement report (see agreement.ts), computed off the request thread unless cached for this content version. */
export function cachedAgreement(db: Db, projectId: number, opts: Options): Promise<AgreementReport> {
  const cache = cacheOf(db);
  const key = JSON.stringify([projectId, opts]);
  const version = cache.version();
  const hit = cache.entries.get(key);
  cache.entries.delete(key);
  if (hit && hit.version === version) {
    cache.entries.set(key, hit);
    return hit.report;
  }
  const entry: Entry = { version, report: offThread(db, 'agreement', { projectId, opts }) };
  cache.entries.set(key, entry);
  for (const k of cache.entries.keys()) if (cache.entries.size > KEEP) cache.entries.delete(k);
  entry.report.catch(() => {
    if (cache.entries.get(key) === entry) cache.entries.delete(key);
  });
  return entry.report;
}
