import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/src/db/client.js';
import { projects } from '../../../server/src/db/schema.js';
import { sqliteTransactions } from '../../../server/src/db/tx.js';
import { commitsAndRollsBack, nestsAsSavepoints, takesTurns, type Counter } from './txScenarios.js';

function setup() {
  const { db } = openDatabase(':memory:');
  const id = db.insert(projects).values({ name: 'counter', description: '0' }).returning().get().id;
  const counter: Counter<Db> = {
    read: async (tx) => Number((await tx.select().from(projects).where(eq(projects.id, id)))[0]!.description),
    write: async (tx, n) => void (await tx.update(projects).set({ description: String(n) }).where(eq(projects.id, id))),
    current: async () => Number(db.select().from(projects).where(eq(projects.id, id)).get()!.description),
  };
  return { db, runner: sqliteTransactions(db), counter };
}

describe('transaction runner on SQLite', () => {
  it('commits, and rolls back a function that throws after an await', async () => {
    const { runner, counter } = setup();
    await commitsAndRollsBack(runner, counter);
  });

  it('runs a transaction inside another as a savepoint', async () => {
    const { runner, counter } = setup();
    await nestsAsSavepoints(runner, counter);
  });

  it('runs transactions that await one at a time, so read-then-write loses nothing', async () => {
    const { runner, counter } = setup();
    expect(await takesTurns(runner, counter, { locked: false })).toBe(2);
  });

  it("nests better-sqlite3's synchronous transactions (today's services) inside, as savepoints", async () => {
    const { db, runner, counter } = setup();
    await runner.transaction(async (tx) => {
      await counter.write(tx, 5);
      expect(() =>
        db.transaction((inner) => {
          inner.update(projects).set({ description: '6' }).run();
          throw new Error('sync refused');
        }),
      ).toThrow('sync refused');
      expect(await counter.read(tx)).toBe(5);
    });
    expect(await counter.current()).toBe(5);
  });
});
