import { Dialog, DialogButtons } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/status';
import type { Entry } from './historyHooks';

/** The deleted span an entry recorded, as the dialog names it. */
export function spanName(e: Entry): string {
  const s = (e.before ?? {}) as { label?: string; quote?: string };
  const quote = (s.quote ?? '').length > 60 ? `${s.quote!.slice(0, 57)}…` : (s.quote ?? '');
  return `${s.label ?? 'span'} “${quote}”`;
}

/**
 * Asks before restoring a deleted span: says whose span and what comes back;
 * focus stays inside (Tab cycles), Esc cancels.
 */
export function RestoreDialog({ entry, pending, error, onRestore, onCancel }: {
  entry: Entry;
  pending: boolean;
  error: unknown;
  onRestore: () => void;
  onCancel: () => void;
}) {
  const gold = entry.entity === 'gold';
  return (
    <Dialog title={`Restore this ${gold ? 'gold span' : 'span'}?`} onClose={onCancel}>
      <p>
        {gold ? 'The gold span' : `${entry.annotator ?? 'The annotator'}’s span`} {spanName(entry)} comes back with its attributes
        {gold ? '' : ', note'} and the links whose other span still exists. Attributes or links the scheme no longer allows stay out;
        the answer counts them.
      </p>
      {error !== null && <ErrorMessage error={error} />}
      <DialogButtons label={gold ? 'Restore gold span' : 'Restore span'} onConfirm={onRestore} onCancel={onCancel} disabled={pending} />
    </Dialog>
  );
}
