/**
 * Span list bodies of an unchanged database, kept (issue 13): a long
 * article's list (3,000 spans, ~1 MB of JSON) is built by SQLite once and
 * sent again as long as nothing was written. Keyed by what the body depends
 * on (article, whose spans) and the content version (contentVersion.ts): any
 * committed write, from any connection, empties it, so a body is never
 * older than the database. Access is checked by the caller on every request,
 * before asking here. `MBW_SPAN_LIST_CACHE=0` builds every body (bench/spans.ts
 * measures both).
 */
import type { Db } from '../db/client.js';
import { contentVersion } from './contentVersion.js';

/** At most this many bytes of bodies kept per database (the most recently used). */
const MAX_BYTES = 32 * 1024 * 1024;

interface Kept {
  version: string;
  bytes: number;
  bodies: Map<string, Uint8Array<ArrayBuffer>>;
}

const kept = new WeakMap<Db, Kept>();

/** The body for `key` at the current content version: the kept one, or `build()`'s, then kept. */
export async function cachedSpanList(db: Db, key: string, build: () => Promise<Uint8Array<ArrayBuffer>>): Promise<Uint8Array<ArrayBuffer>> {
  if (process.env.MBW_SPAN_LIST_CACHE === '0') return build();
  // read before building: a body kept under a version holds at least that version's content
  const version = await contentVersion(db);
  let cache = kept.get(db);
  if (!cache || cache.version !== version) kept.set(db, (cache = { version, bytes: 0, bodies: new Map() }));
  const hit = cache.bodies.get(key);
  if (hit) {
    cache.bodies.delete(key); // most recently used last
    cache.bodies.set(key, hit);
    return hit;
  }
  const body = await build();
  if (body.byteLength > MAX_BYTES) return body;
  if (kept.get(db) !== cache) return body; // another request started a newer version meanwhile
  for (const [k, b] of cache.bodies) {
    if (cache.bytes + body.byteLength <= MAX_BYTES) break;
    cache.bodies.delete(k);
    cache.bytes -= b.byteLength;
  }
  cache.bodies.set(key, body);
  cache.bytes += body.byteLength;
  return body;
}
