/**
 * Article texts for the span routes, kept per connection by article id and
 * text hash (issue 13). A text never changes after import and
 * `articles.text_hash` is its SHA-256, so the text kept under the id and the
 * hash that the caller read from the article's row (in its transaction) is
 * that article's text: the cache cannot be stale, and a span write reads 64
 * characters of hash instead of ~100 kB of text.
 */
import { eq, sql } from 'drizzle-orm';
import { OffsetMap } from '@mbw/shared';
import { once } from '../db/prepared.js';
import { articles } from '../db/tables.js';
import type { Tx } from './audit.js';

/** UTF-16 code units kept at most per connection (≈ 2 bytes each), over all its cached texts. */
const BUDGET = 16 * 1024 * 1024;

interface Cache {
  maps: Map<string, OffsetMap>; // by `${id}:${hash}`, least recently used first
  held: number; // UTF-16 code units in `maps`
}

/** The article's text as an OffsetMap; `textHash` is the hash read from its row. */
export async function articleText(db: Tx, articleId: number, textHash: string): Promise<OffsetMap> {
  const cache = once(db, 'articleText.cache', (): Cache => ({ maps: new Map(), held: 0 }));
  const key = `${articleId}:${textHash}`;
  const hit = cache.maps.get(key);
  if (hit) {
    cache.maps.delete(key);
    cache.maps.set(key, hit);
    return hit;
  }
  const [row] = await once(db, 'articleText.text', () =>
    db
      .select({ text: articles.text, textHash: articles.textHash })
      .from(articles)
      .where(eq(articles.id, sql.placeholder('id')))
      .prepare(),
  ).execute({ id: articleId });
  if (!row) throw new Error(`article ${articleId} vanished inside its transaction`);
  const map = new OffsetMap(row.text);
  if (row.textHash !== textHash || row.text.length > BUDGET) return map; // not kept: a hash that is not its row's
  cache.maps.set(key, map);
  for (cache.held += map.utf16Length; cache.held > BUDGET; ) {
    const [oldest, old] = cache.maps.entries().next().value!;
    cache.maps.delete(oldest);
    cache.held -= old.utf16Length;
  }
  return map;
}
