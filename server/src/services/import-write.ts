/**
 * The import's writes of one article's work (assignments, spans, links) and
 * of the annotator accounts it needs. On SQLite the work goes through
 * better-sqlite3 statements prepared once per connection (issue 13: building
 * a drizzle insert per span cost more than SQLite's own work); PostgreSQL's
 * twin is db/pg/importWrite.ts (a few multi-row inserts per batch). Every
 * call runs inside the import's transaction.
 */
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ImportAnnotator, User } from '@mbw/shared';
import { users } from '../db/tables.js';
import { first } from '../db/tx.js';
import { audit, nowIso, type Tx } from './audit.js';
import { LOCKED } from './import-annotators.js';
import type { ArticleWrite } from './import-check.js';
import { conflict } from '../http/errors.js';
import { lineErrors } from './import-lines.js';

interface Statements {
  assignment: Database.Statement;
  span: Database.Statement;
  link: Database.Statement;
}

const prepared = new WeakMap<Database.Database, Statements>();

/**
 * Span ids that sort in the order they are made (UUID version 7 layout:
 * 48-bit time in ms, then a counter, then random bits chosen once per run):
 * the primary key index of `annotations` (text) is then filled by appending
 * at one place instead of inserting at random places (randomUUID), which
 * cost the import most of SQLite's work on spans. Unique: a run is its start
 * millisecond plus 46 random bits, and the counter never repeats within a
 * run (a new run starts before it would wrap). Clients may send ids of their
 * own (any text up to 64 characters); these only need to be unique.
 */
export function timeOrderedIds(): () => string {
  let front = '';
  let variant = '';
  let tail = '';
  let n = COUNTER_END;
  return () => {
    if (n >= COUNTER_END) {
      const ms = Date.now().toString(16).padStart(12, '0').slice(-12);
      const r = randomBytes(6).toString('hex');
      front = `${ms.slice(0, 8)}-${ms.slice(8)}-7`;
      variant = ((parseInt(r[0]!, 16) & 3) | 8).toString(16); // 10xx: two random bits
      tail = r.slice(1);
      n = 0;
    }
    const c = (n++).toString(16).padStart(7, '0');
    return `${front}${c.slice(0, 3)}-${variant}${c.slice(3, 6)}-${c[6]}${tail}`;
  };
}

/** 28 bits of counter per run. */
const COUNTER_END = 0x10000000;

/** The import's span ids (both engines: PostgreSQL lists spans in the order of their ids). */
export const nextSpanId = timeOrderedIds();

/** The connection under a drizzle database or transaction. */
const clientOf = (tx: Tx): Database.Database => (tx as unknown as { session: { client: Database.Database } }).session.client;

function statements(tx: Tx): Statements {
  const client = clientOf(tx);
  let s = prepared.get(client);
  if (!s) {
    s = {
      assignment: client.prepare('INSERT INTO assignments (article_id, annotator_id, status, submitted_at) VALUES (?, ?, ?, ?)'),
      span: client.prepare(
        'INSERT INTO annotations (id, article_id, annotator_id, label_key, start, "end", quote, attributes, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      link: client.prepare('INSERT INTO relations (from_id, to_id, type) VALUES (?, ?, ?)'),
    };
    prepared.set(client, s);
  }
  return s;
}

/**
 * One article's work: an assignment per account (its one status: draft work
 * stays in progress), the spans with new ids (stored ids are unique across
 * the database) and the links between them.
 */
export function writeWork(tx: Tx, a: Pick<ArticleWrite, 'line' | 'work' | 'spans' | 'relations'>, articleId: number, accounts: Map<string, number>) {
  const status = workStatuses(a, accounts);
  const now = nowIso();
  const st = statements(tx);
  for (const [annotatorId, s] of status) st.assignment.run(articleId, annotatorId, s, s === 'submitted' ? now : null);
  const newId = new Map<string, string>();
  for (const s of a.spans) {
    const id = nextSpanId();
    newId.set(s.id, id);
    st.span.run(id, articleId, accounts.get(s.annotator)!, s.label, s.start, s.end, s.quote, s.attributes, s.note, now, now);
  }
  for (const r of a.relations) st.link.run(newId.get(r.from)!, newId.get(r.to)!, r.type);
}

/** Each account's one assignment status on an article (draft work stays in progress); two names mapped to one account must agree. */
export function workStatuses(a: Pick<ArticleWrite, 'line' | 'work'>, accounts: Map<string, number>): Map<number, 'in_progress' | 'submitted'> {
  const status = new Map<number, 'in_progress' | 'submitted'>();
  for (const w of a.work) {
    const id = accounts.get(w.annotator)!;
    const s = w.status === 'draft' ? 'in_progress' : 'submitted';
    if (status.has(id) && status.get(id) !== s)
      throw lineErrors([{ line: a.line, message: `annotatorMap: two names mapped to one account have work in different statuses on this document` }]);
    status.set(id, s);
  }
  return status;
}

/** Creates the new locked accounts the kept articles need; answers every name's account id. */
export async function createAccounts(tx: Tx, actor: User | null, planned: ImportAnnotator[], create: Set<string>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const a of planned) {
    if (a.account === null) continue;
    if (a.action === 'create' && create.has(a.account)) {
      // PostgreSQL: another process may have made the account since the plan read the usernames (SQLite has one writer)
      const u = await first(tx.insert(users).values({ username: a.account, displayName: a.account, role: 'annotator', passwordHash: LOCKED }).onConflictDoNothing({ target: users.username }).returning());
      if (!u) throw conflict(`The account "${a.account}" was made while the import ran; nothing was imported: import again.`, { field: `annotator.${a.name}` });
      await audit(tx, actor?.id ?? null, 'create', 'user', u.id, { username: u.username, via: 'import', nameInFile: a.name }, { after: { id: u.id, username: u.username, role: 'annotator' } });
      ids.set(a.name, u.id);
    } else if (a.action === 'map') {
      const u = (await first(tx.select({ id: users.id }).from(users).where(eq(users.username, a.account))))!;
      ids.set(a.name, u.id);
    }
  }
  return ids;
}
