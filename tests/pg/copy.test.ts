/**
 * `npm run cli -- copy --from sqlite:FILE --to postgres://…` moves the sample
 * project with its demo annotations, plus a row in every other table, into
 * PostgreSQL: every row equal field by field (ids, booleans, JSON, epoch
 * milliseconds, timestamps), every count printed and equal, the id sequences
 * past the copied ids; a non-empty target is refused unless --force. Copied
 * back into a new SQLite file, every row is the original's.
 */
import { asc, getTableColumns, is } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/src/db/client.js';
import { copyDatabase } from '../../server/src/db/copy.js';
import { openPostgres } from '../../server/src/db/pg/client.js';
import * as pg from '../../server/src/db/pg/schema.js';
import * as lite from '../../server/src/db/schema.js';
import { seedSampleProjectIfEmpty } from '../../server/src/services/seed.js';
import { ensureAdmin } from '../../server/src/services/users.js';
import { cli } from '../cli/run.js';
import { freshDatabase, pgTitle, TEST_DATABASE_URL } from './fresh.js';

let dir: string;
let file: string;

/** A row in each table the sample project leaves empty, with the awkward values: JSON in key order, null JSON, true, epoch ms past int4. */
function fillEveryTable(db: Db) {
  const user = db.select().from(lite.users).orderBy(asc(lite.users.id)).all()[0]!;
  const article = db.select().from(lite.articles).all()[0]!;
  const [span, other] = db.select().from(lite.annotations).all();
  const assignment = db.select().from(lite.assignments).all()[0]!;
  const now = new Date().toISOString();
  db.insert(lite.sessions).values({ tokenHash: 'f'.repeat(64), userId: user.id, expiresAt: now }).run();
  db.insert(lite.loginThrottle).values({ key: 'ip:127.0.0.1', failures: 3, blockedUntil: Date.now() + 60_000, updatedAt: Date.now() }).run();
  db.insert(lite.projectMembers).values({ projectId: article.projectId, userId: user.id, role: 'supervisor' }).run();
  db.insert(lite.idempotencyKeys).values({ userId: user.id, key: 'k1', requestHash: 'h', status: 201, contentType: 'application/json', body: '{"id":1}' }).run();
  db.insert(lite.goldSpans)
    .values({ id: 'gold-1', articleId: article.id, labelKey: span!.labelKey, start: span!.start, end: span!.end, quote: span!.quote, attributes: { z: '1', a: '2' }, openAttributes: [], decision: 'merged', sources: [span!.id], annotators: ['demo-anna'], curatorId: user.id, decidedAt: now })
    .run();
  db.insert(lite.goldSpans)
    .values({ id: 'gold-2', articleId: article.id, labelKey: other!.labelKey, start: other!.start, end: other!.end, quote: other!.quote, attributes: {}, openAttributes: ['stance'], decision: 'added', sources: [], annotators: [], curatorId: null, decidedAt: now })
    .run();
  db.insert(lite.goldRelations).values({ fromId: 'gold-1', toId: 'gold-2', type: 'attribution' }).run();
  db.insert(lite.rejections).values({ annotationId: other!.id, articleId: article.id, reason: 'not a claim — „zu weit“', curatorId: user.id, decidedAt: now }).run();
  db.insert(lite.curation).values({ articleId: article.id, status: 'curated', curatorId: user.id, updatedAt: now }).run();
  db.insert(lite.curationHistory).values({ articleId: article.id, snapshot: { gold: [], rejected: [{ spanId: other!.id, reason: 'x' }] } }).run();
  db.insert(lite.assignmentEvents).values({ assignmentId: assignment.id, event: 'reopened', comment: 'bitte prüfen', actorId: user.id }).run();
  db.insert(lite.suggestionDecisions).values({ articleId: article.id, userId: user.id, suggester: 'lexicon', label: span!.labelKey, start: 0, end: 4, decision: 'accepted', spanId: span!.id }).run();
  db.insert(lite.auditLog).values({ userId: null, action: 'test', entity: 'nothing', entityId: '0', data: null }).run();
  db.insert(lite.jobs).values({ id: '00000000-0000-4000-8000-000000000001', kind: 'merge', userId: user.id, projectId: article.projectId, state: 'done', done: 1, total: 1, result: '{"articles":1}', cancelRequested: true, owner: 'p1', heartbeatAt: now, finishedAt: now }).run();
}

type AnyTable = PgTable | SQLiteTable;
const tablesOf = (mod: Record<string, unknown>, kind: typeof PgTable | typeof SQLiteTable) => Object.entries(mod).filter(([, t]) => is(t, kind)) as [string, AnyTable][];

