import type { SchemeImpact } from '@mbw/shared';
import { Dialog, DialogButtons } from '../../ui/Dialog';

/** Names what a confirmed scheme change does to the work in use, before it is applied. */
export function SchemeImpactDialog({ impact, pending, onConfirm, onCancel }: { impact: SchemeImpact; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title="This change affects work in use" onClose={onCancel} alert className="form">
      <ul>
        {impact.removedLabels.map((r) => (
          <li key={`l${r.label}`}>
            {r.spans} spans labelled “{r.label}” will be deleted, with their links.
          </li>
        ))}
        {impact.removedValues.map((r) => (
          <li key={`v${r.label}${r.attribute}${r.value}`}>
            {r.spans} “{r.label}” spans lose the value “{r.value}” of {r.attribute}.
          </li>
        ))}
        {impact.newlyRequired.map((r) => (
          <li key={`q${r.label}${r.attribute}`}>
            {r.spans} “{r.label}” spans lack {r.attribute}, now required: they are kept and must be completed before submitting.
          </li>
        ))}
        {impact.removedLinks.map((r) => (
          <li key={`t${r.type}`}>
            {r.links} “{r.type}” links will be deleted.
          </li>
        ))}
      </ul>
      <DialogButtons label="Apply the change" onConfirm={onConfirm} onCancel={onCancel} disabled={pending} danger />
    </Dialog>
  );
}
