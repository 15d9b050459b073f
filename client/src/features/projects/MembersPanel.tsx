import { useState, type FormEvent } from 'react';
import type { MemberRole, ProjectMember, User } from '@mbw/shared';
import { useUsers } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { Dialog, DialogButtons } from '../../ui/Dialog';
import { useChangeMember, useMembers } from './memberHooks';

const ROLE_TEXT: Record<ProjectMember['role'], string> = { creator: 'supervisor (created it)', supervisor: 'supervisor', annotator: 'annotator' };
/** The project role an account can hold: annotator accounts annotate, supervisor and admin accounts supervise. */
const roleFor = (u: User): MemberRole => (u.role === 'annotator' ? 'annotator' : 'supervisor');

/** Who supervises and annotates the project: the list, adding an account with a role, removing one after a confirmation. */
export function MembersPanel({ projectId }: { projectId: number }) {
  const members = useMembers(projectId);
  const change = useChangeMember(projectId);
  const [removing, setRemoving] = useState<ProjectMember | null>(null);
  const [done, setDone] = useState('');
  const remove = (m: ProjectMember) =>
    change.mutate({ userId: m.userId, remove: true }, { onSuccess: () => { setRemoving(null); setDone(`Removed ${m.displayName}.`); } });
  return (
    <section className="card form" aria-label="Members">
      <h2>Members</h2>
      <p className="muted">Supervisors here manage the project; annotators see it. Removing someone keeps their assignments and spans.</p>
      {members.isPending && <Loading what="members" />}
      {members.isError && <ErrorMessage error={members.error} />}
      {members.data && (
        <ul className="plain members" aria-label="Project members">
          {members.data.map((m) => (
            <li key={m.userId} className="row">
              <span>
                {m.displayName} <span className="muted">({m.username})</span> · {ROLE_TEXT[m.role]}
              </span>
              {m.role !== 'creator' && (
                <button type="button" className="small" onClick={() => (setDone(''), setRemoving(m))} aria-label={`Remove ${m.displayName}`}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <AddMember projectId={projectId} members={members.data ?? []} onAdded={(name) => setDone(`Added ${name}.`)} />
      {done && <p role="status" className="ok">{done}</p>}
      {change.isError && !removing && <ErrorMessage error={change.error} />}
      {removing && <RemoveDialog member={removing} pending={change.isPending} error={change.isError ? change.error : null} onConfirm={() => remove(removing)} onCancel={() => (change.reset(), setRemoving(null))} />}
    </section>
  );
}

function AddMember({ projectId, members, onAdded }: { projectId: number; members: ProjectMember[]; onAdded: (name: string) => void }) {
  const users = useUsers();
  const change = useChangeMember(projectId);
  const [userId, setUserId] = useState<number | ''>('');
  const [role, setRole] = useState<MemberRole>('annotator');
  const taken = new Set(members.map((m) => m.userId));
  const candidates = (users.data ?? []).filter((u) => !taken.has(u.id) && !u.disabled && !u.demo);
  const chosen = candidates.find((u) => u.id === userId);
  const choose = (id: number | '') => {
    setUserId(id);
    const u = candidates.find((c) => c.id === id);
    if (u) setRole(roleFor(u));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    change.mutate({ userId: chosen.id, role }, { onSuccess: () => { setUserId(''); onAdded(chosen.displayName); } });
  };
  return (
    <form className="row member-add" onSubmit={submit} aria-label="Add a member">
      <label>
        Account
        <select value={userId} onChange={(e) => choose(e.target.value ? Number(e.target.value) : '')}>
          <option value="">Choose an account…</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName} ({u.username}, {u.role})
            </option>
          ))}
        </select>
      </label>
      <label className="narrow">
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
          <option value="supervisor" disabled={chosen?.role === 'annotator'}>
            Supervisor
          </option>
          <option value="annotator" disabled={!!chosen && chosen.role !== 'annotator'}>
            Annotator
          </option>
        </select>
      </label>
      <button type="submit" disabled={!chosen || change.isPending}>
        Add member
      </button>
      {change.isError && <ErrorMessage error={change.error} />}
    </form>
  );
}

function RemoveDialog({ member, pending, error, onConfirm, onCancel }: { member: ProjectMember; pending: boolean; error: unknown; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title={`Remove ${member.displayName}?`} onClose={onCancel} alert className="form">
      <p>
        {member.displayName} is no longer a {member.role} of this project. Their assignments and spans stay; add them again at any time.
      </p>
      {error !== null && <ErrorMessage error={error} />}
      <DialogButtons label="Remove member" onConfirm={onConfirm} onCancel={onCancel} disabled={pending} danger />
    </Dialog>
  );
}
