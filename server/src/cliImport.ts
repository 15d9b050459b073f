import type { ImportResult } from '@mbw/shared';

/** The import command's flags and the query fields they set (as the HTTP import's query). */
export const IMPORT_FLAGS = {
  format: { type: 'string' },
  'on-duplicate': { type: 'string' },
  map: { type: 'string' },
  'label-map': { type: 'string' },
  discontinuous: { type: 'string' },
  layer: { type: 'string' },
  feature: { type: 'string' },
  columns: { type: 'string' },
} as const;
export const IMPORT_FLAG_FIELDS = { format: 'format', 'on-duplicate': 'onDuplicate', map: 'annotatorMap', 'label-map': 'labelMap', discontinuous: 'discontinuous', layer: 'layer', feature: 'feature', columns: 'columns' } as const;

/** One line for a file's import: what was (or would be) imported, skipped, replaced, created, mapped, left out. */
export function describeImport(r: ImportResult): string {
  const skipped = r.duplicates.filter((d) => d.action === 'skipped').map((d) => d.line);
  return [
    `${r.dryRun ? 'would import ' : ''}${r.articles} articles, ${r.spans} spans, ${r.relations} links`,
    r.skipped ? `skipped ${r.skipped} duplicates (lines ${skipped.join(', ')})` : '',
    r.replaced ? `replaced ${r.replaced}` : '',
    r.createdAnnotators.length ? `new locked accounts: ${r.createdAnnotators.join(', ')}` : '',
    Object.keys(r.mapped).length ? `mapped: ${Object.entries(r.mapped).map(([k, v]) => `${k} → ${v}`).join(', ')}` : '',
    r.format ? `format ${r.format}` : '',
    r.labels?.some((l) => l.action === 'create') ? `new labels: ${r.labels.filter((l) => l.action === 'create').map((l) => `${l.name} (${l.key})`).join(', ')}` : '',
    r.skippedItems?.length ? `not imported: ${r.skippedItems.map((k) => `${k.where}: ${k.reason}`).join('; ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
