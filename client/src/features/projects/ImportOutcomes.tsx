import type { ImportFormat, ImportResult } from '@mbw/shared';

/** Each import format as people call it. */
export const FORMAT_NAMES: Record<ImportFormat, string> = {
  jsonl: 'Workbench JSONL',
  txt: 'Plain text',
  webanno: 'WebAnno TSV (INCEpTION)',
  brat: 'brat standoff',
  labelstudio: 'Label Studio JSON',
  doccano: 'doccano JSONL',
  spacy: 'Prodigy / spaCy JSONL',
  w3c: 'W3C Web Annotation',
  conll: 'CoNLL (IOB)',
};

/** What happened to one file (or pasted text): the server's answer, or why it was refused. */
export interface FileOutcome {
  name: string;
  result?: ImportResult;
  error?: string;
  lines?: Array<{ line: number; message: string }>;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One sentence for an import's answer: what was (or would be) imported, skipped, replaced, created, mapped. */
export function describeImport(r: ImportResult): string {
  const skippedLines = r.duplicates.filter((d) => d.action === 'skipped').map((d) => d.line);
  const removed = r.duplicates.reduce((n, d) => n + (d.removed?.spans ?? 0), 0);
  const parts = [
    `${r.dryRun ? 'would import' : 'imported'} ${plural(r.articles, 'article')}` + (r.spans ? `, ${plural(r.spans, 'span')}` : '') + (r.relations ? `, ${plural(r.relations, 'link')}` : ''),
    r.skipped ? `${r.dryRun ? 'would skip' : 'skipped'} ${plural(r.skipped, 'duplicate')} (${skippedLines.length === 1 ? 'line' : 'lines'} ${skippedLines.join(', ')})` : '',
    r.replaced ? `${r.dryRun ? 'would replace' : 'replaced'} ${plural(r.replaced, 'article')} (removing ${plural(removed, 'span')} of their work)` : '',
    r.createdAnnotators.length ? `${r.dryRun ? 'would create' : 'new'} locked ${r.createdAnnotators.length === 1 ? 'account' : 'accounts'}: ${r.createdAnnotators.join(', ')}` : '',
    Object.keys(r.mapped).length ? `mapped: ${Object.entries(r.mapped).map(([from, to]) => `${from} → ${to}`).join(', ')}` : '',
    r.skippedItems?.length ? `${r.dryRun ? 'would leave out' : 'left out'} ${plural(r.skippedItems.length, 'item')} the workbench cannot hold` : '',
    r.changedText?.length ? `${r.dryRun ? 'would make' : 'made'} ${plural(r.changedText.length, 'text')} Unicode NFC` : '',
  ];
  return parts.filter(Boolean).join('; ');
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
            {!!o.result.skippedItems?.length && (
              <ul aria-label={`Left out of ${o.name}`}>
                {o.result.skippedItems.slice(0, 10).map((k, i) => (
                  <li key={i}>
                    {k.where}: {k.reason}
                  </li>
                ))}
                {o.result.skippedItems.length > 10 && <li>… and {o.result.skippedItems.length - 10} more</li>}
              </ul>
            )}
            {!!o.result.changedText?.length && (
              <ul aria-label={`Text changed in ${o.name}`}>
                {o.result.changedText.slice(0, 10).map((k, i) => (
                  <li key={i}>
                    {k.where}: {k.reason}
                  </li>
                ))}
                {o.result.changedText.length > 10 && <li>… and {o.result.changedText.length - 10} more</li>}
              </ul>
            )}
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
