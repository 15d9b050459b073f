import type { LabelDef, RelationTypeDef } from '@mbw/shared';

/** One relation type: which labels' spans it links from and to. */
export function RelationTypeEditor({ type, labels, onChange, onRemove }: {
  type: RelationTypeDef;
  labels: LabelDef[];
  onChange: (type: RelationTypeDef) => void;
  onRemove: () => void;
}) {
  const toggle = (end: 'from' | 'to', key: string, on: boolean) =>
    onChange({ ...type, [end]: on ? [...type[end], key] : type[end].filter((k) => k !== key) });
  return (
    <fieldset className="card relation-editor" aria-label={`Relation type ${type.name || type.key}`}>
      <legend>{type.name || type.key}</legend>
      <div className="row">
        <label>
          Name
          <input value={type.name} onChange={(e) => onChange({ ...type, name: e.target.value })} required />
        </label>
        <label>
          Key
          <input value={type.key} onChange={(e) => onChange({ ...type, key: e.target.value })} required pattern="[a-z][a-z0-9_]{0,49}" />
        </label>
      </div>
      {(['from', 'to'] as const).map((end) => (
        <div key={end} role="group" aria-label={`${type.name || type.key} ${end}`} className="checks">
          <span className="muted small">{end === 'from' ? 'From' : 'To'}</span>
          {labels.map((l) => (
            <label key={l.key} className="check">
              <input type="checkbox" checked={type[end].includes(l.key)} onChange={(e) => toggle(end, l.key, e.target.checked)} /> {l.name}
            </label>
          ))}
        </div>
      ))}
      <button type="button" className="small danger" onClick={onRemove}>
        Remove relation type
      </button>
    </fieldset>
  );
}
