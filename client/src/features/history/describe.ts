/**
 * How the History page words an audit entry and shows its values: what was
 * done, and the fields that differ between before and after.
 */
import type { Entry } from './historyHooks';

const PHRASES: Record<string, string> = {
  'create annotation': 'added a span',
  'update annotation': 'changed a span',
  'delete annotation': 'deleted a span',
  'restore annotation': 'restored a span',
  'create relation': 'linked two spans',
  'delete relation': 'removed a link',
  'create gold': 'added a gold span',
  'update gold': 'changed a gold span',
  'delete gold': 'deleted a gold span',
  'restore gold': 'restored a gold span',
  'link gold': 'linked two gold spans',
  'unlink gold': 'removed a gold link',
  'merge curation': 'pre-merged the spans into gold',
  'reject curation': 'rejected spans',
  'reject suggestion': 'rejected a suggestion',
  'resolve curation': 'resolved a conflict',
  'complete curation': 'completed the curation',
  'undo curation': 'undid a curation decision',
  'submit assignment': 'submitted the article',
  'reopen assignment': 'reopened the article',
  'flag assignment': 'flagged the article',
  'clear_flag assignment': 'cleared a flag',
  'update article': 'edited the article’s details',
  'archive article': 'archived the article',
  'restore article': 'restored the article',
  'delete article': 'replaced the article on import',
};

export const describeEntry = (e: Entry) => PHRASES[`${e.action} ${e.entity}`] ?? `${e.action.replace(/_/g, ' ')} ${e.entity}`;

/** Fields that identify rather than describe: left out of the comparison. */
const HIDDEN = new Set(['id', 'articleId', 'annotatorId', 'version', 'sources']);

const LABELS: Record<string, string> = {
  label: 'Label',
  start: 'Start',
  end: 'End',
  quote: 'Text',
  attributes: 'Attributes',
  note: 'Note',
  links: 'Links',
  openAttributes: 'Open attributes',
  decision: 'Decision',
  annotators: 'Annotators',
  from: 'From span',
  to: 'To span',
  type: 'Type',
  gold: 'Gold spans',
  rejections: 'Rejections',
  status: 'Status',
  archivedAt: 'Archived',
  title: 'Title',
  source: 'Outlet',
  story: 'Story',
  submittedAt: 'Submitted',
};

/** Span id → `label “quote”`, from every entry that shows a span: links then name their spans, not ids. */
export type SpanNames = Map<string, string>;

export function spanNames(entries: Entry[]): SpanNames {
  const names: SpanNames = new Map();
  for (const e of entries)
    for (const s of [e.before, e.after] as Array<{ id?: unknown; label?: unknown; quote?: unknown } | null>)
      if (s && typeof s.id === 'string' && typeof s.label === 'string' && typeof s.quote === 'string')
        names.set(s.id, `${e.entity === 'gold' ? 'gold ' : ''}${s.label} “${s.quote.length > 40 ? `${s.quote.slice(0, 39)}…` : s.quote}”`);
  return names;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const short = (id: string, names: SpanNames) => (UUID.test(id) ? (names.get(id) ?? `span ${id.slice(0, 8)}`) : id);

/** One value as text: objects as `key: value` pairs, lists of things by their count. */
function showValue(v: unknown, names: SpanNames): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return v.length ? v.join(', ') : '—';
    if (v.every((x) => x && typeof x === 'object' && 'type' in x && 'from' in x))
      return v.length ? v.map((l: { type: string; from: string; to: string }) => `${l.type}: ${short(l.from, names)} → ${short(l.to, names)}`).join('; ') : 'none';
    return `${v.length} ${v.length === 1 ? 'item' : 'items'}`;
  }
  if (typeof v === 'object') {
    const pairs = Object.entries(v as Record<string, unknown>);
    return pairs.length ? pairs.map(([k, x]) => `${k}: ${typeof x === 'object' ? showValue(x, names) : String(x)}`).join(', ') : '—';
  }
  if (typeof v === 'string') return short(v, names);
  return String(v);
}

export interface DiffRow {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

/** The rows to show: every field of a created or deleted thing, the changed ones of a change. */
export function diffRows(before: unknown, after: unknown, names: SpanNames = new Map()): DiffRow[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const both = before !== null && after !== null;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !HIDDEN.has(k));
  return fields
    .map((k) => ({ field: LABELS[k] ?? k, before: before === null ? '' : showValue(b[k], names), after: after === null ? '' : showValue(a[k], names), changed: JSON.stringify(b[k]) !== JSON.stringify(a[k]) }))
    .filter((r) => !both || r.changed);
}
