/**
 * services/audit.ts's audit(), synchronous: for the import worker's path,
 * which writes inside a better-sqlite3 transaction (services/imports.ts,
 * import-*.ts; SQLite only). An awaited audit() there would write its entry
 * after that transaction has committed, outside it. Same statement, same row.
 */
import { sql } from 'drizzle-orm';
import type { Change } from '../../services/audit.js';
import { once } from '../prepared.js';
import { auditLog } from '../schema.js';
import type { Tx } from '../tx.js';

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Records one change now, in the open transaction of `tx` (SQLite). */
export function auditSync(tx: Tx, userId: number | null, action: string, entity: string, entityId: string | number, data?: unknown, change: Change = {}): void {
  once(tx, 'audit.insertSync', () => {
    const p = (name: string) => sql`${sql.placeholder(name)}`; // raw values, as audit() writes them
    return tx
      .insert(auditLog)
      .values({ userId: p('userId'), action: p('action'), entity: p('entity'), entityId: p('entityId'), data: p('data'), before: p('before'), after: p('after'), articleId: p('articleId'), projectId: p('projectId') })
      .prepare();
  }).run({
    userId,
    action,
    entity,
    entityId: String(entityId),
    data: json(data),
    before: json(change.before),
    after: json(change.after),
    articleId: change.articleId ?? null,
    projectId: change.projectId ?? null,
  });
}
