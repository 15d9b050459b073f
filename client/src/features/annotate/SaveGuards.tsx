import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { keys } from '../../api/hooks';
import { ErrorMessage } from '../../ui/status';

/** While changes are unsaved, closing or reloading the tab asks first (the browser's own dialog). */
export function useWarnBeforeClose(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older Chromium needs it set
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}

/**
 * The session ended while changes were waiting: sign in again over the
 * workspace (same account), and the waiting changes are saved.
 */
export function SignInAgain({ username, onSignedIn }: { username: string; onSignedIn: () => void }) {
  const qc = useQueryClient();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await call(api.auth.login.$post({ json: { username, password } }));
      qc.setQueryData(keys.me, user); // the same user: keep every cached query, the unsaved spans included
      onSignedIn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="dialog-backdrop">
      <form role="dialog" aria-modal="true" aria-labelledby="signin-again-title" className="dialog card form" onSubmit={submit}>
        <h2 id="signin-again-title">Sign in again</h2>
        <p>Your session has ended. Your changes are kept on this page; sign in as {username} to save them.</p>
        <label>
          Password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus required autoComplete="current-password" />
        </label>
        {error !== null && <ErrorMessage error={error} />}
        <button type="submit" className="primary" disabled={busy || !password}>
          Sign in and save
        </button>
      </form>
    </div>
  );
}
