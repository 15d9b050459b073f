import { useRef, type KeyboardEvent } from 'react';
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
  const box = useRef<HTMLDivElement>(null);
  const gold = entry.entity === 'gold';
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') return void (e.stopPropagation(), onCancel());
    if (e.key !== 'Tab') return;
    const buttons = [...(box.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
    if (buttons.length === 0) return;
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    e.preventDefault();
    buttons[(i + (e.shiftKey ? -1 : 1) + buttons.length) % buttons.length]!.focus();
  };
  return (
    <div className="dialog-backdrop" onKeyDown={onKeyDown}>
      <div role="dialog" aria-modal="true" aria-labelledby="restore-title" className="dialog card" ref={box}>
        <h2 id="restore-title">Restore this {gold ? 'gold span' : 'span'}?</h2>
        <p>
          {gold ? 'The gold span' : `${entry.annotator ?? 'The annotator'}’s span`} {spanName(entry)} comes back with its attributes
          {gold ? '' : ', note'} and the links whose other span still exists. Attributes or links the scheme no longer allows stay out;
          the answer counts them.
        </p>
        {error !== null && <ErrorMessage error={error} />}
        <div className="row">
          <button type="button" className="primary" onClick={onRestore} disabled={pending} autoFocus>
            {gold ? 'Restore gold span' : 'Restore span'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
