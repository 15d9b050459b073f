/**
 * Train/dev/test splits by article, reproducible: the same ids, seed and
 * ratios give the same split, whatever order the ids come in.
 *
 * Each id gets a sort key from a small seeded PRNG (mulberry32, seeded with
 * a hash of seed and id); ids are ordered by key and cut into consecutive
 * parts whose sizes follow the ratios by the largest-remainder method (so
 * they add up to the number of ids and each is within one of its exact
 * share). Because an id's key depends only on the seed and the id, adding
 * articles later moves few existing ones to another part.
 */

import { mulberry32 } from '../random.js';

export interface SplitRatios {
  train: number;
  dev: number;
  test: number;
}

export interface Split {
  train: string[];
  dev: string[];
  test: string[];
}

/** 32-bit string hash (FNV-1a over UTF-16 units, then avalanched). */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}


/** Sizes of the parts for `n` items: largest remainder, ties to the earlier part. */
export function splitSizes(n: number, ratios: SplitRatios): [number, number, number] {
  const r = [ratios.train, ratios.dev, ratios.test];
  if (r.some((x) => !Number.isFinite(x) || x < 0)) throw new Error('split ratios must be finite and not negative');
  const total = r[0]! + r[1]! + r[2]!;
  if (!(total > 0)) throw new Error('split ratios must not all be zero');
  const exact = r.map((x) => (n * x) / total);
  const sizes = exact.map(Math.floor);
  let left = n - sizes[0]! - sizes[1]! - sizes[2]!;
  const order = [0, 1, 2].sort((a, b) => exact[b]! - sizes[b]! - (exact[a]! - sizes[a]!) || a - b);
  for (const i of order) {
    if (left === 0) break;
    sizes[i]!++;
    left--;
  }
  return sizes as [number, number, number];
}

/** Splits article ids (duplicates count once) into train, dev and test. */
export function splitArticles(ids: Iterable<string>, options: { seed: number | string; ratios: SplitRatios }): Split {
  const seed = String(options.seed);
  const keyed = [...new Set(ids)].map((id) => ({ id, key: mulberry32(hash32(`${seed}\u0000${id}`))() }));
  keyed.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const [train, dev] = splitSizes(keyed.length, options.ratios);
  const sorted = keyed.map((k) => k.id);
  return { train: sorted.slice(0, train), dev: sorted.slice(train, train + dev), test: sorted.slice(train + dev) };
}
