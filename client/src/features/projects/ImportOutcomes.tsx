import type { ImportResult } from '@mbw/shared';
import { describeImport, FORMAT_NAMES } from './importText';

/** What happened to one file (or pasted text): the server's answer, or why it was refused. */
export interface FileOutcome {
  name: string;
  result?: ImportResult;
  error?: string;
  lines?: Array<{ line: number; message: string }>;
}

/** Up to ten reasons of one kind for one file, and how many more there are. */
function ReasonList({ label, items }: { label: string; items?: Array<{ where: string; reason: string }> }) {
  if (!items?.length) return null;
  return (
    <ul aria-label={label}>
      {items.slice(0, 10).map((k, i) => (
        <li key={i}>
          {k.where}: {k.reason}
        </li>
      ))}
      {items.length > 10 && <li>… and {items.length - 10} more</li>}
    </ul>
  );
}

/** The answers for each file, as a list; refusals with their bad lines. */
export function ImportOutcomes({ outcomes, label }: { outcomes: FileOutcome[]; label: string }) {
  if (!outcomes.length) return null;
  return (
    <ul className="outcomes" aria-label={label}>
      {outcomes.map((o) =>
        o.result ? (
          <li key={o.name} role="status" className={o.result.dryRun ? 'muted' : 'ok'}>
            {o.name}: {describeImport(o.result)}.
            {o.result.dryRun && o.result.format && <span className="badge">read as {FORMAT_NAMES[o.result.format]}</span>}
            <ReasonList label={`Left out of ${o.name}`} items={o.result.skippedItems} />
            <ReasonList label={`Text changed in ${o.name}`} items={o.result.changedText} />
            <ReasonList label={`Not as declared in ${o.name}`} items={o.result.conf?.conflicts} />
          </li>
        ) : (
          <li key={o.name} role="alert" className="error">
            {o.name}: {o.error}
            {o.lines && o.lines.length > 1 && (
              <ul>
                {o.lines.slice(0, 10).map((l) => (
                  <li key={l.line}>
                    Line {l.line}: {l.message}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ),
      )}
    </ul>
  );
}
