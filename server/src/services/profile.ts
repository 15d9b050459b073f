import { and, asc, eq, isNull } from 'drizzle-orm';
import { biasProfile, profileArticlesFromDocs, spansBehind, type ExportDoc, type FigureName, type ProfileBy, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { first } from '../db/tx.js';
import { articles, users } from '../db/tables.js';
import { badRequest } from '../http/errors.js';
import { managedProject } from './access.js';
import { goldDocs, projectDocs } from '../db/dialect.js';
import { goldArticleIds } from './exportDocs.js';
import { projectLabels } from './projects.js';

/** The seed of the profile's bootstrap: the same data give the same intervals. */
export const PROFILE_SEED = 1;

/**
 * The project's documents as the profile reads them: the submitted work of
 * every article not archived (exactly as a JSONL export holds it) and, for
 * basis `gold`, the gold of curated articles (as a gold export holds it).
 */
async function profileDocs(db: Db, projectId: number, withGold: boolean): Promise<ExportDoc[]> {
  const ids = (
    await db
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt)))
      .orderBy(asc(articles.id))
  ).map((r) => r.id);
  const scheme = await projectLabels(db, projectId);
  const keys = { labels: scheme.map((l) => l.key), attributeKeys: Object.fromEntries(scheme.map((l) => [l.key, l.attributes.map((a) => a.key)])) };
  const docs = [...(await projectDocs(db, ids, { status: 'submitted', ...keys }))];
  if (withGold) docs.push(...(await goldDocs(db, await goldArticleIds(db, ids, false), keys)));
  return docs;
}

/** The profile's articles over the chosen basis (checks the caller and the basis). */
async function profileInput(db: Db, user: User, projectId: number, basis: string) {
  await managedProject(db, user, projectId);
  if (basis !== 'gold' && basis !== 'consensus' && !(await first(db.select({ id: users.id }).from(users).where(eq(users.username, basis)))))
    throw badRequest(`Invalid query: basis: no annotator "${basis}" (use gold, consensus or a username)`, { issues: [{ path: 'basis', message: 'unknown annotator' }] });
  return profileArticlesFromDocs(await profileDocs(db, projectId, basis === 'gold'), basis);
}

/** `GET /api/projects/:id/profile`: the bias profile (shared/src/profile) of the project's articles. */
export async function projectProfile(db: Db, user: User, projectId: number, q: { by: ProfileBy; basis: string }) {
  const input = await profileInput(db, user, projectId, q.basis);
  return { by: q.by, basis: q.basis, groups: biasProfile(input, q.by, { bootstrap: { seed: PROFILE_SEED } }) };
}

/** `GET /api/projects/:id/profile/spans`: the spans behind one figure of one group (shared/src/profile/behind.ts). */
export async function profileSpans(db: Db, user: User, projectId: number, q: { by: ProfileBy; basis: string; group: string; figure: FigureName }) {
  const input = await profileInput(db, user, projectId, q.basis);
  return { ...q, spans: spansBehind(input, q.by, q.group, q.figure) };
}
