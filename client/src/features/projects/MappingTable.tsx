import type { ReactNode } from 'react';

/** One name a file uses, as a row of a mapping step. */
export interface MappingRow {
  name: string;
  spans: number;
  /** Hints and problems shown under the name. */
  notes?: ReactNode;
  /** The first option (value ''): what happens when nothing is chosen. */
  fallback: string;
  options: Array<{ value: string; label: string }>;
}

/**
 * A mapping step of an import (annotators, labels): each name the file uses,
 * its span count, and a choice of where its spans go.
 */
export function MappingTable({
  caption,
  nameHeader,
  targetHeader,
  selectLabel,
  rows,
  mapping,
  onChange,
  disabled,
}: {
  caption: string;
  nameHeader: string;
  targetHeader: string;
  /** The accessible name of a row's choice. */
  selectLabel: (name: string) => string;
  rows: MappingRow[];
  /** Name in the file → chosen value; '' or missing: the row's fallback. */
  mapping: Record<string, string>;
  onChange: (name: string, value: string) => void;
  disabled: boolean;
}) {
  if (!rows.length) return null;
  return (
    <table className="import-mapping">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{nameHeader}</th>
          <th scope="col" className="num">
            Spans
          </th>
          <th scope="col">{targetHeader}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <td>
              <code>{r.name}</code>
              {r.notes}
            </td>
            <td className="num">{r.spans}</td>
            <td>
              <select aria-label={selectLabel(r.name)} value={chosen(mapping, r.name) ?? ''} disabled={disabled} onChange={(e) => onChange(r.name, e.target.value)}>
                <option value="">{r.fallback}</option>
                {r.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
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

/** The value chosen for a name, own keys only (a name may be "constructor"); '' counts as none. */
export const chosen = (mapping: Record<string, string>, name: string) => (Object.hasOwn(mapping, name) && mapping[name] ? mapping[name] : undefined);
