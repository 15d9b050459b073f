/**
 * SQL of services/assign.ts that only SQLite understands (issue 15): the
 * PostgreSQL twin has the same signature (`data->>'articleId'`).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../tx.js';
import { auditLog } from '../schema.js';

/** The `submit` entries of the audit log by these annotators, oldest first: who, when, and the article (from the entry's data). */
export async function submitEntries(tx: Tx, annotatorIds: number[]): Promise<Array<{ userId: number | null; at: string; articleId: number }>> {
  return tx
    .select({ userId: auditLog.userId, at: auditLog.at, articleId: sql<number>`json_extract(${auditLog.data}, '$.articleId')` })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'submit'), inArray(auditLog.userId, annotatorIds)))
    .orderBy(asc(auditLog.id));
}
