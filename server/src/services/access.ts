import { and, eq, sql } from 'drizzle-orm';
import type { User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { once } from '../db/prepared.js';
import { rawGet } from '../db/raw.js';
import { articles, assignments, projectMembers, projects } from '../db/tables.js';
import { forbidden, notFound } from '../http/errors.js';
import type { Tx } from '../db/tx.js';

/**
 * Who may see what, in one place.
 *
 * - Admins see and manage every project.
 * - Supervisors see and manage the projects they created or are members of,
 *   and the shipped sample project (created by no one), which every
 *   supervisor may use to try the workbench. Another supervisor's project
 *   answers 403.
 * - Annotators see the projects they have work in or are members of, and only
 *   the articles assigned to them: any other article, span or link answers
 *   404, so that an annotator learns nothing of what exists (blind annotation).
 *   Archived articles and projects answer 404 to annotators; supervisors who
 *   manage them still reach them, to restore them.
 */
export const isSupervisor = (u: User) => u.role === 'supervisor' || u.role === 'admin';

export function requireSupervisor(u: User): void {
  if (!isSupervisor(u)) throw forbidden('Only supervisors may do this.');
}

type ProjectRow = typeof projects.$inferSelect;

// The lookups of every article and span request: prepared once per connection (db/prepared.ts).
const byId = sql.placeholder('id');
const membership = async (db: Db | Tx, userId: number, projectId: number) =>
  (
    await once(db, 'access.membership', () =>
    db
      .select({ role: projectMembers.role })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, sql.placeholder('projectId')), eq(projectMembers.userId, sql.placeholder('userId'))))
      .prepare(),
    ).execute({ projectId, userId })
  )[0] ?? null;

/** May this supervisor or admin manage the project? */
export async function managesProject(db: Db | Tx, user: User, project: Pick<ProjectRow, 'id' | 'createdBy'>): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (user.role !== 'supervisor') return false;
  if (project.createdBy === null || project.createdBy === user.id) return true;
  return (await membership(db, user.id, project.id))?.role === 'supervisor';
}

async function annotatorSeesProject(db: Db | Tx, user: User, projectId: number): Promise<boolean> {
  if (await membership(db, user.id, projectId)) return true;
  const work = await once(db, 'access.annotatorSeesProject', () =>
    db
      .select({ id: assignments.id })
      .from(assignments)
      .innerJoin(articles, eq(articles.id, assignments.articleId))
      .where(and(eq(articles.projectId, sql.placeholder('projectId')), eq(assignments.annotatorId, sql.placeholder('userId'))))
      .limit(1)
      .prepare(),
  ).execute({ projectId, userId: user.id });
  return work.length > 0;
}

/**
 * Refuses a project the user may not see (see above). `hasWork`: the caller holds an assignment of this
 * annotator to an article of this project, which is what annotatorSeesProject() would look for.
 */
async function checkProject<P extends Pick<ProjectRow, 'id' | 'createdBy' | 'archivedAt'>>(db: Db | Tx, user: User, project: P | undefined, hasWork = false): Promise<P> {
  if (!project) throw notFound('Project');
  if (isSupervisor(user)) {
    // An archived project stays reachable to those who manage it, so that they can restore it.
    if (!(await managesProject(db, user, project))) throw forbidden('This project belongs to another supervisor.');
    return project;
  }
  if (project.archivedAt) throw notFound('Project');
  if (!hasWork && !(await annotatorSeesProject(db, user, project.id))) throw forbidden('You have no work in this project.');
  return project;
}

/** The project, if the user may see it (see above). */
export async function projectFor(db: Db | Tx, user: User, projectId: number): Promise<ProjectRow> {
  const [project] = await once(db, 'access.project', () => db.select().from(projects).where(eq(projects.id, byId)).prepare()).execute({ id: projectId });
  return checkProject(db, user, project);
}

/** `projectFor()` reading only what the check needs (not the guideline, description and relation types): every article and span request. */
const projectHeadFor = async (db: Db | Tx, user: User, projectId: number, hasWork = false) => {
  const [project] = await once(db, 'access.projectHead', () =>
    db.select({ id: projects.id, createdBy: projects.createdBy, archivedAt: projects.archivedAt }).from(projects).where(eq(projects.id, byId)).prepare(),
  ).execute({ id: projectId });
  return checkProject(db, user, project, hasWork);
};

/** The project, if the user is a supervisor or admin who manages it. */
export async function managedProject(db: Db | Tx, user: User, projectId: number): Promise<ProjectRow> {
  requireSupervisor(user);
  return projectFor(db, user, projectId);
}

/** The columns of an article but its text and tokens: what access checks and span writes read (issue 13). */
const HEAD = {
  id: articles.id,
  projectId: articles.projectId,
  title: articles.title,
  textHash: articles.textHash,
  length: articles.length,
  source: articles.source,
  story: articles.story,
  url: articles.url,
  publishedAt: articles.publishedAt,
  externalId: articles.externalId,
  archivedAt: articles.archivedAt,
  createdAt: articles.createdAt,
};
export type ArticleHead = Omit<typeof articles.$inferSelect, 'text' | 'tokens'>;

