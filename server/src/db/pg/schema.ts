/**
 * The PostgreSQL schema: server/src/db/schema.ts (SQLite) table by table,
 * column by column, under the same table, column and index names and the
 * same TypeScript keys, so one row object fits both. Types are mapped so
 * answers are identical: integer ids become identity columns (ids are kept
 * when copied; sequences are reset after), SQLite's 0/1 booleans become
 * `boolean`, JSON stays text-exact (`json`, not `jsonb`, keeps key order),
 * timestamps stay ISO-8601 text written like SQLite's default, and epoch
 * milliseconds are `bigint` read as numbers. tests/unit/db/schema-parity
 * fails when the two drift apart.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AttributeDef } from '@mbw/shared';

/** ISO-8601 in UTC with milliseconds, as SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` and `Date#toISOString` write it. */
const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Bytes as a Buffer (`bytea`; SQLite's twin is a `blob`). */
const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const users = pgTable('users', {
  id: id(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['admin', 'supervisor', 'annotator'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  demo: boolean('demo').notNull().default(false),
  createdAt: createdAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: text('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  /** Epoch milliseconds: past int4, so bigint, read as a number. */
  blockedUntil: bigint('blocked_until', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

export const projects = pgTable('projects', {
  id: id(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  goldFeedback: boolean('gold_feedback').notNull().default(false),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  relationTypes: json('relation_types').$type<unknown[]>(),
  guideline: text('guideline').notNull().default(''),
  suggestions: boolean('suggestions').notNull().default(true),
  archivedAt: text('archived_at'),
  createdAt: createdAt(),
});

export const projectMembers = pgTable(
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

export const labels = pgTable(
  'labels',
  {
    id: id(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    color: text('color').notNull(),
    hotkey: text('hotkey'),
    description: text('description').notNull().default(''),
    guidelines: json('guidelines').$type<Record<string, string>>().notNull(),
    attributes: json('attributes').$type<AttributeDef[]>().notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('labels_project_key_idx').on(t.projectId, t.key)],
);

export const articles = pgTable(
  'articles',
  {
    id: id(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    text: text('text').notNull(),
    textHash: text('text_hash').notNull(),
    length: integer('length').notNull(),
    source: text('source'),
    story: text('story'),
    url: text('url'),
    publishedAt: text('published_at'),
    externalId: text('external_id'),
    archivedAt: text('archived_at'),
    createdAt: createdAt(),
    tokens: bytes('tokens'),
  },
  (t) => [index('articles_project_idx').on(t.projectId), index('articles_tokens_missing_idx').on(t.id).where(sql`${t.tokens} IS NULL`)],
);

export const assignments = pgTable(
  'assignments',
  {
    id: id(),
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
    flagReason: text('flag_reason'),
    flaggedAt: text('flagged_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('assignments_article_annotator_idx').on(t.articleId, t.annotatorId),
    index('assignments_annotator_idx').on(t.annotatorId),
  ],
);

export const annotations = pgTable(
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
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    quote: text('quote').notNull(),
    attributes: json('attributes').$type<Record<string, string>>().notNull(),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('annotations_article_annotator_idx').on(t.articleId, t.annotatorId)],
);

export const relations = pgTable(
  'relations',
  {
    id: id(),
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

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: createdAt(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    data: json('data').$type<unknown>(),
    before: json('before').$type<unknown>(),
    after: json('after').$type<unknown>(),
    articleId: integer('article_id'),
    projectId: integer('project_id'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId),
    // No index on project_id: no query reads the log by project, and each one is written on every change (issue 13).
    index('audit_article_idx').on(t.articleId),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
);

export const goldSpans = pgTable(
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
    attributes: json('attributes').$type<Record<string, string>>().notNull(),
    openAttributes: json('open_attributes').$type<string[]>().notNull(),
    decision: text('decision', { enum: ['merged', 'accepted', 'edited', 'added'] }).notNull(),
    sources: json('sources').$type<string[]>().notNull(),
    annotators: json('annotators').$type<string[]>().notNull(),
    curatorId: integer('curator_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: text('decided_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('gold_article_idx').on(t.articleId)],
);

export const goldRelations = pgTable(
  'gold_relations',
  {
    id: id(),
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

export const rejections = pgTable(
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

export const curation = pgTable('curation', {
  articleId: integer('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['open', 'curated'] }).notNull(),
  curatorId: integer('curator_id').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: text('updated_at').notNull(),
});

export const curationHistory = pgTable(
  'curation_history',
  {
    id: id(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    snapshot: json('snapshot').$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('curation_history_article_idx').on(t.articleId)],
);

export const assignmentEvents = pgTable(
  'assignment_events',
  {
    id: id(),
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

export const lexiconTerms = pgTable(
  'lexicon_terms',
  {
    id: id(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    label: text('label').notNull(),
    attributes: json('attributes').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('lexicon_terms_unique_idx').on(t.projectId, t.label, t.term)],
);

export const suggestionDecisions = pgTable(
  'suggestion_decisions',
  {
    id: id(),
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
    spanId: text('span_id').references(() => annotations.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('suggestion_decisions_unique_idx').on(t.articleId, t.userId, t.suggester, t.label, t.start, t.end),
  ],
);

export const jobs = pgTable(
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
    errorDetail: text('error_detail'),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    owner: text('owner').notNull(),
    heartbeatAt: text('heartbeat_at').notNull(),
    createdAt: createdAt(),
    finishedAt: text('finished_at'),
  },
  (t) => [index('jobs_finished_idx').on(t.finishedAt), index('jobs_heartbeat_idx').on(t.heartbeatAt)],
);
