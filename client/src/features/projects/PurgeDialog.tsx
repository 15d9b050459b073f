import { useId, useState } from 'react';
import { ErrorMessage } from '../../ui/status';
import { Dialog, DialogButtons } from '../../ui/Dialog';
import { usePurge } from './purgeHooks';

/**
 * Permanent deletion of an archived article or project (admins): says what
 * goes, and enables its button only once the name is typed exactly.
 */
export function PurgeDialog({ kind, id, name, spans, onDone, onCancel }: {
  kind: 'article' | 'project';
  id: number;
  name: string;
  spans: number;
  onDone: (name: string) => void;
  onCancel: () => void;
}) {
  const purge = usePurge();
  const [typed, setTyped] = useState('');
  const field = useId();
  const what = kind === 'article' ? 'title' : 'name';
  const submit = () => {
    if (typed === name) purge.mutate({ kind, id, confirmName: typed }, { onSuccess: () => onDone(name) });
  };
  return (
    <Dialog title={`Delete “${name}” permanently?`} onClose={onCancel} onSubmit={submit} alert className="form">
      <p className="warning">
        This cannot be undone. The {kind} and its {spans} {spans === 1 ? 'span' : 'spans'}
        {kind === 'project' ? ', its articles, labels, members, assignments, links, gold and curation' : ', its assignments, links, gold and curation'} are
        deleted for good; the audit log keeps a note that it happened.
      </p>
      <label htmlFor={field}>
        Type the {kind}’s {what} to confirm
      </label>
      <input id={field} value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus autoComplete="off" spellCheck={false} />
      {purge.isError && <ErrorMessage error={purge.error} />}
      <DialogButtons label="Delete permanently" onCancel={onCancel} disabled={typed !== name || purge.isPending} danger autoFocus={false} />
    </Dialog>
  );
}
