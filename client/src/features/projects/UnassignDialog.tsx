import type { UnassignCounts } from '@mbw/shared';
import { Dialog, DialogButtons } from '../../ui/Dialog';

const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;

/** Asks before unassigning where work exists, naming what the server counted; the work is kept. */
export function UnassignDialog({ counts, pending, onConfirm, onCancel }: { counts: UnassignCounts; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title="Unassign although work exists?" onClose={onCancel} alert describedBy="unassign-text">
      <p id="unassign-text">
        {counts.withWork} of the {n(counts.assignments, 'assignment', 'assignments')} hold work: {n(counts.spans, 'span', 'spans')}, {counts.submitted}{' '}
        submitted. The annotators lose these articles from their lists. Their work is kept: assigning the same annotator to the article again brings it back.
      </p>
      <DialogButtons label={`Unassign ${n(counts.assignments, 'assignment', 'assignments')}`} onConfirm={onConfirm} onCancel={onCancel} disabled={pending} danger />
    </Dialog>
  );
}
