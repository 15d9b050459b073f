import { Dialog, DialogButtons } from '../../ui/Dialog';
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
  return (
    <Dialog title="Submit this article?" onClose={onCancel}>
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
      <DialogButtons label="Submit article" onConfirm={onSubmit} onCancel={onCancel} disabled={pending} />
    </Dialog>
  );
}
