import { and, eq, lt, ne, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { transaction, type Tx } from '../db/tx.js';
import { sessions, users } from '../db/tables.js';
import { toUser } from './users.js';

export const SESSION_COOKIE = 'mbw_session';
export const SESSION_DAYS = 14;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
  // every write in a transaction (db/tx.ts: on SQLite, a write outside one could land in another request's open one)
  await transaction(db, async (tx) => {
    await tx.delete(sessions).where(lt(sessions.expiresAt, new Date().toISOString()));
    await tx.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt });
  });
  return token;
}

/** The session lookup of every request, built and prepared once per database (issue 13). */
const prepareLookup = (db: Db) =>
  db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('hash')))
    .prepare();
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

export async function userForSession(db: Db, token: string): Promise<User | null> {
  let lookup = lookups.get(db);
  if (!lookup) lookups.set(db, (lookup = prepareLookup(db)));
  const [row] = await lookup.execute({ hash: hashToken(token) });
  if (!row || row.expiresAt < new Date().toISOString() || row.user.disabled) return null;
  return toUser(row.user);
}

export async function endSession(db: Db, token: string): Promise<void> {
  await transaction(db, async (tx) => void (await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)))));
}

/** Ends every session of the account, except the one whose token is `keep` (when given). */
export async function endSessionsOf(tx: Tx, userId: number, keep?: string): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), keep ? ne(sessions.tokenHash, hashToken(keep)) : undefined));
}
