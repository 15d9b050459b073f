import { and, eq, lt, ne } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { statement } from '../db/prepared.js';
import { sessions } from '../db/schema.js';

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

interface SessionRow {
  id: number;
  username: string;
  display_name: string;
  role: User['role'];
  disabled: number;
  demo: number;
  created_at: string;
  expires_at: string;
}

/** The session lookup of every request: one plain statement prepared once per connection, no row mapping (issue 13). */
export function userForSession(db: Db, token: string): User | null {
  const row = statement<SessionRow>(
    db,
    'sessions.lookup',
    `SELECT u.id, u.username, u.display_name, u.role, u.disabled, u.demo, u.created_at, s.expires_at
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
  ).get(hashToken(token));
  if (!row || row.expires_at < new Date().toISOString() || Number(row.disabled) === 1) return null;
  // toUser() of the users row, as drizzle maps it (the booleans are integer columns)
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, disabled: false, demo: Number(row.demo) === 1, createdAt: row.created_at };
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
