import type { ImportLabel, LabelDef } from '@mbw/shared';

/**
 * The label step of an import: each label the file names goes to the
 * project label of the same key, to a label chosen here, or (left as it is)
 * becomes a new label of the project with the name as written and the key
 * shown. A label the workbench's own JSONL names that the project lacks
 * must be mapped.
 */
export function LabelMapping({
  labels,
  projectLabels,
  mapping,
  onChange,
  disabled,
}: {
  labels: ImportLabel[];
  projectLabels: LabelDef[];
  /** Label in the file → chosen project key; '' or missing: as the dry run planned. */
  mapping: Record<string, string>;
  onChange: (name: string, key: string) => void;
  disabled: boolean;
}) {
  if (!labels.length) return null;
  return (
    <table className="import-mapping">
      <caption>Labels in the file</caption>
      <thead>
        <tr>
          <th scope="col">Label in the file</th>
          <th scope="col" className="num">
            Spans
          </th>
          <th scope="col">Its spans go to</th>
        </tr>
      </thead>
      <tbody>
        {labels.map((l) => (
          <tr key={l.name}>
            <td>
              <code>{l.name}</code>
              {l.action === 'unknown' && !own(mapping, l.name) && <div className="error">not a label of this project: choose one</div>}
            </td>
            <td className="num">{l.spans}</td>
            <td>
              <select aria-label={`Project label for ${l.name}`} value={own(mapping, l.name) ?? ''} disabled={disabled} onChange={(e) => onChange(l.name, e.target.value)}>
                <option value="">{planned(l)}</option>
                {projectLabels
                  .filter((p) => !(l.action === 'existing' && p.key === l.key))
                  .map((p) => (
                    <option key={p.key} value={p.key}>
                      {p.name}
                    </option>
                  ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const planned = (l: ImportLabel) =>
  l.action === 'create' ? `New label (key ${l.key})` : l.action === 'unknown' ? 'Choose a label…' : `Same label (${l.key})`;

/** The chosen key for a label, own keys only (a label may be named "constructor"). */
const own = (mapping: Record<string, string>, name: string) => (Object.hasOwn(mapping, name) && mapping[name] ? mapping[name] : undefined);
