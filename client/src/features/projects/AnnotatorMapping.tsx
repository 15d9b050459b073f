import type { ImportAnnotator, User } from '@mbw/shared';
import { chosen, MappingTable } from './MappingTable';

/**
 * The mapping step of an import: each annotator named in the file goes to a
 * new locked account (the default: never to an existing account by name
 * alone) or to an existing account the supervisor picks. A name that is no
 * valid username must be mapped.
 */
export function AnnotatorMapping({
  annotators,
  users,
  mapping,
  onChange,
  disabled,
}: {
  annotators: ImportAnnotator[];
  users: User[];
  /** Name in the file → chosen username; '' or missing: a new locked account. */
  mapping: Record<string, string>;
  onChange: (name: string, username: string) => void;
  disabled: boolean;
}) {
  const options = users.map((u) => ({ value: u.username, label: `Existing: ${u.username}${u.displayName !== u.username ? ` (${u.displayName})` : ''}` }));
  const rows = annotators.map((a) => ({
    name: a.name,
    spans: a.spans,
    notes: (
      <>
        {a.existing && <div className="muted">an account “{a.name}” exists: map to it only if it is the same person</div>}
        {a.problem && !chosen(mapping, a.name) && <div className="error">Line {a.line}: {a.problem}</div>}
      </>
    ),
    fallback: a.problem ? 'Choose an account…' : `New locked account (${newName(a)})`,
    options,
  }));
  return (
    <MappingTable
      caption="Annotators in the file"
      nameHeader="Name in the file"
      targetHeader="Their work goes to"
      selectLabel={(name) => `Account for ${name}`}
      rows={rows}
      mapping={mapping}
      onChange={onChange}
      disabled={disabled}
    />
  );
}

/** The new account's name as the dry run planned it (for a name mapped in that run: the name itself). */
const newName = (a: ImportAnnotator) => (a.action === 'create' && a.account ? a.account : a.existing ? `${a.name}-import` : a.name);
