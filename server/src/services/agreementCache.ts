/**
 * The agreement report of an unchanged project is served from a cache
 * (issue 13), keyed by the project, the query and the database's content
 * version (contentVersion.ts). Any write invalidates every cached report:
 * coarse, but never stale. The version is
 * read before the report starts, so a report keyed by a version holds at
 * least that content. A report being computed is shared by the requests
 * that ask for it meanwhile, and by the jobs that watch its progress
 * (agreementJobs.ts): cancelling the last of them stops it.
 */
import type { AgreementReport } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { offThread } from '../workers/index.js';
import { contentVersion } from './contentVersion.js';
import type { projectAgreement } from './agreement.js';

type Options = Parameters<typeof projectAgreement>[2];

/**
 * A report computed (or being computed) for one version of the content. The
 * worker sends the report as its JSON in UTF-8 (tasks.ts, transferred, not
 * copied): the request thread neither decodes a clone of ~2,500 articles'
 * figures nor serialises them, it only sends the bytes (issue 13).
 */
export interface AgreementRun {
  version: string;
  json: Promise<Uint8Array>;
  /** Shared with the worker: [0] cancel flag, [1] steps done, [2] steps in all. */
  control: Int32Array;
  /** The report's JSON once computed (a job asking for it is done at once). */
  value: Uint8Array | null;
  /** The report as an object, parsed from `json` when someone asks (cachedAgreement). */
  parsed: Promise<AgreementReport> | null;
  /** Jobs waiting for it; when the last one is cancelled the work stops, unless a plain request waits too (`kept`). */
  holders: number;
  kept: boolean;
}

/** Reports kept per database (the most recently used). */
const KEEP = 8;

const caches = new WeakMap<Db, Map<string, AgreementRun>>();

function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return { version: () => contentVersion(db), entries: cache };
}

/** The run of the project's report for this content version: the cached one, or a new one started off the request thread. */
async function runFor(db: Db, projectId: number, opts: Options): Promise<AgreementRun> {
  const cache = cacheOf(db);
  const key = JSON.stringify([projectId, opts]);
  const version = await cache.version();
  const hit = cache.entries.get(key);
  cache.entries.delete(key);
  if (hit && hit.version === version) {
    cache.entries.set(key, hit);
    return hit;
  }
  const control = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const json = offThread(db, 'agreementJson', { projectId, opts }, control);
  const run: AgreementRun = { version, json, control: new Int32Array(control), value: null, parsed: null, holders: 0, kept: false };
  cache.entries.set(key, run);
  for (const k of cache.entries.keys()) if (cache.entries.size > KEEP) cache.entries.delete(k);
  run.json.then(
    (value) => void (run.value = value),
    () => {
      if (cache.entries.get(key) === run) cache.entries.delete(key);
    },
  );
  return run;
}

/** The project's agreement report (see agreement.ts) as JSON in UTF-8, computed off the request thread unless cached for this content version. */
export async function cachedAgreementJson(db: Db, projectId: number, opts: Options): Promise<Uint8Array> {
  const run = await runFor(db, projectId, opts);
  run.kept = true;
  return run.json;
}

/** `cachedAgreementJson()` as an object (one promise per run). */
export async function cachedAgreement(db: Db, projectId: number, opts: Options): Promise<AgreementReport> {
  const run = await runFor(db, projectId, opts);
  run.kept = true;
  return (run.parsed ??= run.json.then((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as AgreementReport));
}

/** The run a job waits for (see agreementJobs.ts), with the `release` the job calls when it ends or is cancelled. */
export async function holdRun(db: Db, projectId: number, opts: Options): Promise<{ run: AgreementRun; release: () => void }> {
  const cache = cacheOf(db);
  const key = JSON.stringify([projectId, opts]);
  const run = await runFor(db, projectId, opts);
  run.holders++;
  let released = false;
  return {
    run,
    // The last job let go of a report nobody else waits for: the worker stops at its next step, and the run leaves the cache at once.
    release: () => {
      if (released) return;
      released = true;
      run.holders--;
      if (run.holders > 0 || run.kept || run.value) return;
      Atomics.store(run.control, 0, 1);
      if (cache.entries.get(key) === run) cache.entries.delete(key);
    },
  };
}
