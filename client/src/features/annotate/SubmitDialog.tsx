import { useRef, type KeyboardEvent } from 'react';
import { ErrorMessage } from '../../ui/status';

/**
 * Asks before submitting: says how many spans count, warns when there are
 * none, keeps focus inside (Tab cycles), and closes on Esc.
 */
export function SubmitDialog({ spans, pending, error, onSubmit, onCancel }: {
  spans: number;
  pending: boolean;
  error: unknown;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
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
      <div role="dialog" aria-modal="true" aria-labelledby="submit-title" className="dialog card" ref={box}>
        <h2 id="submit-title">Submit this article?</h2>
        {spans === 0 ? (
          <p className="warning" role="alert">
            You marked no spans. Submit only if this article has nothing to mark: it then counts as “nothing here” towards agreement.
          </p>
        ) : (
          <p>
            You marked {spans} {spans === 1 ? 'span' : 'spans'}. After submitting, your spans are read-only and count towards agreement.
          </p>
        )}
        {error !== null && <ErrorMessage error={error} />}
        <div className="row">
          <button type="button" className="primary" onClick={onSubmit} disabled={pending} autoFocus>
            Submit article
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
