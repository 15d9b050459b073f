import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PgDb } from '../../server/src/db/pg/client.js';
import { projects } from '../../server/src/db/pg/schema.js';
import { pgTransactions, type PgTx } from '../../server/src/db/tx.js';
import { commitsAndRollsBack, nestsAsSavepoints, takesTurns, type Counter } from '../unit/db/txScenarios.js';
import { freshDatabase, pgTitle, TEST_DATABASE_URL } from './fresh.js';

describe.skipIf(!TEST_DATABASE_URL)(pgTitle('transaction runner'), () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let db: PgDb;
  let end: () => Promise<void>;
  let counter: Counter<PgTx>;
  beforeAll(async () => {
    fresh = await freshDatabase();
    const opened = await openPostgres(fresh.url, { max: 4 });
    db = opened.db;
    end = () => opened.pool.end();
    const [row] = await db.insert(projects).values({ name: 'counter', description: '0' }).returning();
    const where = eq(projects.id, row!.id);
    counter = {
      read: async (tx) => Number((await tx.select().from(projects).where(where))[0]!.description),
      write: async (tx, n) => void (await tx.update(projects).set({ description: String(n) }).where(where)),
      current: async () => Number((await db.select().from(projects).where(where))[0]!.description),
    };
  });
  afterAll(async () => {
    await end?.();
    await fresh?.drop();
  });

  it('commits, and rolls back a function that throws after an await', () => commitsAndRollsBack(pgTransactions(db), counter));

  it('runs a transaction inside another as a savepoint', () => nestsAsSavepoints(pgTransactions(db), counter));

  it('read-then-write loses an update at READ COMMITTED unless both lock the thing they decide on', async () => {
    expect(await takesTurns(pgTransactions(db), counter, { locked: false })).toBe(1);
    expect(await takesTurns(pgTransactions(db), counter, { locked: true })).toBe(2);
  });
});
