import { and, eq, lt, ne } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { rawGet } from '../db/raw.js';
import { transaction, type Tx } from '../db/tx.js';
import { sessions } from '../db/tables.js';

export const SESSION_COOKIE = 'mbw_session';
export const SESSION_DAYS = 14;

/** A session's row with its user's columns, as the database gives them (booleans 0/1 on SQLite, true/false on PostgreSQL). */
interface SessionRow {
  id: number;
  username: string;
  display_name: string;
  role: User['role'];
  disabled: number | boolean;
  demo: number | boolean;
  created_at: string;
  expires_at: string;
}

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

/** The session lookup of every request: one plain statement prepared once per connection, no row mapping (issue 13). */
export async function userForSession(db: Db, token: string): Promise<User | null> {
  const row = await rawGet<SessionRow>(
    db,
    'sessions.lookup',
    `SELECT u.id, u.username, u.display_name, u.role, u.disabled, u.demo, u.created_at, s.expires_at
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    hashToken(token),
  );
  if (!row || row.expires_at < new Date().toISOString() || Number(row.disabled) === 1) return null;
  // toUser() of the users row, as drizzle maps it
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, disabled: false, demo: Number(row.demo) === 1, createdAt: row.created_at };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await transaction(db, async (tx) => void (await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)))));
}

/** Ends every session of the account, except the one whose token is `keep` (when given). */
export async function endSessionsOf(tx: Tx, userId: number, keep?: string): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), keep ? ne(sessions.tokenHash, hashToken(keep)) : undefined));
}
