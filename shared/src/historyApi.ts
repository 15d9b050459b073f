/**
 * The audit history of an article (issue 11): every change with the values
 * before and after it, and the restoring of a deleted span or gold span from
 * its deletion's entry.
 */
import { z } from 'zod';

/** `GET /api/articles/:id/history?after=&limit=`: entries oldest first, `after` an entry id (the page's `next`). */
export const historyQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** One change: who, when, what, and the values before and after it (null: the thing did not exist). */
export interface HistoryEntry {
  id: number;
  at: string;
  user: { id: number; username: string; displayName: string } | null;
  /** For an annotator span: the username of the annotator whose span it is. */
  annotator: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  data: unknown;
  /** A deleted span or gold span that is gone still: `POST /api/audit/:id/restore` may bring it back. */
  restorable: boolean;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
}

/** What `POST /api/audit/:id/restore` brought back, and what it could not. */
export interface RestoreResult {
  kind: 'annotation' | 'gold';
  id: string;
  articleId: number;
  label: string;
  /** Attributes and links back, and those left out (an attribute or value the label no longer has, a link whose other span is gone or whose type the scheme no longer allows). */
  attributes: { restored: number; dropped: string[] };
  note: boolean;
  links: { restored: number; skipped: number };
}
