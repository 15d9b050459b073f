import { useState } from 'react';
import { Dialog, DialogButtons } from '../../ui/Dialog';

/** Asks for one line of text (a rejection's reason, a reopen comment); Enter confirms, Esc cancels, focus stays inside. */
export function TextDialog({ title, field, action, initial = '', onSubmit, onCancel }: {
  title: string;
  field: string;
  action: string;
  initial?: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const submit = () => {
    if (text.trim()) onSubmit(text.trim());
  };
  return (
    <Dialog title={title} onClose={onCancel} onSubmit={submit} className="form">
      <label>
        {field}
        <input value={text} onChange={(e) => setText(e.target.value)} autoFocus required maxLength={2000} />
      </label>
      <DialogButtons label={action} onCancel={onCancel} disabled={!text.trim()} autoFocus={false} />
    </Dialog>
  );
}
