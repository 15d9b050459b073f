import { asc, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Role, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { users } from '../db/tables.js';
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

export async function listUsers(db: Db): Promise<User[]> {
  return (await db.select().from(users).orderBy(asc(users.username))).map(toUser);
}

export async function createUser(
  db: Db,
  actorId: number | null,
  input: { username: string; password: string; role: Role; displayName?: string },
): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return transaction(db, async (tx) => {
    await lock(tx, 'username', input.username);
    if (await first(tx.select({ id: users.id }).from(users).where(eq(users.username, input.username))))
      throw conflict(`The username "${input.username}" is taken.`, { field: 'username' });
    const row = (await first(
      tx
        .insert(users)
        .values({ username: input.username, displayName: input.displayName ?? input.username, role: input.role, passwordHash })
        .returning(),
    ))!;
    await audit(tx, actorId, 'create', 'user', row.id, { username: row.username, role: row.role }, { after: toUser(row) });
    return toUser(row);
  });
}

/** The user for a username and password, or null; as slow for unknown names as for known ones. */
export async function authenticate(db: Db, username: string, password: string): Promise<User | null> {
  const row = await first(db.select().from(users).where(eq(users.username, username)));
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  return row && ok && !row.disabled ? toUser(row) : null;
}

/**
 * Makes sure an `admin` account exists. Returns the password when it created
 * one with a generated password (to print once), otherwise null.
 */
export async function ensureAdmin(db: Db, password?: string): Promise<{ created: boolean; generatedPassword: string | null }> {
  if (await first(db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'))))
    return { created: false, generatedPassword: null };
  const pw = password || randomBytes(12).toString('base64url');
  await createUser(db, null, { username: 'admin', password: pw, role: 'admin', displayName: 'Administrator' });
  return { created: true, generatedPassword: password ? null : pw };
}
