/**
 * Group commit (db/tx.ts `groupCommit`, issue 13): the writes queued in one
 * turn of the event loop share one transaction, each in its own savepoint, and
 * are answered after its COMMIT.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/src/db/client.js';
import { groupCommit, transaction } from '../../../server/src/db/tx.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function scene() {
  const dir = mkdtempSync(join(tmpdir(), 'mbw-batched-'));
  dirs.push(dir);
  const { db, sqlite } = openDatabase(join(dir, 'db.sqlite'));
  sqlite.exec('CREATE TABLE t (x INTEGER NOT NULL)');
  const other = new Database(join(dir, 'db.sqlite'), { readonly: true }); // another connection: sees commits only
  const seen = () => other.prepare('SELECT x FROM t ORDER BY x').pluck().all() as number[];
  const insert = (x: number) => transaction(db, async () => void sqlite.prepare('INSERT INTO t (x) VALUES (?)').run(x));
  return { db, sqlite, other, seen, insert };
}

describe('grouped writes', () => {
  it('run in one transaction in the order they came; a refused one rolls back alone; each answered after the COMMIT', async () => {
    const { db, sqlite, other, seen, insert } = scene();
    const seenInside: number[][] = [];
    const a = groupCommit(db, async () => (await insert(1), seenInside.push(seen()), 'a'));
    const b = groupCommit(db, async () => {
      await insert(2);
      throw new Error('refused');
    });
    const c = groupCommit(db, async () => (await insert(3), seenInside.push(seen()), 'c'));
    expect(seen()).toEqual([]); // queued, not run yet
    await expect(a).resolves.toBe('a');
    expect(seen()).toEqual([1, 3]); // committed before the first answer
    await expect(b).rejects.toThrow('refused');
    await expect(c).resolves.toBe('c');
    expect(seenInside).toEqual([[], []]); // the third ran before anything was committed: one transaction
    expect(sqlite.inTransaction).toBe(false);
    other.close();
    sqlite.close();
  });

  it('a later turn of the event loop gets a transaction of its own', async () => {
    const { db, sqlite, other, seen, insert } = scene();
    await groupCommit(db, () => insert(1));
    const inside = await groupCommit(db, async () => (await insert(2), seen()));
    expect(inside).toEqual([1]); // the first turn's write was committed on its own
    expect(seen()).toEqual([1, 2]);
    other.close();
    sqlite.close();
  });
});
