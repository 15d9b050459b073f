import { and, asc, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { attributeProblems, attributesForLabel, type Annotation, type LabelDef, type OffsetMap, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { once } from '../db/prepared.js';
import { rawAll, rawGet } from '../db/raw.js';
import { insertionOrder, insertSpan, spanListJson } from '../db/dialect.js';
import { groupCommit, lock, transaction } from '../db/tx.js';
import { annotations, assignments, users } from '../db/tables.js';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { isSupervisor, othersSpan, spanArticleFor, type SpanAssignment } from './access.js';
import { articleText } from './articleText.js';
import { linksBy, requireLinksAllowLabel } from './relations.js';
import { audit, nowIso, type Tx } from './audit.js';
import { spanLinks, spanState } from './auditState.js';
import { cachedSpanList } from './spanListCache.js';

type AnnotationRow = typeof annotations.$inferSelect;

const toAnnotation = (a: AnnotationRow, annotator: string): Annotation => ({
  id: a.id,
  articleId: a.articleId,
  label: a.labelKey,
  start: a.start,
  end: a.end,
  quote: a.quote,
  attributes: a.attributes,
  note: a.note,
  annotator,
  annotatorId: a.annotatorId,
  version: a.version,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

const sameAttributes = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

const fieldError = (field: string, message: string) =>
  badRequest(`Invalid body: ${field}: ${message}`, { issues: [{ path: field, message }] });

interface SpanInput {
  label: string;
  start: number;
  end: number;
  quote?: string;
  attributes: Record<string, string>;
}

/** A label as the span rules need it. */
type SpanLabel = Pick<LabelDef, 'key' | 'attributes'>;

/** The project's label of this key as the span rules need it (its attributes), read on every span write by the unique (project, key) index. */
async function spanLabel(tx: Tx, projectId: number, key: string): Promise<SpanLabel | undefined> {
  const row = await rawGet<{ attributes: string | SpanLabel['attributes'] }>(tx, 'annotations.label', 'SELECT attributes FROM labels WHERE project_id = ? AND key = ?', projectId, key);
  // as the json column reads: JSON text on SQLite, already parsed on PostgreSQL
  return row && { key, attributes: typeof row.attributes === 'string' ? (JSON.parse(row.attributes) as SpanLabel['attributes']) : row.attributes };
}

/** The keys of the project's labels in order: only for the answer naming them when a span names another. */
const labelKeys = async (tx: Tx, projectId: number): Promise<string[]> =>
  (await rawAll<{ key: string }>(tx, 'annotations.labelKeys', 'SELECT key FROM labels WHERE project_id = ? ORDER BY position', projectId)).map((r) => r.key);

/** Applies the span rules with the project's label `s.label` names (`spanLabel()`); returns the quote the span covers. */
async function checkSpan(tx: Tx, projectId: number, map: OffsetMap, label: SpanLabel | undefined, s: SpanInput): Promise<string> {
  if (!label) throw fieldError('label', `"${s.label}" is not a label of this project (${(await labelKeys(tx, projectId)).join(', ')})`);
  if (s.end > map.codePointLength) throw fieldError('end', `must be at most the text length, ${map.codePointLength}`);
  if (s.start >= s.end) throw fieldError('start', 'must be less than end (a span may not be empty)');
  const quote = map.slice(s.start, s.end);
  if (s.quote !== undefined && s.quote !== quote)
    throw fieldError('quote', `does not match the text at [${s.start}, ${s.end}), which reads ${JSON.stringify(quote)}`);
  const problems = attributeProblems(label, s.attributes);
  if (problems.length) throw fieldError(`attributes.${problems[0]![0]}`, problems[0]![1]);
  return quote;
}

function requireOpen(assignment: SpanAssignment | null): SpanAssignment {
  if (!assignment) throw forbidden('This article is not assigned to you.');
  if (assignment.status === 'submitted')
    throw new ApiError(409, 'submitted', 'This article is submitted; its spans are read-only.');
  return assignment;
}

async function markInProgress(tx: Tx, assignmentId: number, status: string) {
  if (status === 'assigned') await once(tx, 'annotations.markInProgress', () => tx.update(assignments).set({ status: 'in_progress' }).where(eq(assignments.id, sql.placeholder('id'))).prepare()).execute({ id: assignmentId });
}

// The span routes' statements, prepared once per connection (db/prepared.ts, issue 13).
const spanById = async (db: Tx, id: string) => (await once(db, 'annotations.byId', () => db.select().from(annotations).where(eq(annotations.id, sql.placeholder('id'))).prepare()).execute({ id }))[0];

/** The list's query for one filter: none (all annotators), an annotator id, or a username. */
function listStatement(db: Db, by: 'all' | 'id' | 'username') {
  return once(db, `annotations.list.${by}`, () =>
    db
      .select({ a: annotations, username: users.username })
      .from(annotations)
      .innerJoin(users, eq(users.id, annotations.annotatorId))
      .where(
        and(
          eq(annotations.articleId, sql.placeholder('articleId')),
          by === 'id' ? eq(annotations.annotatorId, sql.placeholder('who')) : by === 'username' ? eq(users.username, sql.placeholder('who')) : undefined,
        ),
      )
      .orderBy(asc(annotations.start), asc(annotations.end), asc(annotations.createdAt), asc(insertionOrder(annotations)))
      .prepare(),
  );
}

/** Spans of an article: an annotator sees only their own; supervisors all, or one annotator's. */
export async function listAnnotations(db: Db, user: User, articleId: number, annotator?: string): Promise<Annotation[]> {
  await spanArticleFor(db, user, articleId);
  let rows;
  if (!isSupervisor(user)) {
    if (annotator !== undefined && annotator !== user.username) throw forbidden("You may see only your own spans.");
    rows = await listStatement(db, 'id').execute({ articleId, who: user.id });
  } else if (annotator !== undefined) {
    rows = await listStatement(db, 'username').execute({ articleId, who: annotator });
  } else rows = await listStatement(db, 'all').execute({ articleId });
  return rows.map((r) => toAnnotation(r.a, r.username));
}

/**
 * The body of GET /api/articles/:id/annotations, `{"annotations": …,
 * "relations": …}`, as UTF-8 bytes: the spans' JSON is built by SQLite (the
 * array `listAnnotations()` gives, no object per row; db/sqlite/annotations.ts) and read as a BLOB, so
 * ~1 MB of a long article's spans is neither decoded into a JS string nor
 * encoded back (issue 13). The links are those whose source span is listed.
 * An unchanged database's bodies are kept (spanListCache.ts); access is
 * checked on every call.
 */
export async function spanListBody(db: Db, user: User, articleId: number, annotator?: string): Promise<Uint8Array<ArrayBuffer>> {
  await spanArticleFor(db, user, articleId);
  let by: 'all' | 'id' | 'username' = 'all';
  let who: number | string | undefined;
  if (!isSupervisor(user)) {
    if (annotator !== undefined && annotator !== user.username) throw forbidden("You may see only your own spans.");
    [by, who] = ['id', user.id];
  } else if (annotator !== undefined) [by, who] = ['username', annotator];
  return cachedSpanList(db, `${articleId}\n${by}\n${who ?? ''}`, () => spanListBytes(db, user, articleId, by, who, annotator));
}

/** The body of spanListBody, built (see there). */
async function spanListBytes(db: Db, user: User, articleId: number, by: 'all' | 'id' | 'username', who: number | string | undefined, annotator?: string) {
  const json = await spanListJson(db, articleId, by, who);
  // the listed spans are those of one annotator (by id: the caller, by username: `annotator`), or all
  const links = await linksBy(db, articleId, by === 'all' ? undefined : by === 'id' ? user.username : annotator);
  return Buffer.concat([Buffer.from('{"annotations":'), json, Buffer.from(`,"relations":${JSON.stringify(links)}}`)]) as Uint8Array<ArrayBuffer>;
}

export async function createAnnotation(
  db: Db | Tx,
  user: User,
  articleId: number,
  input: { id?: string; label: string; start: number; end: number; quote?: string; attributes?: Record<string, string>; note?: string },
): Promise<{ annotation: Annotation; created: boolean }> {
  // Every read that decides the write happens inside its transaction.
  return transaction(db, async (tx) => {
    await lockForSpanWrite(tx, articleId);
    // a client's id: a retry of the same create waits for the first, then finds its span
    if (input.id) await lock(tx, 'span', input.id);
    const { article, assignment } = await spanArticleFor(tx, user, articleId);
    const open = requireOpen(assignment);
    const attributes = input.attributes ?? {};
    const quote = await checkSpan(tx, article.projectId, await articleText(tx, article.id, article.textHash), await spanLabel(tx, article.projectId, input.label), { ...input, attributes });
    if (input.id) {
      const existing = await spanById(tx, input.id);
      if (existing) {
        // A retried create (same client id, same span) is answered, not duplicated.
        const same =
          existing.annotatorId === user.id &&
          existing.articleId === articleId &&
          existing.labelKey === input.label &&
          existing.start === input.start &&
          existing.end === input.end &&
          sameAttributes(existing.attributes, attributes) &&
          existing.note === (input.note ?? null);
        if (!same) throw conflict(`A span with id "${input.id}" exists already.`, { field: 'id' });
        return { annotation: toAnnotation(existing, user.username), created: false };
      }
    }
    const now = nowIso();
    const attributesJson = JSON.stringify(attributes); // as the json column encodes it
    const row: AnnotationRow = {
      id: input.id ?? randomUUID(),
      articleId,
      annotatorId: user.id,
      labelKey: input.label,
      start: input.start,
      end: input.end,
      quote,
      attributes: JSON.parse(attributesJson) as Record<string, string>, // what reading the row back gives
      note: input.note ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await insertSpan(tx, row, attributesJson);
    await markInProgress(tx, open.id, open.status);
    await audit(tx, user.id, 'create', 'annotation', row.id, { label: row.labelKey, start: row.start, end: row.end, articleId }, { after: spanState(row), articleId, projectId: article.projectId });
    return { annotation: toAnnotation(row, user.username), created: true };
  });
}

/**
 * The lock a span write takes on its article (PostgreSQL): shared, so span
 * writes of one article run side by side (each span's own changes are kept
 * apart by its row: an update's WHERE on the version, a delete's count),
 * while what changes the article's or assignment's state (submission,
 * archiving, curation, a purge: an exclusive lock) waits for them, and they
 * for it. Nothing on SQLite, which has one writer.
 */
const lockForSpanWrite = (tx: Db | Tx, articleId: number) => lock(tx, 'article', articleId, true);

/** The span, if it is the user's own and its article still open; in a transaction, its article is locked for a span write until it ends. */
export async function ownAnnotation(db: Db | Tx, user: User, id: string) {
  const row = await spanById(db, id);
  if (!row) throw notFound('Span');
  if (row.annotatorId !== user.id) throw await othersSpan(db, user, row.articleId);
  await lockForSpanWrite(db, row.articleId); // a span never changes article
  const { article, assignment } = await spanArticleFor(db, user, row.articleId);
  requireOpen(assignment);
  return { row, article };
}

export async function updateAnnotation(
  db: Db,
  user: User,
  id: string,
  input: {
    version: number;
    label?: string;
    start?: number;
    end?: number;
    quote?: string;
    attributes?: Record<string, string>;
    note?: string | null;
  },
): Promise<Annotation> {
  // Every read that decides the write happens inside its transaction.
  return transaction(db, async (tx) => {
    const { row, article } = await ownAnnotation(tx, user, id);
    if (input.version !== row.version)
      throw conflict(`This span was changed elsewhere (version ${row.version}, you sent ${input.version}). Reload to see it.`, {
        current: toAnnotation(row, user.username),
      });
    const label = input.label ?? row.labelKey;
    // A relabel keeps the attributes the new label defines and drops the others (unless sent).
    const newLabel = await spanLabel(tx, article.projectId, label);
    const attributes = input.attributes ?? (label === row.labelKey || !newLabel ? row.attributes : attributesForLabel(newLabel, row.attributes));
    const start = input.start ?? row.start;
    const end = input.end ?? row.end;
    const quote = await checkSpan(tx, article.projectId, await articleText(tx, article.id, article.textHash), newLabel, { label, start, end, quote: input.quote, attributes });
    if (label !== row.labelKey) await requireLinksAllowLabel(tx, article.id, id, label);
    const [updated] = await once(tx, 'annotations.update', () => {
      const p = (name: string) => sql`${sql.placeholder(name)}`; // raw values: attributes go as JSON text
      return tx
        .update(annotations)
        .set({ labelKey: p('label'), start: p('start'), end: p('end'), quote: p('quote'), attributes: p('attributes'), note: p('note'), version: p('next'), updatedAt: p('now') })
        // The version in the WHERE makes the check and the write one step.
        .where(and(eq(annotations.id, p('id')), eq(annotations.version, p('version'))))
        .returning()
        .prepare();
    }).execute({ label, start, end, quote, attributes: JSON.stringify(attributes), note: input.note === undefined ? row.note : input.note, next: row.version + 1, now: nowIso(), id, version: row.version });
    if (!updated) throw conflict('This span was changed elsewhere. Reload to see it.');
    await audit(tx, user.id, 'update', 'annotation', id, { from: { label: row.labelKey, start: row.start, end: row.end }, to: { label, start, end } }, {
      before: spanState(row),
      after: spanState(updated),
      articleId: article.id,
      projectId: article.projectId,
    });
    return toAnnotation(updated, user.username);
  });
}

export async function deleteAnnotation(db: Db, user: User, id: string): Promise<void> {
  await transaction(db, async (tx) => {
    // The reads that decide the write, inside it; with the links the deletion takes along: the entry restores them.
    const { row, article } = await ownAnnotation(tx, user, id);
    const before = spanState(row, await spanLinks(tx, id));
    const deleted = await once(tx, 'annotations.delete', () => tx.delete(annotations).where(eq(annotations.id, sql.placeholder('id'))).returning({ id: annotations.id }).prepare()).execute({ id });
    // deleted meanwhile by another request (PostgreSQL: span writes of an article run side by side): as if it came after it
    if (!deleted.length) throw notFound('Span');
    await audit(tx, user.id, 'delete', 'annotation', id, { label: row.labelKey, start: row.start, end: row.end, articleId: row.articleId }, {
      before,
      articleId: row.articleId,
      projectId: article.projectId,
    });
  });
}

/**
 * The span routes' writes: each committed with the other span writes that arrive in the same turn of the event
 * loop, in one transaction, each in its own savepoint (db/tx.ts `groupCommit`, issue 13); same rules, answers
 * and audit entries as the functions they run.
 */
export const createAnnotationBatched = (...args: Parameters<typeof createAnnotation>) => groupCommit(args[0], () => createAnnotation(...args));
export const updateAnnotationBatched = (...args: Parameters<typeof updateAnnotation>) => groupCommit(args[0], () => updateAnnotation(...args));
export const deleteAnnotationBatched = (...args: Parameters<typeof deleteAnnotation>) => groupCommit(args[0], () => deleteAnnotation(...args));
