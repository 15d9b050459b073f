import { and, asc, eq } from 'drizzle-orm';
import type { MemberRole, ProjectMember, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { projectMembers, users } from '../db/tables.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { managedProject } from './access.js';
import { audit } from './audit.js';

const fieldError = (path: string, message: string) => badRequest(`Invalid body: ${path}: ${message}`, { issues: [{ path, message }] });

/** The project's creator and members, creator first. */
export async function listMembers(db: Db, actor: User, projectId: number): Promise<ProjectMember[]> {
  const project = await managedProject(db, actor, projectId);
  const creator = project.createdBy === null ? undefined : await first(db.select().from(users).where(eq(users.id, project.createdBy)));
  const rows = await db
    .select({ userId: users.id, username: users.username, displayName: users.displayName, accountRole: users.role, role: projectMembers.role })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(users.username));
  const head: ProjectMember[] = creator
    ? [{ userId: creator.id, username: creator.username, displayName: creator.displayName, accountRole: creator.role, role: 'creator' }]
    : [];
  return [...head, ...rows.filter((r) => r.userId !== creator?.id)];
}

/** Adds (or changes the role of) a member; a supervisor member must hold a supervisor or admin account. */
export function addMember(db: Db, actor: User, projectId: number, input: { userId: number; role: MemberRole }) {
  return transaction(db, async (tx) => {
    await lock(tx, 'project', projectId);
    const project = await managedProject(tx, actor, projectId);
    const account = await first(tx.select().from(users).where(eq(users.id, input.userId)));
    if (!account) throw fieldError('userId', `no user with id ${input.userId}`);
    if (input.role === 'supervisor' && account.role === 'annotator')
      throw fieldError('role', `${account.username} is an annotator account and cannot supervise a project`);
    if (input.role === 'annotator' && account.role !== 'annotator')
      throw fieldError('role', `${account.username} is a ${account.role} account, not an annotator`);
    if (project.createdBy === account.id) throw conflict(`${account.username} created this project and is its supervisor already.`);
    const was = await first(
      tx.select({ role: projectMembers.role }).from(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, account.id))),
    );
    await tx
      .insert(projectMembers)
      .values({ projectId, userId: account.id, role: input.role })
      .onConflictDoUpdate({ target: [projectMembers.projectId, projectMembers.userId], set: { role: input.role } });
    await audit(tx, actor.id, 'add_member', 'project', projectId, { userId: account.id, role: input.role }, {
      before: was ? { userId: account.id, username: account.username, role: was.role } : null,
      after: { userId: account.id, username: account.username, role: input.role },
      projectId,
    });
    return { userId: account.id, username: account.username, displayName: account.displayName, accountRole: account.role, role: input.role };
  });
}

/** Removes a member; their assignments and spans stay. */
export async function removeMember(db: Db, actor: User, projectId: number, userId: number): Promise<void> {
  await transaction(db, async (tx) => {
    await lock(tx, 'project', projectId);
    await managedProject(tx, actor, projectId);
    const where = and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId));
    const was = await first(tx.select().from(projectMembers).where(where));
    if (!was) throw notFound('Member');
    await tx.delete(projectMembers).where(where);
    await audit(tx, actor.id, 'remove_member', 'project', projectId, { userId }, { before: { userId, role: was.role }, projectId });
  });
}
