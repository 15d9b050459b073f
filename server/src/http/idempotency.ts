import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Context, Next } from 'hono';
import type { Db } from '../db/client.js';
import { first, transaction } from '../db/tx.js';
import { idempotencyKeys } from '../db/tables.js';
import { badRequest, conflict } from './errors.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** How long an answer is kept for replay. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * Makes a POST that carries an `Idempotency-Key` header happen once: the
 * first request claims the key (a row with no status), runs, and stores its
 * answer; a repeat with the same key, method, path and body gets that answer
 * again (marked `Idempotent-Replayed: true`); a repeat while the first still
 * runs, or the same key for another request, answers 409. Server errors are
 * not stored, so a retry after one runs again. The claim is an INSERT on the
 * primary key, so two processes sharing the database cannot both run.
 */
export async function idempotent(db: Db, c: Context, userId: number, next: Next): Promise<Response | void> {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined || c.req.method !== 'POST') return next();
  if (!KEY_PATTERN.test(key))
    throw badRequest(`Invalid header: ${IDEMPOTENCY_HEADER}: must be 1–200 visible ASCII characters`, { issues: [{ path: IDEMPOTENCY_HEADER, message: 'invalid' }] });
  const body = new Uint8Array(await c.req.arrayBuffer()); // cached by Hono for the validators after us
  const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(body).digest('hex');
  const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));

  const claimed = await transaction(db, async (tx) => {
    await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(Date.now() - KEEP_MS).toISOString()));
    // The claim: an INSERT that does nothing when the key is taken (a failed INSERT would abort a PostgreSQL transaction).
    const won = await tx.insert(idempotencyKeys).values({ userId, key, requestHash }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    return won.length ? null : ((await first(tx.select().from(idempotencyKeys).where(where))) ?? null);
  });
  if (claimed) {
    if (claimed.requestHash !== requestHash)
      throw conflict(`This ${IDEMPOTENCY_HEADER} was used for another request; use a new key.`, { field: IDEMPOTENCY_HEADER });
    if (claimed.status === null) throw conflict('The first request with this key is still running; try again in a moment.', { field: IDEMPOTENCY_HEADER });
    return new Response(claimed.body, {
      status: claimed.status,
      headers: { 'content-type': claimed.contentType ?? 'application/json', 'idempotent-replayed': 'true' },
    });
  }

  // every write in a transaction (db/tx.ts: on SQLite, a write outside one could land in another request's open one)
  const release = () => transaction(db, async (tx) => void (await tx.delete(idempotencyKeys).where(where)));
  try {
    await next();
  } catch (e) {
    await release();
    throw e;
  }
  const res = c.res;
  if (res.status >= 500) return void (await release());
  const text = await res.clone().text();
  await transaction(db, async (tx) => {
    await tx.update(idempotencyKeys).set({ status: res.status, contentType: res.headers.get('content-type'), body: text }).where(where);
  });
}
