import type { AttributeDef } from '@mbw/shared';

/**
 * One attribute of a span as a labelled select ("—" for no value); answers
 * the span's whole attribute object with this one set or removed.
 */
export function AttributeField({ def, attributes, note, onChange }: {
  def: AttributeDef;
  attributes: Record<string, string>;
  /** Shown after the name, e.g. "(required)" or "(open)". */
  note?: string;
  onChange: (attributes: Record<string, string>) => void;
}) {
  return (
    <label>
      {def.name}
      {note && <span className="muted"> {note}</span>}
      <select
        value={attributes[def.key] ?? ''}
        onChange={(e) => {
          const { [def.key]: _, ...rest } = attributes;
          onChange(e.target.value ? { ...rest, [def.key]: e.target.value } : rest);
        }}
      >
        <option value="">—</option>
        {def.values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.name}
          </option>
        ))}
      </select>
    </label>
  );
}
