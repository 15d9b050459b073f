import { useState, type FormEvent } from 'react';

/** Asks for one line of text (a rejection's reason, a reopen comment); Enter confirms, Esc cancels. */
export function TextDialog({ title, field, action, initial = '', onSubmit, onCancel }: {
  title: string;
  field: string;
  action: string;
  initial?: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) onSubmit(text.trim());
  };
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form role="dialog" aria-modal="true" aria-label={title} className="dialog card form" onSubmit={submit}>
        <h2>{title}</h2>
        <label>
          {field}
          <input value={text} onChange={(e) => setText(e.target.value)} autoFocus required maxLength={2000} />
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={!text.trim()}>
            {action}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
