import { useState, type FormEvent } from 'react';
import type { Role, User } from '@mbw/shared';
import { useCreateUser, useUsers } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../ui/status';
import { AccountActions } from './AccountActions';

export function UsersPage({ user }: { user: User }) {
  const users = useUsers();
  return (
    <section className="page">
      <h1>Accounts</h1>
      {users.isPending && <Loading what="accounts" />}
      {users.isError && <ErrorMessage error={users.error} />}
      {users.data && (
        <table aria-label="Accounts">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{u.role}</td>
                <td className="muted">{new Date(u.createdAt).toLocaleDateString('en-GB')}</td>
                <td>
                  {u.disabled ? <strong className="bad-text">disabled</strong> : 'active'}
                  {u.demo && (
                    <>
                      {' '}
                      <span className="badge" title="A demo account of the sample project: for looking at, never offered for assignment">
                        demo
                      </span>
                    </>
                  )}
                </td>
                <td>
                  <AccountActions me={user} account={u} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewAccountForm canCreateAdmin={user.role === 'admin'} />
    </section>
  );
}

function NewAccountForm({ canCreateAdmin }: { canCreateAdmin: boolean }) {
  const create = useCreateUser();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'annotator' as Role });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { ...form, displayName: form.displayName || undefined },
      { onSuccess: () => setForm({ username: '', displayName: '', password: '', role: form.role }) },
    );
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="New account">
      <h2>New account</h2>
      <div className="row">
        <label>
          Username
          <input value={form.username} onChange={set('username')} required minLength={2} maxLength={50} autoComplete="off" />
        </label>
        <label>
          Display name
          <input value={form.displayName} onChange={set('displayName')} maxLength={100} />
        </label>
      </div>
      <div className="row">
        <label>
          Password
          <input type="password" value={form.password} onChange={set('password')} required minLength={8} autoComplete="new-password" />
        </label>
        <label>
          Role
          <select value={form.role} onChange={set('role')}>
            <option value="annotator">Annotator</option>
            <option value="supervisor">Supervisor</option>
            {canCreateAdmin && <option value="admin">Admin</option>}
          </select>
        </label>
      </div>
      {create.isError && <ErrorMessage error={create.error} />}
      {create.isSuccess && (
        <p role="status" className="ok">
          Created {create.data.user.username}.
        </p>
      )}
      <button type="submit" className="primary" disabled={create.isPending}>
        Create account
      </button>
    </form>
  );
}
