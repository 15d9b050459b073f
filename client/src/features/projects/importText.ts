import type { ImportConf, ImportFormat, ImportResult } from '@mbw/shared';

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
    r.conf ? describeConf(r.conf, r.dryRun) : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/** How the file's declared scheme (brat's annotation.conf) was used, in words. */
export function describeConf(c: ImportConf, dryRun: boolean): string {
  const parts = [
    c.relationTypes.length ? `${dryRun ? 'would take' : 'took'} link ${c.relationTypes.length === 1 ? 'type' : 'types'} ${c.relationTypes.join(', ')}` : '',
    c.declaredUnused.length ? `${plural(c.declaredUnused.length, 'declared type')} no span uses (not created): ${c.declaredUnused.join(', ')}` : '',
    c.conflicts.length ? `${plural(c.conflicts.length, 'span')} not as declared (kept)` : '',
  ].filter(Boolean);
  return `read ${c.where}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
