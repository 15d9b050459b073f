import { and, eq, ne } from 'drizzle-orm';
import type { Role, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { users } from '../db/tables.js';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { requireSupervisor } from './access.js';
import { audit, type Tx } from './audit.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { endSessionsOf } from './sessions.js';
import { toUser } from './users.js';

const fieldError = (path: string, message: string) => badRequest(`Invalid body: ${path}: ${message}`, { issues: [{ path, message }] });

/** Changes one's own password; every other session of the account ends, the caller's stays. */
export async function changeOwnPassword(db: Db, user: User, sessionToken: string, input: { current: string; password: string }) {
  const row = await first(db.select().from(users).where(eq(users.id, user.id)));
  if (!row || !(await verifyPassword(input.current, row.passwordHash))) throw fieldError('current', 'is not your current password');
  if (input.current === input.password) throw fieldError('password', 'must differ from the current password');
  const passwordHash = await hashPassword(input.password);
  await transaction(db, async (tx) => {
    await lock(tx, 'user', user.id);
    // The hash checked above must still be the stored one: a concurrent change wins, this one is refused.
    const now = await first(tx.select({ h: users.passwordHash }).from(users).where(eq(users.id, user.id)));
    if (now?.h !== row.passwordHash) throw conflict('Your password was changed meanwhile; sign in again.');
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await endSessionsOf(tx, user.id, sessionToken);
    await audit(tx, user.id, 'change_password', 'user', user.id, undefined, { before: { password: 'set' }, after: { password: 'changed' } });
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
  return transaction(db, async (tx) => {
    // the last-admin rule reads every admin: changes of roles take turns
    await lock(tx, 'users', 'roles');
    const target = await first(tx.select().from(users).where(eq(users.id, id)));
    if (!target) throw notFound('User');
    checkChange(actor, target, input);
    if (input.role !== undefined && target.role === 'admin' && input.role !== 'admin') await requireAnotherAdmin(tx, target.id);
    const row = (await first(
      tx
        .update(users)
        .set({ displayName: input.displayName, role: input.role, disabled: input.disabled, passwordHash })
        .where(eq(users.id, id))
        .returning(),
    ))!;
    if (input.disabled || passwordHash) await endSessionsOf(tx, id);
    const { password: _, ...logged } = input;
    // Never the hash: the entry says only that the password was reset.
    await audit(tx, actor.id, 'update', 'user', id, { ...logged, passwordReset: passwordHash !== undefined }, { before: toUser(target), after: toUser(row) });
    return toUser(row);
  });
}

async function requireAnotherAdmin(tx: Tx, exceptId: number): Promise<void> {
  const other = await first(
    tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, exceptId))),
  );
  if (!other) throw conflict('This is the last active admin account; make another admin first.');
}
