/**
 * Token boundaries stored with each article (issue 13: "tokens are computed
 * once per article when it is imported and stored; the text is immutable").
 *
 * The column `articles.tokens` holds `computeTokenBounds(text)` (the tokens
 * of `tokenize(text)`, locale `de`) as little-endian int32 `[start, end, …]`.
 * The one article write path (articles.ts: seed, API and import) fills it;
 * rows written before the column existed (or by a tool that bypasses the
 * write path) are filled by `fillArticleTokens`, which `openDatabase` runs
 * once at start-up, in batches, each in its own write transaction, found
 * through a partial index (so a database with nothing missing costs one
 * empty index look-up). The readers (agreement, token exports) run on
 * read-only connections in worker threads and cannot write: for a row still
 * without tokens they fall back to `tokenBounds(text)` (computed once and
 * cached in memory), so no path tokenizes an article twice.
 */
import { computeTokenBounds, tokenBounds } from '@mbw/shared';
import { eq, isNull, sql } from 'drizzle-orm';
import { endianness } from 'node:os';
import type { Db } from '../db/client.js';
import { articles } from '../db/schema.js';

const LITTLE_ENDIAN = endianness() === 'LE';

/** Int32 values as little-endian bytes. */
function toBytes(bounds: Int32Array): Buffer {
  const out = Buffer.allocUnsafe(bounds.length * 4);
  if (LITTLE_ENDIAN) out.set(new Uint8Array(bounds.buffer, bounds.byteOffset, bounds.byteLength));
  else for (let i = 0; i < bounds.length; i++) out.writeInt32LE(bounds[i]!, i * 4);
  return out;
}

/** The value of `articles.tokens` for a (normalised) text. */
export function tokensColumn(text: string): Buffer {
  return toBytes(computeTokenBounds(text));
}

/** The stored bytes as boundaries (a view when aligned, else a copy). */
export function boundsFromColumn(bytes: Uint8Array): Int32Array {
  const n = bytes.byteLength >> 2;
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}

/** An article's token boundaries: the stored ones, or (a row not yet filled) computed once and cached. */
export function articleBounds(row: { text: string; tokens: Uint8Array | null }): Int32Array {
  return row.tokens ? boundsFromColumn(row.tokens) : tokenBounds(row.text);
}

const FILL_BATCH = 200;

/** Stores the tokens of every article that has none (see the module comment); answers how many it filled. */
export function fillArticleTokens(db: Db): number {
  const missing = db
    .select({ id: articles.id, text: articles.text })
    .from(articles)
    .where(isNull(articles.tokens))
    .orderBy(articles.id)
    .limit(sql.placeholder('limit'))
    .prepare();
  let filled = 0;
  for (;;) {
    const n = db.transaction((tx) => {
      // read inside the write's transaction: rows another writer filled meanwhile are not read again
      const rows = missing.all({ limit: FILL_BATCH });
      for (const r of rows) tx.update(articles).set({ tokens: tokensColumn(r.text) }).where(eq(articles.id, r.id)).run();
      return rows.length;
    }, { behavior: 'immediate' });
    filled += n;
    if (n < FILL_BATCH) return filled;
  }
}
