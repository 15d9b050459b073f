import { asc, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Role, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { conflict } from '../http/errors.js';
import { audit } from './audit.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';

type UserRow = typeof users.$inferSelect;

export const toUser = (u: UserRow): User => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  disabled: u.disabled,
  demo: u.demo,
  createdAt: u.createdAt,
});

export function listUsers(db: Db): User[] {
  return db.select().from(users).orderBy(asc(users.username)).all().map(toUser);
}

export async function createUser(
  db: Db,
  actorId: number | null,
  input: { username: string; password: string; role: Role; displayName?: string },
): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get())
      throw conflict(`The username "${input.username}" is taken.`, { field: 'username' });
    const row = tx
      .insert(users)
      .values({ username: input.username, displayName: input.displayName ?? input.username, role: input.role, passwordHash })
      .returning()
      .get();
    audit(tx, actorId, 'create', 'user', row.id, { username: row.username, role: row.role }, { after: toUser(row) });
    return toUser(row);
  });
}

/** The user for a username and password, or null; as slow for unknown names as for known ones. */
export async function authenticate(db: Db, username: string, password: string): Promise<User | null> {
  const row = db.select().from(users).where(eq(users.username, username)).get();
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  return row && ok && !row.disabled ? toUser(row) : null;
}

/**
 * Makes sure an `admin` account exists. Returns the password when it created
 * one with a generated password (to print once), otherwise null.
 */
export async function ensureAdmin(db: Db, password?: string): Promise<{ created: boolean; generatedPassword: string | null }> {
  if (db.select({ id: users.id }).from(users).where(eq(users.username, 'admin')).get())
    return { created: false, generatedPassword: null };
  const pw = password || randomBytes(12).toString('base64url');
  await createUser(db, null, { username: 'admin', password: pw, role: 'admin', displayName: 'Administrator' });
  return { created: true, generatedPassword: password ? null : pw };
}
