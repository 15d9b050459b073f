/**
 * Links read synchronously, for the export's reader (services/exportDocs.ts),
 * which yields one article at a time as a stream pulls it (SQLite only).
 */
import type { Relation } from '@mbw/shared';
import { linksOfArticle } from '../../services/relations.js';
import type { Db } from '../client.js';

/** services/relations.ts's relationsAmong, synchronous: the links of an article whose source span is among `visible`. */
export function relationsAmongSync(db: Db, articleId: number, visible: ReadonlyArray<{ id: string }>): Relation[] {
  if (visible.length === 0) return [];
  const ids = new Set(visible.map((a) => a.id));
  return linksOfArticle(db)
    .all({ articleId })
    .filter((r) => ids.has(r.from)) as Relation[];
}
