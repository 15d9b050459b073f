import { inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { first, transaction } from '../db/tx.js';
import { loginThrottle } from '../db/tables.js';

/**
 * Sign-in throttling. After `free` failed tries in a row, each further
 * failure doubles the wait before the next try is heard (1 s, 2 s, 4 s … up to
 * 15 min); a try during the wait is answered 429 with Retry-After and is not
 * checked at all. A successful sign-in clears its account and its address.
 * Per account (against guessing one password from many addresses) and per
 * client address (against trying one password on many accounts; more free
 * tries, since a lab may share one address).
 */
export interface ThrottlePolicy {
  free: number;
  baseMs: number;
  maxMs: number;
}
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 3, baseMs: 1000, maxMs: 15 * 60_000 };
export const ADDRESS_POLICY: ThrottlePolicy = { free: 10, baseMs: 1000, maxMs: 15 * 60_000 };
/** Rows untouched this long are forgotten. */
const FORGET_MS = 24 * 3_600_000;

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

export const throttleKeys = (username: string, address: string): ThrottleKey[] => [
  { key: `user:${username.normalize('NFC').toLowerCase()}`, policy: ACCOUNT_POLICY },
  { key: `ip:${address}`, policy: ADDRESS_POLICY },
];

/** The wait after `failures` failures in a row (0 while they are free). */
export function waitAfter(failures: number, p: ThrottlePolicy): number {
  if (failures <= p.free) return 0;
  return Math.min(p.maxMs, p.baseMs * 2 ** Math.min(30, failures - p.free - 1));
}

/** Milliseconds until any of the keys may try again; 0 when all may try now. */
export async function retryAfterMs(db: Db, keys: ThrottleKey[], now = Date.now()): Promise<number> {
  const rows = await db
    .select({ blockedUntil: loginThrottle.blockedUntil })
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, keys.map((k) => k.key)));
  return Math.max(0, ...rows.map((r) => r.blockedUntil - now));
}

/** Counts a failed try against every key, in one transaction (each process sees the others' counts). */
export async function recordFailure(db: Db, keys: ThrottleKey[], now = Date.now()): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.delete(loginThrottle).where(lt(loginThrottle.updatedAt, now - FORGET_MS));
    for (const { key, policy } of keys) {
      const row = (await first(
        tx
          .insert(loginThrottle)
          .values({ key, failures: 1, blockedUntil: 0, updatedAt: now })
          .onConflictDoUpdate({ target: loginThrottle.key, set: { failures: sql`${loginThrottle.failures} + 1`, updatedAt: now } })
          .returning({ failures: loginThrottle.failures }),
      ))!;
      const wait = waitAfter(row.failures, policy);
      await tx
        .update(loginThrottle)
        .set({ blockedUntil: wait ? now + wait : 0 })
        .where(inArray(loginThrottle.key, [key]));
    }
  });
}

/** A successful sign-in: the account and the address start afresh. */
export async function clearFailures(db: Db, keys: ThrottleKey[]): Promise<void> {
  await transaction(db, async (tx) => void (await tx.delete(loginThrottle).where(inArray(loginThrottle.key, keys.map((k) => k.key)))));
}