/** The user's assignment to the article, after refusing what the user may not see (below). */
async function checkedAssignment(db: Db | Tx, user: User, article: ArticleHead) {
  const [assignment = null] = await once(db, 'access.assignment', () =>
      db
        .select()
        .from(assignments)
        .where(and(eq(assignments.articleId, sql.placeholder('articleId')), eq(assignments.annotatorId, sql.placeholder('userId'))))
        .prepare(),
    ).execute({ articleId: article.id, userId: user.id });
  if (isSupervisor(user)) await projectHeadFor(db, user, article.projectId);
  // Archived work is hidden from annotators: as if it did not exist. The assignment to this article is work in
  // its project: the project check need not look for one (two reads less on every span write, issue 13).
  else if (!assignment || article.archivedAt || (await projectHeadFor(db, user, article.projectId, true)).archivedAt) throw notFound('Article');
  return assignment;
}

/**
 * The article and the user's own assignment to it. Supervisors reach every
 * article of the projects they manage; annotators only those assigned to them
 * (blind annotation is enforced here, not in the page): any other is 404.
 */
export async function articleFor(db: Db | Tx, user: User, articleId: number) {
  const [article] = await once(db, 'access.article', () => db.select().from(articles).where(eq(articles.id, byId)).prepare()).execute({ id: articleId });
  if (!article) throw notFound('Article');
  return { article, assignment: await checkedAssignment(db, user, article) };
}

/**
 * `articleFor()` without reading the text and tokens (a long article's text
 * is ~100 kB, its tokens as much): the span routes, which take the text from
 * `articleText()` by its hash.
 */
export async function articleHeadFor(db: Db | Tx, user: User, articleId: number): Promise<{ article: ArticleHead; assignment: Awaited<ReturnType<typeof checkedAssignment>> }> {
  const [article] = await once(db, 'access.articleHead', () => db.select(HEAD).from(articles).where(eq(articles.id, byId)).prepare()).execute({ id: articleId });
  if (!article) throw notFound('Article');
  return { article, assignment: await checkedAssignment(db, user, article) };
}

/** What the span routes need of an article: its project and its text's hash (for `articleText()`). */
export interface SpanArticle {
  id: number;
  projectId: number;
  textHash: string;
}
export interface SpanAssignment {
  id: number;
  status: string;
}
interface SpanAccessRow {
  id: number;
  project_id: number;
  text_hash: string;
  archived_at: string | null;
  assignment_id: number | null;
  status: string | null;
  p_id: number | null;
  created_by: number | null;
  p_archived_at: string | null;
  member_role: string | null;
}

/**
 * `articleHeadFor()` for the span routes in one read (issue 13): the article's head, the user's assignment to it,
 * its project's head and the user's membership there, joined. The same refusals in the same order as
 * `checkedAssignment()` and `checkProject()` (404 Article, 404 Project, 403 another supervisor's project; an
 * annotator's assignment is their work in the project). Call it inside the write's transaction.
 */
export async function spanArticleFor(db: Db | Tx, user: User, articleId: number): Promise<{ article: SpanArticle; assignment: SpanAssignment | null }> {
  const row = await rawGet<SpanAccessRow>(
    db,
    'access.spanArticle',
    `SELECT a.id, a.project_id, a.text_hash, a.archived_at, s.id AS assignment_id, s.status,
            p.id AS p_id, p.created_by, p.archived_at AS p_archived_at, m.role AS member_role
     FROM articles a
     LEFT JOIN assignments s ON s.article_id = a.id AND s.annotator_id = ?
     LEFT JOIN projects p ON p.id = a.project_id
     LEFT JOIN project_members m ON m.project_id = a.project_id AND m.user_id = ?
     WHERE a.id = ?`,
    user.id,
    user.id,
    articleId,
  );
  if (!row) throw notFound('Article');
  const assignment = row.assignment_id === null ? null : { id: row.assignment_id, status: row.status! };
  if (isSupervisor(user)) {
    if (row.p_id === null) throw notFound('Project');
    // managesProject(), from the joined row; an archived project stays reachable to those who manage it
    const manages = user.role === 'admin' || row.created_by === null || row.created_by === user.id || row.member_role === 'supervisor';
    if (!manages) throw forbidden('This project belongs to another supervisor.');
  } else if (!assignment || row.archived_at) throw notFound('Article');
  else if (row.p_id === null || row.p_archived_at) throw notFound('Project'); // as checkProject() refuses it
  return { article: { id: row.id, projectId: row.project_id, textHash: row.text_hash }, assignment };
}

/**
 * Someone else's span: a supervisor who manages its project may see it (403
 * on a change), anyone else learns nothing of it (404).
 */
export async function othersSpan(db: Db | Tx, user: User, articleId: number, what = 'Span') {
  if (!isSupervisor(user)) return notFound(what);
  await articleHeadFor(db, user, articleId);
  return forbidden('Only the annotator who made a span may change it.');
}
