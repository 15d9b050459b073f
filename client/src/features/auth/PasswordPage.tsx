import { useState, type FormEvent } from 'react';
import type { User } from '@mbw/shared';
import { ErrorMessage } from '../../ui/status';
import { useChangePassword } from '../admin/accountHooks';

/** Changes the signed-in user's own password; every other session of the account ends. */
export function PasswordPage({ user }: { user: User }) {
  const change = useChangePassword();
  const [form, setForm] = useState({ current: '', password: '', repeat: '' });
  const mismatch = form.repeat !== '' && form.password !== form.repeat;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    change.mutate({ current: form.current, password: form.password }, { onSuccess: () => setForm({ current: '', password: '', repeat: '' }) });
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <section className="page">
      <h1>My password</h1>
      <form className="card form" onSubmit={submit} aria-label="Change my password">
        <p className="muted">
          Signed in as {user.username}. Changing the password signs you out everywhere else.
        </p>
        {/* A hidden username lets password managers file the new password under the right account. */}
        <input type="text" autoComplete="username" value={user.username} readOnly hidden />
        <label>
          Current password
          <input type="password" value={form.current} onChange={set('current')} required autoComplete="current-password" />
        </label>
        <label>
          New password
          <input type="password" value={form.password} onChange={set('password')} required autoComplete="new-password" />
        </label>
        <label>
          New password again
          <input type="password" value={form.repeat} onChange={set('repeat')} required autoComplete="new-password" aria-invalid={mismatch} />
        </label>
        {mismatch && <p className="error" role="alert">The two new passwords differ.</p>}
        {change.isError && <ErrorMessage error={change.error} />}
        {change.isSuccess && (
          <p role="status" className="ok">
            Password changed; your other sessions have ended.
          </p>
        )}
        <button type="submit" className="primary" disabled={change.isPending || mismatch}>
          Change password
        </button>
      </form>
    </section>
  );
}
