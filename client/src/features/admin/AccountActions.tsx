import { useState, type FormEvent } from 'react';
import type { Role, User } from '@mbw/shared';
import { ErrorMessage } from '../../ui/status';
import { useUpdateUser } from './accountHooks';

type Dialog = 'reset' | 'disable' | null;

/** What the signed-in admin or supervisor may do to one account: reset its password, disable or enable it, change its role. */
export function AccountActions({ me, account }: { me: User; account: User }) {
  const update = useUpdateUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState('');
  const mayChange = me.role === 'admin' || account.role === 'annotator';
  if (!mayChange) return <span className="muted">admin only</span>;
  const self = account.id === me.id;
  const run = (changes: Parameters<typeof update.mutate>[0], message: string) =>
    update.mutate(changes, { onSuccess: () => { setDialog(null); setDone(message); } });
  return (
    <div className="account-actions">
      <button type="button" onClick={() => { setDone(''); setDialog('reset'); }} aria-label={`Reset the password of ${account.username}`}>
        Reset password
      </button>
      {account.disabled ? (
        <button type="button" onClick={() => run({ id: account.id, disabled: false }, `${account.username} may sign in again.`)}>
          Enable
        </button>
      ) : (
        !self && (
          <button type="button" className="danger" onClick={() => { setDone(''); setDialog('disable'); }} aria-label={`Disable ${account.username}`}>
            Disable
          </button>
        )
      )}
      {me.role === 'admin' && !self && (
        <select
          aria-label={`Role of ${account.username}`}
          value={account.role}
          disabled={update.isPending}
          onChange={(e) => run({ id: account.id, role: e.target.value as Role }, `${account.username} is now ${e.target.value}.`)}
        >
          <option value="annotator">annotator</option>
          <option value="supervisor">supervisor</option>
          <option value="admin">admin</option>
        </select>
      )}
      {done && <span role="status" className="ok">{done}</span>}
      {!dialog && update.isError && <ErrorMessage error={update.error} />}
      {dialog === 'reset' && (
        <ResetDialog
          account={account}
          pending={update.isPending}
          error={update.isError ? update.error : null}
          onSubmit={(password) => run({ id: account.id, password }, `New password set for ${account.username}; their sessions ended.`)}
          onCancel={() => { update.reset(); setDialog(null); }}
        />
      )}
      {dialog === 'disable' && (
        <ConfirmDisable
          account={account}
          pending={update.isPending}
          onConfirm={() => run({ id: account.id, disabled: true }, `${account.username} is disabled.`)}
          onCancel={() => setDialog(null)}
        />
      )}
    </div>
  );
}

function ResetDialog({ account, pending, error, onSubmit, onCancel }: {
  account: User;
  pending: boolean;
  error: unknown;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password) onSubmit(password);
  };
  const title = `Reset the password of ${account.username}`;
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form role="dialog" aria-modal="true" aria-label={title} className="dialog card form" onSubmit={submit}>
        <h2>{title}</h2>
        <p className="muted">Every session of {account.username} ends; tell them the new password.</p>
        <label>
          New password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus required autoComplete="new-password" />
        </label>
        {error !== null && <ErrorMessage error={error} />}
        <div className="row">
          <button type="submit" className="primary" disabled={pending || !password}>
            Set password
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

function ConfirmDisable({ account, pending, onConfirm, onCancel }: { account: User; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  const title = `Disable ${account.username}?`;
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div role="alertdialog" aria-modal="true" aria-label={title} className="dialog card form">
        <h2>{title}</h2>
        <p>{account.username} is signed out at once and cannot sign in until an admin or supervisor enables the account again. Their work is kept.</p>
        <div className="row">
          <button type="button" className="danger" onClick={onConfirm} disabled={pending} autoFocus>
            Disable {account.username}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
