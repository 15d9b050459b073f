import type { Label } from '@mbw/shared';
import { AttributeField } from '../../ui/AttributeField';
import type { CurationData, GoldSpan } from './hooks';

/** Edits one gold span: label, attributes; boundaries move with the workspace's resize keys. */
export function GoldEditor({ gold, labels, data, onChange, onLink, onUnlink, onClose }: {
  gold: GoldSpan;
  labels: Label[];
  data: CurationData;
  onChange: (changes: { label?: string; attributes?: Record<string, string> }) => void;
  onLink: (to: string) => void;
  onUnlink: (linkId: number) => void;
  onClose: () => void;
}) {
  const links = data.relations.filter((r) => r.from === gold.id);
  const byId = new Map(data.gold.map((g) => [g.id, g]));
  const clip = (t: string) => (t.length > 50 ? `${t.slice(0, 49)}…` : t);
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
      <label>
        Attributes statement (gold link)
        <select value="" onChange={(e) => e.target.value && onLink(e.target.value)}>
          <option value="">Link to a gold span…</option>
          {data.gold
            .filter((g) => g.id !== gold.id && !links.some((l) => l.to === g.id))
            .map((g) => (
              <option key={g.id} value={g.id}>
                {labels.find((l) => l.key === g.label)?.name ?? g.label}: {clip(g.quote)}
              </option>
            ))}
        </select>
      </label>
      {links.length > 0 && (
        <ul className="plain" aria-label="Gold links">
          {links.map((l) => (
            <li key={l.id}>
              → {clip(byId.get(l.to)?.quote ?? l.to)}{' '}
              <button type="button" className="quiet-dark small" onClick={() => onUnlink(l.id)}>
                Unlink
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onClose}>
        Done
      </button>
    </section>
  );
}
