import { useState, type FormEvent } from 'react';
import { useLogin } from '../../api/hooks';
import { ErrorMessage } from '../../ui/status';

export function LoginPage() {
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username: username.trim(), password });
  };
  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-label="Sign in">
        <h1>Media Bias Workbench</h1>
        <p className="muted">Annotate attribution, evaluative language and unsupported claims in news.</p>
        <label>
          Username
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus required />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        {login.isError && <ErrorMessage error={login.error} />}
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
