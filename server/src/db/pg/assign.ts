/** services/assign.ts's SQL on PostgreSQL: the twin of db/sqlite/assign.ts. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { auditLog } from '../tables.js';
import type { Tx } from '../tx.js';

/** The `submit` entries of the audit log by these annotators, oldest first: who, when, and the article (from the entry's data). */
export async function submitEntries(tx: Tx, annotatorIds: number[]): Promise<Array<{ userId: number | null; at: string; articleId: number }>> {
  return tx
    .select({ userId: auditLog.userId, at: auditLog.at, articleId: sql<number>`(${auditLog.data}->>'articleId')::int` })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'submit'), inArray(auditLog.userId, annotatorIds)))
    .orderBy(asc(auditLog.id));
}