describe('copy, without a PostgreSQL server', () => {
  it('explains itself, and names a missing --to or two ends of one engine before connecting', async () => {
    const [help, missing, backwards] = await Promise.all([
      cli(['copy', '--help'], {}),
      cli(['copy', '--from', 'sqlite:x.db'], {}),
      cli(['copy', '--from', 'sqlite:a.db', '--to', 'sqlite:b.db'], {}),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run cli -- copy --from sqlite:FILE --to postgres://');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--from sqlite:FILE and --to postgres:\/\/… are both required/);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/copy goes between engines/);
  });
});

describe.skipIf(!TEST_DATABASE_URL)(pgTitle('copy --from sqlite:FILE --to postgres://…'), () => {
  let target: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mbw-copy-'));
    file = join(dir, 'workbench.db');
    target = await freshDatabase();
    const { db, sqlite } = openDatabase(file);
    await ensureAdmin(db, 'copy-admin-password');
    await seedSampleProjectIfEmpty(db);
    fillEveryTable(db);
    sqlite.close();
  });
  afterAll(async () => {
    await target?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table row for row, prints equal counts, and moves the id sequences past the copied ids', async () => {
    const run = await cli(['copy', '--from', `sqlite:${file}`, '--to', target.url], {});
    expect(run.code, run.stderr).toBe(0);
    const { db: source, sqlite } = openDatabase(file);
    const { db, pool } = await openPostgres(target.url, { max: 1 });
    try {
      const pgTables = Object.fromEntries(tablesOf(pg, PgTable));
      const liteTables = tablesOf(lite, SQLiteTable);
      expect(liteTables.length).toBe(Object.keys(pgTables).length);
      for (const [key, table] of liteTables) {
        const twin = pgTables[key] as PgTable;
        const order = pgConfig(twin).columns.filter((c) => c.primary).map((c) => c.name);
        const keys = Object.entries(getTableColumns(table)).filter(([, c]) => order.includes(c.name) || order.length === 0).map(([k]) => k);
        const sort = (rows: Record<string, unknown>[]) => rows.sort((a, b) => JSON.stringify(keys.map((k) => a[k])).localeCompare(JSON.stringify(keys.map((k) => b[k]))));
        const expected = sort(source.select().from(table as SQLiteTable).all() as Record<string, unknown>[]);
        const actual = sort((await db.select().from(twin)) as Record<string, unknown>[]);
        expect(expected.length, `${key} has rows to copy`).toBeGreaterThan(0);
        expect(actual, key).toEqual(expected);
        expect(run.stdout, key).toMatch(new RegExp(`^${pgConfig(twin).name} +${expected.length} +${expected.length}$`, 'm'));
      }
      expect(run.stdout).toMatch(/all \d+ tables have the same count on both sides/);
      const [maxId] = source.select({ id: lite.articles.id }).from(lite.articles).orderBy(asc(lite.articles.id)).all().slice(-1);
      const [added] = await db.insert(pg.articles).values({ projectId: 1, title: 'after the copy', text: 'x', textHash: 'h', length: 1 }).returning();
      expect(added!.id).toBe(maxId!.id + 1);
      expect(added!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    } finally {
      sqlite.close();
      await pool.end();
    }
  });

  it('refuses a target that holds rows, and replaces everything with --force', async () => {
    const refused = await cli(['copy', '--from', `sqlite:${file}`, '--to', target.url], {});
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the target database is not empty: users \(\d+\).*articles \(6\).*add --force/);
    const forced = await cli(['copy', '--force', '--from', file, '--to', target.url], {});
    expect(forced.code, forced.stderr).toBe(0);
    // the article added after the first copy is gone: the target is the source again
    expect(forced.stdout).toMatch(/^articles +5 +5$/m);
  });

  it('copies back from PostgreSQL into a new SQLite file row for row', async () => {
    const back = join(dir, 'back.db');
    const run = await cli(['copy', '--from', target.url, '--to', `sqlite:${back}`], {});
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^table +postgres +sqlite$/m);
    expect(run.stdout).toMatch(/^annotations +213 +213$/m);
    // and in batches of 7 rows, so every table (composite keys too) is read in several pages
    const paged = join(dir, 'paged.db');
    await copyDatabase({ engine: 'postgres', url: target.url }, { engine: 'sqlite', path: paged }, { batchSize: 7 });
    const [a, b, c] = [openDatabase(file), openDatabase(back), openDatabase(paged)];
    try {
      for (const [key, table] of tablesOf(lite, SQLiteTable)) {
        const rows = (db: Db) => (db.select().from(table as SQLiteTable).all() as Record<string, unknown>[]).map((x) => JSON.stringify(x)).sort();
        expect(rows(b.db), key).toEqual(rows(a.db));
        expect(rows(c.db), key).toEqual(rows(a.db));
      }
    } finally {
      for (const x of [a, b, c]) x.sqlite.close();
    }
    const again = await cli(['copy', '--from', target.url, '--to', `sqlite:${back}`], {});
    expect(again.stderr).toMatch(/the target database is not empty/);
  });

  it('names what is wrong with --from and --to', async () => {
    const missing = await cli(['copy', '--from', `sqlite:${join(dir, 'none.db')}`, '--to', target.url], {});
    expect(missing.stderr).toMatch(/there is no database at .*none\.db/);
    const unreachable = await cli(['copy', '--from', `sqlite:${file}`, '--to', 'postgres://nobody:secret@127.0.0.1:1/none'], {});
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/cannot open postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: connect ECONNREFUSED/);
    expect(unreachable.stderr).not.toContain('secret');
  });
});
