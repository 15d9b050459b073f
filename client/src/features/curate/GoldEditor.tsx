import type { Label } from '@mbw/shared';
import { AttributeField } from '../../ui/AttributeField';
import type { GoldSpan } from './hooks';

/** Edits one gold span: label, attributes; boundaries move with the workspace's resize keys. */
export function GoldEditor({ gold, labels, onChange, onClose }: {
  gold: GoldSpan;
  labels: Label[];
  onChange: (changes: { label?: string; attributes?: Record<string, string> }) => void;
  onClose: () => void;
}) {
  const label = labels.find((l) => l.key === gold.label);
  return (
    <section className="panel gold-editor" aria-label="Edit gold span">
      <h2>Edit gold span</h2>
      <p className="muted small">
        „{gold.quote}“ · characters {gold.start}–{gold.end}. <kbd>Shift</kbd>+<kbd>←</kbd>/<kbd>→</kbd> moves the end, <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>←</kbd>/<kbd>→</kbd> the start;{' '}
        <kbd>Esc</kbd> closes.
      </p>
      <label>
        Label
        <select value={gold.label} onChange={(e) => onChange({ label: e.target.value, attributes: {} })}>
          {labels.map((l) => (
            <option key={l.key} value={l.key}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      {label?.attributes.map((def) => (
        <AttributeField key={def.key} def={def} attributes={gold.attributes} note={gold.openAttributes.includes(def.key) ? '(open)' : undefined} onChange={(attributes) => onChange({ attributes })} />
      ))}
      <button type="button" onClick={onClose}>
        Done
      </button>
    </section>
  );
}
