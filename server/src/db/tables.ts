/**
 * The tables the server's code reads and writes, for the engine it runs on
 * (issue 15). Services import their tables from here, not from `schema.ts`:
 * `useEngineTables('postgres')`, called once when the server opens
 * PostgreSQL (before any query), makes every table below the PostgreSQL one
 * of `pg/schema.ts` (same table, column and TypeScript names, held level by
 * tests/unit/db/schema-parity.test.ts). The types stay SQLite's: services
 * are written against them and use only what both engines' query builders
 * have (server/src/db/tx.ts), so this is the one place where the two meet.
 *
 * ES modules export live bindings: an importer reads the current table.
 */
import * as pg from './pg/schema.js';
import * as sqlite from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export let users = sqlite.users;
export let sessions = sqlite.sessions;
export let loginThrottle = sqlite.loginThrottle;
export let projects = sqlite.projects;
export let projectMembers = sqlite.projectMembers;
export let labels = sqlite.labels;
export let articles = sqlite.articles;
export let assignments = sqlite.assignments;
export let annotations = sqlite.annotations;
export let relations = sqlite.relations;
export let auditLog = sqlite.auditLog;
export let idempotencyKeys = sqlite.idempotencyKeys;
export let goldSpans = sqlite.goldSpans;
export let goldRelations = sqlite.goldRelations;
export let rejections = sqlite.rejections;
export let curation = sqlite.curation;
export let curationHistory = sqlite.curationHistory;
export let assignmentEvents = sqlite.assignmentEvents;
export let lexiconTerms = sqlite.lexiconTerms;
export let suggestionDecisions = sqlite.suggestionDecisions;
export let jobs = sqlite.jobs;

let current: Engine = 'sqlite';

/** The engine the tables are of. */
export const tablesEngine = (): Engine => current;

/** Switches every table to the engine's (once, at start; a process serves one engine). */
export function useEngineTables(engine: Engine): void {
  const t = (engine === 'postgres' ? pg : sqlite) as unknown as typeof sqlite;
  current = engine;
  users = t.users;
  sessions = t.sessions;
  loginThrottle = t.loginThrottle;
  projects = t.projects;
  projectMembers = t.projectMembers;
  labels = t.labels;
  articles = t.articles;
  assignments = t.assignments;
  annotations = t.annotations;
  relations = t.relations;
  auditLog = t.auditLog;
  idempotencyKeys = t.idempotencyKeys;
  goldSpans = t.goldSpans;
  goldRelations = t.goldRelations;
  rejections = t.rejections;
  curation = t.curation;
  curationHistory = t.curationHistory;
  assignmentEvents = t.assignmentEvents;
  lexiconTerms = t.lexiconTerms;
  suggestionDecisions = t.suggestionDecisions;
  jobs = t.jobs;
}
