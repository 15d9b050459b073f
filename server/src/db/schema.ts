import { sql } from 'drizzle-orm';
import { customType, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AttributeDef } from '@mbw/shared';

/** Bytes as a Buffer (a `blob`; PostgreSQL's twin is `bytea`). */
const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'blob' });

const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['admin', 'supervisor', 'annotator'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  /** A disabled account cannot sign in, and its sessions are ended when it is disabled. */
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  /** A seeded demo account (for looking at): never offered for, nor accepted in, an assignment. */
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token: a leaked database yields no usable session. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: text('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Failed sign-ins, per account (`user:<name>`) and per client address
 * (`ip:<addr>`): each failure doubles the wait before the next try is
 * heard. In the database so every server process sees it; a success clears
 * the account's row and the address's.
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  /** Epoch milliseconds before which a try from this key is refused with 429. */
  blockedUntil: integer('blocked_until').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const projects = sqliteTable('projects', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** Annotators may see their own spans against gold on curated articles. */
  goldFeedback: integer('gold_feedback', { mode: 'boolean' }).notNull().default(false),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  /** Relation types of the scheme, `{key, name, from, to}`; null: the default scheme's. */
  relationTypes: text('relation_types', { mode: 'json' }).$type<unknown[]>(),
  /** The project's guideline document (Markdown). */
  guideline: text('guideline').notNull().default(''),
  /** Rule-based suggestions in the workspace; off lets a study compare agreement without them. */
  suggestions: integer('suggestions', { mode: 'boolean' }).notNull().default(true),
  /** Archived projects are hidden and not counted; a supervisor may restore them. */
  archivedAt: text('archived_at'),
  createdAt: createdAt(),
});

/** Who works in a project besides its creator: supervisors manage it, annotators annotate. */
export const projectMembers = sqliteTable(
  'project_members',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['supervisor', 'annotator'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('project_members_user_idx').on(t.userId)],
);

export const labels = sqliteTable(
  'labels',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    color: text('color').notNull(),
    hotkey: text('hotkey'),
    description: text('description').notNull().default(''),
    guidelines: text('guidelines', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    attributes: text('attributes', { mode: 'json' }).$type<AttributeDef[]>().notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('labels_project_key_idx').on(t.projectId, t.key)],
);

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** NFC, `\n` line ends; never changed after import (offsets depend on it). */
    text: text('text').notNull(),
    /** SHA-256 of the normalised text, hex. */
    textHash: text('text_hash').notNull(),
    /** Length in code points. */
    length: integer('length').notNull(),
    source: text('source'),
    /** A grouping of articles covering one story across outlets (the bias profile groups by it). */
    story: text('story'),
    url: text('url'),
    publishedAt: text('published_at'),
    externalId: text('external_id'),
    /** Archived articles are hidden and not counted; a supervisor may restore them. */
    archivedAt: text('archived_at'),
    createdAt: createdAt(),
    /**
     * The text's token boundaries, `tokenBounds(text)` as little-endian int32
     * `[start, end, …]`, computed once when the article is written
     * (services/articleTokens.ts); NULL only in rows written before the column
     * existed, filled when the database is opened.
     */
    tokens: bytes('tokens'),
  },
  (t) => [index('articles_project_idx').on(t.projectId), index('articles_tokens_missing_idx').on(t.id).where(sql`${t.tokens} IS NULL`)],
);

export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    annotatorId: integer('annotator_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['assigned', 'in_progress', 'submitted'] })
      .notNull()
      .default('assigned'),
    submittedAt: text('submitted_at'),
    /** The annotator skipped the article with this reason (a flag for the supervisor); null: not flagged. */
    flagReason: text('flag_reason'),
    flaggedAt: text('flagged_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('assignments_article_annotator_idx').on(t.articleId, t.annotatorId),
    index('assignments_annotator_idx').on(t.annotatorId),
  ],
);

