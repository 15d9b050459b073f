import { useRef } from 'react';
import type { UnassignCounts } from '@mbw/shared';
import { dialogKeys } from '../../ui/trapFocus';

const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;

/** Asks before unassigning where work exists, naming what the server counted; the work is kept. */
export function UnassignDialog({ counts, pending, onConfirm, onCancel }: { counts: UnassignCounts; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  return (
    <div className="dialog-backdrop" onKeyDown={dialogKeys(box, onCancel)}>
      <div role="alertdialog" aria-modal="true" aria-labelledby="unassign-title" aria-describedby="unassign-text" className="dialog card" ref={box}>
        <h2 id="unassign-title">Unassign although work exists?</h2>
        <p id="unassign-text">
          {counts.withWork} of the {n(counts.assignments, 'assignment', 'assignments')} hold work: {n(counts.spans, 'span', 'spans')}, {counts.submitted}{' '}
          submitted. The annotators lose these articles from their lists. Their work is kept: assigning the same annotator to the article again brings it back.
        </p>
        <div className="row">
          <button type="button" className="danger" onClick={onConfirm} disabled={pending} autoFocus>
            Unassign {n(counts.assignments, 'assignment', 'assignments')}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
