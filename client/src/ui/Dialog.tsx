import { useId, useRef, type FormEvent, type ReactNode } from 'react';
import { dialogKeys } from './trapFocus';

/**
 * A modal dialog: a titled box over a backdrop that keeps focus inside (Tab
 * cycles) and closes on Esc. `onSubmit` makes the box a form (Enter submits).
 */
export function Dialog({ title, onClose, onSubmit, alert = false, describedBy, className = '', children }: {
  title: ReactNode;
  onClose: () => void;
  onSubmit?: () => void;
  /** An alertdialog: a confirmation of something that cannot be taken back lightly. */
  alert?: boolean;
  describedBy?: string;
  className?: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement & HTMLFormElement>(null);
  const titleId = useId();
  const props = {
    role: alert ? 'alertdialog' : 'dialog',
    'aria-modal': true,
    'aria-labelledby': titleId,
    'aria-describedby': describedBy,
    className: `dialog card ${className}`.trim(),
    ref: box,
  } as const;
  const body = (
    <>
      <h2 id={titleId}>{title}</h2>
      {children}
    </>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit?.();
  };
  return (
    <div className="dialog-backdrop" onKeyDown={dialogKeys(box, onClose)}>
      {onSubmit ? (
        <form {...props} onSubmit={submit}>
          {body}
        </form>
      ) : (
        <div {...props}>{body}</div>
      )}
    </div>
  );
}

/** A dialog's buttons: its action (focused first unless `autoFocus` is false), then Cancel. */
export function DialogButtons({ label, onConfirm, onCancel, disabled = false, danger = false, autoFocus = true }: {
  label: ReactNode;
  /** Without it the action submits the dialog's form. */
  onConfirm?: () => void;
  onCancel: () => void;
  disabled?: boolean;
  danger?: boolean;
  autoFocus?: boolean;
}) {
  return (
    <div className="row">
      <button type={onConfirm ? 'button' : 'submit'} className={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={disabled} autoFocus={autoFocus}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
