import { and, eq, ne } from 'drizzle-orm';
import type { Role, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { requireSupervisor } from './access.js';
import { audit } from './audit.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { endSessionsOf } from './sessions.js';
import { toUser } from './users.js';

const fieldError = (path: string, message: string) => badRequest(`Invalid body: ${path}: ${message}`, { issues: [{ path, message }] });

/** Changes one's own password; every other session of the account ends, the caller's stays. */
export async function changeOwnPassword(db: Db, user: User, sessionToken: string, input: { current: string; password: string }) {
  const row = db.select().from(users).where(eq(users.id, user.id)).get();
  if (!row || !(await verifyPassword(input.current, row.passwordHash))) throw fieldError('current', 'is not your current password');
  if (input.current === input.password) throw fieldError('password', 'must differ from the current password');
  const passwordHash = await hashPassword(input.password);
  db.transaction((tx) => {
    // The hash checked above must still be the stored one: a concurrent change wins, this one is refused.
    const now = tx.select({ h: users.passwordHash }).from(users).where(eq(users.id, user.id)).get();
    if (now?.h !== row.passwordHash) throw conflict('Your password was changed meanwhile; sign in again.');
    tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    endSessionsOf(tx, user.id, sessionToken);
    audit(tx, user.id, 'change_password', 'user', user.id, undefined, { before: { password: 'set' }, after: { password: 'changed' } });
  });
}

type UserChanges = { displayName?: string; role?: Role; disabled?: boolean; password?: string };

/** Who may change whom: admins anyone; supervisors annotator accounts only; roles only admins; never one's own role or lock. */
function checkChange(actor: User, target: typeof users.$inferSelect, input: UserChanges): void {
  requireSupervisor(actor);
  if (actor.role !== 'admin' && target.role !== 'annotator')
    throw forbidden('Supervisors may change annotator accounts only; ask an admin.');
  if (input.role !== undefined && actor.role !== 'admin') throw forbidden('Only admins may change a role.');
  if (target.id === actor.id && input.role !== undefined && input.role !== target.role)
    throw fieldError('role', 'you cannot change your own role');
  if (target.id === actor.id && input.disabled) throw fieldError('disabled', 'you cannot disable your own account');
}

/**
 * Changes an account: display name, role, disabled, password (a reset). A
 * disabled account's sessions end at once; so do they after a reset.
 */
export async function updateUser(db: Db, actor: User, id: number, input: UserChanges): Promise<User> {
  requireSupervisor(actor);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return db.transaction((tx) => {
    const target = tx.select().from(users).where(eq(users.id, id)).get();
    if (!target) throw notFound('User');
    checkChange(actor, target, input);
    if (input.role !== undefined && target.role === 'admin' && input.role !== 'admin') requireAnotherAdmin(tx, target.id);
    const row = tx
      .update(users)
      .set({ displayName: input.displayName, role: input.role, disabled: input.disabled, passwordHash })
      .where(eq(users.id, id))
      .returning()
      .get();
    if (input.disabled || passwordHash) endSessionsOf(tx, id);
    const { password: _, ...logged } = input;
    // Never the hash: the entry says only that the password was reset.
    audit(tx, actor.id, 'update', 'user', id, { ...logged, passwordReset: passwordHash !== undefined }, { before: toUser(target), after: toUser(row) });
    return toUser(row);
  });
}

function requireAnotherAdmin(tx: Pick<Db, 'select'>, exceptId: number): void {
  const other = tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, exceptId)))
    .get();
  if (!other) throw conflict('This is the last active admin account; make another admin first.');
}
