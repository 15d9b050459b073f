/**
 * What the transaction runner (server/src/db/tx.ts) promises, on either
 * engine: commit, rollback on a throw, nested calls as savepoints, and
 * read-then-write transactions on one thing taking turns.
 */
import { expect } from 'vitest';
import type { TxRunner } from '../../../server/src/db/tx.js';

/** How a scenario reads and writes a number kept in the database (per engine). */
export interface Counter<Tx> {
  read(tx: Tx): Promise<number>;
  write(tx: Tx, n: number): Promise<void>;
  /** Outside any transaction. */
  current(): Promise<number>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function commitsAndRollsBack<Tx>(runner: TxRunner<Tx>, c: Counter<Tx>) {
  await runner.transaction((tx) => c.write(tx, 10));
  expect(await c.current()).toBe(10);
  const failed = runner.transaction(async (tx) => {
    await c.write(tx, 11);
    await pause(5);
    throw new Error('refused');
  });
  await expect(failed).rejects.toThrow('refused');
  expect(await c.current()).toBe(10);
}

export async function nestsAsSavepoints<Tx>(runner: TxRunner<Tx>, c: Counter<Tx>) {
  await runner.transaction(async (tx) => {
    await c.write(tx, 20);
    await expect(
      runner.transaction(async (inner) => {
        await c.write(inner, 21);
        throw new Error('inner refused');
      }),
    ).rejects.toThrow('inner refused');
    expect(await c.read(tx)).toBe(20);
    await runner.transaction((inner) => c.write(inner, 22));
  });
  expect(await c.current()).toBe(22);
}

/** Two transactions that read, wait, and write what they read plus one: with the lock, both increments count. */
export async function takesTurns<Tx>(runner: TxRunner<Tx>, c: Counter<Tx>, { locked }: { locked: boolean }) {
  await runner.transaction((tx) => c.write(tx, 0));
  const increment = () =>
    runner.transaction(async (tx) => {
      if (locked) await runner.lock(tx, 'counter', 1);
      const n = await c.read(tx);
      await pause(30);
      await c.write(tx, n + 1);
    });
  await Promise.all([increment(), increment()]);
  return c.current();
}
