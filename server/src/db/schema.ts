import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AttributeDef } from '@mbw/shared';

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

export const projects = sqliteTable('projects', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

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
    url: text('url'),
    publishedAt: text('published_at'),
    externalId: text('external_id'),
    createdAt: createdAt(),
  },
  (t) => [index('articles_project_idx').on(t.projectId)],
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
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId)],
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
