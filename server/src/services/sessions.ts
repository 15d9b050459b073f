import { and, eq, lt, ne } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { sessions, users } from '../db/schema.js';
import { toUser } from './users.js';

export const SESSION_COOKIE = 'mbw_session';
export const SESSION_DAYS = 14;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createSession(db: Db, userId: number): string {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
  db.delete(sessions).where(lt(sessions.expiresAt, new Date().toISOString())).run();
  db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt }).run();
  return token;
}

export function userForSession(db: Db, token: string): User | null {
  const row = db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hashToken(token)))
    .get();
  if (!row || row.expiresAt < new Date().toISOString() || row.user.disabled) return null;
  return toUser(row.user);
}

export function endSession(db: Db, token: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).run();
}

/** Ends every session of the account, except the one whose token is `keep` (when given). */
export function endSessionsOf(tx: Pick<Db, 'delete'>, userId: number, keep?: string): void {
  tx.delete(sessions)
    .where(and(eq(sessions.userId, userId), keep ? ne(sessions.tokenHash, hashToken(keep)) : undefined))
    .run();
}
