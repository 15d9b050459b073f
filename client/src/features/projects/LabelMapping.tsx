import type { ImportLabel, LabelDef } from '@mbw/shared';
import { chosen, MappingTable } from './MappingTable';

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
  const rows = labels.map((l) => ({
    name: l.name,
    spans: l.spans,
    notes: l.action === 'unknown' && !chosen(mapping, l.name) && <div className="error">not a label of this project: choose one</div>,
    fallback: planned(l),
    options: projectLabels.filter((p) => !(l.action === 'existing' && p.key === l.key)).map((p) => ({ value: p.key, label: p.name })),
  }));
  return (
    <MappingTable
      caption="Labels in the file"
      nameHeader="Label in the file"
      targetHeader="Its spans go to"
      selectLabel={(name) => `Project label for ${name}`}
      rows={rows}
      mapping={mapping}
      onChange={onChange}
      disabled={disabled}
    />
  );
}

const planned = (l: ImportLabel) =>
  l.action === 'create' ? `New label (key ${l.key})` : l.action === 'unknown' ? 'Choose a label…' : `Same label (${l.key})`;
