import type { ImportAnnotator, User } from '@mbw/shared';

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
  if (!annotators.length) return null;
  return (
    <table className="import-mapping">
      <caption>Annotators in the file</caption>
      <thead>
        <tr>
          <th scope="col">Name in the file</th>
          <th scope="col" className="num">
            Spans
          </th>
          <th scope="col">Their work goes to</th>
        </tr>
      </thead>
      <tbody>
        {annotators.map((a) => (
          <tr key={a.name}>
            <td>
              <code>{a.name}</code>
              {a.existing && <div className="muted">an account “{a.name}” exists: map to it only if it is the same person</div>}
              {a.problem && !own(mapping, a.name) && <div className="error">Line {a.line}: {a.problem}</div>}
            </td>
            <td className="num">{a.spans}</td>
            <td>
              <select aria-label={`Account for ${a.name}`} value={own(mapping, a.name) ?? ''} disabled={disabled} onChange={(e) => onChange(a.name, e.target.value)}>
                {a.problem ? <option value="">Choose an account…</option> : <option value="">New locked account ({newName(a)})</option>}
                {users.map((u) => (
                  <option key={u.id} value={u.username}>
                    Existing: {u.username}
                    {u.displayName !== u.username ? ` (${u.displayName})` : ''}
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

/** The new account's name as the dry run planned it (for a name mapped in that run: the name itself). */
const newName = (a: ImportAnnotator) => (a.action === 'create' && a.account ? a.account : a.existing ? `${a.name}-import` : a.name);

/** The chosen username for a name, looking at own keys only (a name may be "constructor"). */
const own = (mapping: Record<string, string>, name: string) => (Object.hasOwn(mapping, name) ? mapping[name] : undefined);