export const annotations = sqliteTable(
  'annotations',
  {
    id: text('id').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    annotatorId: integer('annotator_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    labelKey: text('label_key').notNull(),
    /** Code points, [start, end). */
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    /** The covered text, so that drift is detectable. */
    quote: text('quote').notNull(),
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('annotations_article_annotator_idx').on(t.articleId, t.annotatorId)],
);

export const relations = sqliteTable(
  'relations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fromId: text('from_id')
      .notNull()
      .references(() => annotations.id, { onDelete: 'cascade' }),
    toId: text('to_id')
      .notNull()
      .references(() => annotations.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('relations_from_to_type_idx').on(t.fromId, t.toId, t.type), index('relations_to_idx').on(t.toId)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: createdAt(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    data: text('data', { mode: 'json' }).$type<unknown>(),
    /** The changed thing as it was before and after the change (null: it did not exist); never a password hash. */
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
    /** The article and project the change belongs to, for their history (no foreign key: history outlives them). */
    articleId: integer('article_id'),
    projectId: integer('project_id'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId),
    // No index on project_id: no query reads the log by project, and each one is written on every change (issue 13).
    index('audit_article_idx').on(t.articleId),
  ],
);

/**
 * Answers to creating requests sent with an `Idempotency-Key` header: a
 * repeated request (a double click, a retry after a lost answer) gets the
 * first answer instead of creating twice. `status` is null while the first
 * request runs. In the database, not in memory, so every server process sees it.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
);

/**
 * The gold standard (issue 9): spans apart from annotators' spans, each with
 * its provenance — the annotator spans it came from, how it was decided and
 * by whom. `openAttributes` are attributes pre-merge could not settle.
 */
export const goldSpans = sqliteTable(
  'gold_spans',
  {
    id: text('id').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    labelKey: text('label_key').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    quote: text('quote').notNull(),
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    openAttributes: text('open_attributes', { mode: 'json' }).$type<string[]>().notNull(),
    decision: text('decision', { enum: ['merged', 'accepted', 'edited', 'added'] }).notNull(),
    /** Annotator span ids, and their annotators' usernames (kept if a span is later deleted). */
    sources: text('sources', { mode: 'json' }).$type<string[]>().notNull(),
    annotators: text('annotators', { mode: 'json' }).$type<string[]>().notNull(),
    curatorId: integer('curator_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: text('decided_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('gold_article_idx').on(t.articleId)],
);

export const goldRelations = sqliteTable(
  'gold_relations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fromId: text('from_id')
      .notNull()
      .references(() => goldSpans.id, { onDelete: 'cascade' }),
    toId: text('to_id')
      .notNull()
      .references(() => goldSpans.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
  },
  (t) => [uniqueIndex('gold_relations_idx').on(t.fromId, t.toId, t.type)],
);

/** A curator's rejection of an annotator span: a decision too, with its reason. */
export const rejections = sqliteTable(
  'rejections',
  {
    annotationId: text('annotation_id')
      .primaryKey()
      .references(() => annotations.id, { onDelete: 'cascade' }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    curatorId: integer('curator_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [index('rejections_article_idx').on(t.articleId)],
);

/** An article's curation: `open` until a curator completes it. */
export const curation = sqliteTable('curation', {
  articleId: integer('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['open', 'curated'] }).notNull(),
  curatorId: integer('curator_id').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: text('updated_at').notNull(),
});

/** Before each curation decision, the article's gold and rejections as they were: undo restores them. */
export const curationHistory = sqliteTable(
  'curation_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    snapshot: text('snapshot', { mode: 'json' }).$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('curation_history_article_idx').on(t.articleId)],
);

/** The history of an assignment: submitted, reopened (with the supervisor's comment). */
export const assignmentEvents = sqliteTable(
  'assignment_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assignmentId: integer('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    event: text('event', { enum: ['submitted', 'reopened'] }).notNull(),
    comment: text('comment'),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: createdAt(),
  },
  (t) => [index('assignment_events_idx').on(t.assignmentId)],
);

/**
 * A project's lexicon (issue 14): terms the supervisors list from their
 * guidelines ("Machthaber", "sogenannte", "angeblich"), each suggested in the
 * workspace as a span of its label with its attributes.
 */
export const lexiconTerms = sqliteTable(
  'lexicon_terms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    label: text('label').notNull(),
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('lexicon_terms_unique_idx').on(t.projectId, t.label, t.term)],
);

/**
 * An annotator's decision on a suggestion: accepted (the span it became) or
 * rejected. Suggestions themselves are computed, never stored, so they never
 * count in agreement or exports unless accepted.
 */
export const suggestionDecisions = sqliteTable(
  'suggestion_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    suggester: text('suggester').notNull(),
    label: text('label').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    decision: text('decision', { enum: ['accepted', 'rejected'] }).notNull(),
    /** The span an accepted suggestion became (annotations.id is text). */
    spanId: text('span_id').references(() => annotations.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('suggestion_decisions_unique_idx').on(t.articleId, t.userId, t.suggester, t.label, t.start, t.end),
  ],
);

/**
 * Background jobs (exports, agreement reports, imports, pre-merges; issue 15):
 * every process answers from this row (services/jobState.ts). The process
 * that runs a job (`owner`, a random id per process) writes its progress and
 * `heartbeat_at` every few hundred milliseconds and its end once, and stops
 * the job when `cancel_requested` is set; a running job whose heartbeat is
 * stale is answered as failed. `result` is the kind's result as JSON text.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['agreement', 'export', 'import', 'merge'] }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    projectId: integer('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['running', 'done', 'failed', 'cancelled'] }).notNull(),
    phase: text('phase'),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    result: text('result'),
    error: text('error'),
    /** JSON: what an import's refusal carries besides its message (status, code, details). */
    errorDetail: text('error_detail'),
    cancelRequested: integer('cancel_requested', { mode: 'boolean' }).notNull().default(false),
    owner: text('owner').notNull(),
    heartbeatAt: text('heartbeat_at').notNull(),
    createdAt: createdAt(),
    finishedAt: text('finished_at'),
  },
  (t) => [index('jobs_finished_idx').on(t.finishedAt), index('jobs_heartbeat_idx').on(t.heartbeatAt)],
);
