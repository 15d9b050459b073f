/**
 * Suggestions in the workspace (issue 14): computed for the assigned
 * annotator from the article's text alone (the rule-based suggester), never
 * from another annotator's work, so annotation stays blind. A suggestion the
 * annotator already decided (accepted or rejected) or already covers with a
 * span of the label is not offered again. Accepting creates a normal span and
 * records that it came from the suggester; suggestions never count anywhere
 * unless accepted.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { ATTRIBUTION_SUGGESTER, suggestAttributions, suggestionQuality, type Annotation, type Suggestion, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, articles, projects, suggestionDecisions } from '../db/schema.js';
import { badRequest, forbidden } from '../http/errors.js';
import { articleFor, managedProject } from './access.js';
import { createAnnotation } from './annotations.js';
import { goldArticleIds } from './exportDocs.js';
import { goldOf } from './gold.js';
import { projectLabels } from './projects.js';

function assigned(db: Db, user: User, articleId: number) {
  const { article, assignment } = articleFor(db, user, articleId);
  if (!assignment) throw forbidden('Suggestions are for the annotator this article is assigned to.');
  return article;
}

/** Every suggestion for the article's text that the project's scheme can hold. */
function candidates(db: Db, projectId: number, text: string): Suggestion[] {
  const label = projectLabels(db, projectId).find((l) => l.key === 'attribution');
  if (!label) return [];
  const allowed = label.attributes.find((a) => a.key === 'sourceType');
  return suggestAttributions(text).map((s) => {
    const ok = allowed?.values.some((v) => v.value === s.attributes.sourceType);
    return ok ? s : { ...s, attributes: {} };
  });
}

/** `GET /api/articles/:id/suggestions`: what is still open for the caller. */
export function suggestionsFor(db: Db, user: User, articleId: number): { enabled: boolean; suggestions: Suggestion[] } {
  const article = assigned(db, user, articleId);
  const project = db.select({ suggestions: projects.suggestions }).from(projects).where(eq(projects.id, article.projectId)).get()!;
  if (!project.suggestions) return { enabled: false, suggestions: [] };
  const decided = new Set(
    db
      .select()
      .from(suggestionDecisions)
      .where(and(eq(suggestionDecisions.articleId, articleId), eq(suggestionDecisions.userId, user.id)))
      .all()
      .map((d) => `${d.suggester}:${d.label}:${d.start}:${d.end}`),
  );
  const mine = db
    .select({ label: annotations.labelKey, start: annotations.start, end: annotations.end })
    .from(annotations)
    .where(and(eq(annotations.articleId, articleId), eq(annotations.annotatorId, user.id)))
    .all();
  const open = candidates(db, article.projectId, article.text).filter(
    (s) => !decided.has(s.id) && !mine.some((m) => m.label === s.label && m.start < s.end && s.start < m.end),
  );
  return { enabled: true, suggestions: open };
}

function find(db: Db, user: User, articleId: number, id: string) {
  const { enabled, suggestions } = suggestionsFor(db, user, articleId);
  if (!enabled) throw forbidden('Suggestions are turned off for this project.');
  const s = suggestions.find((x) => x.id === id);
  if (!s) throw badRequest(`Invalid body: id: no open suggestion "${id}"`, { issues: [{ path: 'id', message: 'no open suggestion' }] });
  return s;
}

/** Accepts a suggestion: a normal span of the caller, recorded as accepted from its suggester (the decision names its label and boundaries). */
export function acceptSuggestion(db: Db, user: User, articleId: number, id: string): Annotation {
  const s = find(db, user, articleId, id);
  const { annotation } = createAnnotation(db, user, articleId, { label: s.label, start: s.start, end: s.end, attributes: s.attributes });
  db.insert(suggestionDecisions)
    .values({ articleId, userId: user.id, suggester: s.suggester, label: s.label, start: s.start, end: s.end, decision: 'accepted' })
    .run();
  return annotation;
}

/** Rejects a suggestion: it is not offered to the caller again. */
export function rejectSuggestion(db: Db, user: User, articleId: number, id: string): { rejected: string } {
  const s = find(db, user, articleId, id);
  db.insert(suggestionDecisions).values({ articleId, userId: user.id, suggester: s.suggester, label: s.label, start: s.start, end: s.end, decision: 'rejected' }).run();
  return { rejected: s.id };
}

/** Whether the project's workspace offers suggestions (supervisors). */
export function suggestionsEnabled(db: Db, user: User, projectId: number): { enabled: boolean } {
  return { enabled: managedProject(db, user, projectId).suggestions };
}

/** Turns the project's suggestions on or off (supervisors). */
export function setSuggestions(db: Db, user: User, projectId: number, enabled: boolean): { enabled: boolean } {
  managedProject(db, user, projectId);
  db.update(projects).set({ suggestions: enabled }).where(eq(projects.id, projectId)).run();
  return { enabled };
}

/**
 * `GET /api/projects/:id/suggestion-quality`: per suggester and label, the
 * suggestions' precision, recall and F1 against the gold of curated articles
 * (shared/src/suggest/quality.ts), and how often annotators accepted and
 * rejected them.
 */
export function suggestionQualityOf(db: Db, user: User, projectId: number) {
  managedProject(db, user, projectId);
  const rows = db.select({ id: articles.id, text: articles.text }).from(articles).where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt))).all();
  const curated = new Set(goldArticleIds(db, rows.map((r) => r.id), false));
  const scored = rows
    .filter((r) => curated.has(r.id))
    .map((r) => ({ predicted: candidates(db, projectId, r.text), gold: goldOf(db, r.id).map((g) => ({ label: g.label, start: g.start, end: g.end })) }));
  const decisions = db
    .select({ suggester: suggestionDecisions.suggester, label: suggestionDecisions.label, decision: suggestionDecisions.decision })
    .from(suggestionDecisions)
    .innerJoin(articles, eq(articles.id, suggestionDecisions.articleId))
    .where(eq(articles.projectId, projectId))
    .all();
  const count = (label: string, d: 'accepted' | 'rejected') => decisions.filter((x) => x.suggester === ATTRIBUTION_SUGGESTER && x.label === label && x.decision === d).length;
  const label = 'attribution';
  return {
    quality: [{ suggester: ATTRIBUTION_SUGGESTER, label, ...suggestionQuality(scored, label), accepted: count(label, 'accepted'), rejected: count(label, 'rejected') }],
  };
}
