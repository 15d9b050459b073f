/**
 * Suggestions in the workspace (issue 14): computed for the assigned
 * annotator from the article's text alone (the rule-based suggester), never
 * from another annotator's work, so annotation stays blind. A suggestion the
 * annotator already decided (accepted or rejected) or already covers with a
 * span of the label is not offered again. Accepting creates a normal span and
 * records that it came from the suggester; suggestions never count anywhere
 * unless accepted.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  ATTRIBUTION_SUGGESTER,
  GAZETTEER_SUGGESTER,
  LEXICON_SUGGESTER,
  learnGazetteer,
  suggestAttributions,
  suggestionQuality,
  suggestTerms,
  type Annotation,
  type Suggestion,
  type Term,
  type User,
} from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, articles, projects, suggestionDecisions } from '../db/schema.js';
import { badRequest, forbidden } from '../http/errors.js';
import { articleFor, managedProject } from './access.js';
import { createAnnotation } from './annotations.js';
import { audit } from './audit.js';
import { goldArticleIds } from './exportDocs.js';
import { goldOf, projectOf } from './gold.js';
import { projectLexicon } from './lexicon.js';
import { projectLabels } from './projects.js';

function assigned(db: Db, user: User, articleId: number) {
  const { article, assignment } = articleFor(db, user, articleId);
  if (!assignment) throw forbidden('Suggestions are for the annotator this article is assigned to.');
  return article;
}

/** The rule suggester's attributions (attributes the scheme lacks left out) and the project's lexicon terms. */
function candidates(db: Db, projectId: number, text: string): Suggestion[] {
  const scheme = projectLabels(db, projectId);
  const label = scheme.find((l) => l.key === 'attribution');
  const allowed = label?.attributes.find((a) => a.key === 'sourceType');
  const rules = label
    ? suggestAttributions(text).map((s) => (allowed?.values.some((v) => v.value === s.attributes.sourceType) ? s : { ...s, attributes: {} }))
    : [];
  const lexicon = suggestTerms(text, projectLexicon(db, projectId), LEXICON_SUGGESTER, true);
  return [...rules, ...lexicon];
}

/**
 * The gazetteer for `user` on an article: learned from the user's own spans
 * in the project and from the gold of the project's curated articles other
 * than this one, never from another annotator's spans (annotation stays blind).
 */
function gazetteerFor(db: Db, user: User, projectId: number, articleId: number): Term[] {
  const ids = db.select({ id: articles.id }).from(articles).where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt))).all().map((r) => r.id);
  const own = db
    .select({ label: annotations.labelKey, quote: annotations.quote, attributes: annotations.attributes })
    .from(annotations)
    .where(and(eq(annotations.annotatorId, user.id), ids.length ? inArray(annotations.articleId, ids) : sql`0`))
    .all();
  const gold = goldArticleIds(db, ids.filter((id) => id !== articleId), false).flatMap((id) => goldOf(db, id));
  const labels = projectLabels(db, projectId).map((l) => l.key).filter((k) => k !== 'attribution');
  return learnGazetteer([...own, ...gold.map((g) => ({ label: g.label, quote: g.quote, attributes: g.attributes }))], labels);
}

/** Suggestions of several suggesters: one per place and label (rules first, then the lexicon, then the gazetteer). */
function merged(lists: Suggestion[][]): Suggestion[] {
  const out: Suggestion[] = [];
  for (const s of lists.flat()) if (!out.some((o) => o.label === s.label && o.start < s.end && s.start < o.end)) out.push(s);
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
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
  const learned = suggestTerms(article.text, gazetteerFor(db, user, article.projectId, articleId), GAZETTEER_SUGGESTER, false);
  const open = merged([candidates(db, article.projectId, article.text), learned]).filter(
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
  // One transaction (better-sqlite3 nests createAnnotation's as a savepoint): the span and its decision land together.
  return db.$client.transaction(() => {
    const s = find(db, user, articleId, id);
    const { annotation } = createAnnotation(db, user, articleId, { label: s.label, start: s.start, end: s.end, attributes: s.attributes });
    db.insert(suggestionDecisions)
      .values({ articleId, userId: user.id, suggester: s.suggester, label: s.label, start: s.start, end: s.end, decision: 'accepted', spanId: annotation.id })
      .run();
    return annotation;
  }).immediate(); // IMMEDIATE, as every write transaction (db/client.ts)
}

/** Rejects a suggestion: it is not offered to the caller again. */
export function rejectSuggestion(db: Db, user: User, articleId: number, id: string): { rejected: string } {
  return db.$client.transaction(() => {
    const s = find(db, user, articleId, id);
    const decision = { articleId, userId: user.id, suggester: s.suggester, label: s.label, start: s.start, end: s.end, decision: 'rejected' as const };
    const row = db.insert(suggestionDecisions).values(decision).returning().get();
    audit(db, user.id, 'reject', 'suggestion', row.id, { suggestion: s.id }, { after: decision, articleId, projectId: projectOf(db, articleId) });
    return { rejected: s.id };
  }).immediate();
}

/** Whether the project's workspace offers suggestions (supervisors). */
export function suggestionsEnabled(db: Db, user: User, projectId: number): { enabled: boolean } {
  return { enabled: managedProject(db, user, projectId).suggestions };
}

/** Turns the project's suggestions on or off (supervisors). */
export function setSuggestions(db: Db, user: User, projectId: number, enabled: boolean): { enabled: boolean } {
  return db.transaction((tx) => {
    const before = managedProject(tx, user, projectId).suggestions;
    tx.update(projects).set({ suggestions: enabled }).where(eq(projects.id, projectId)).run();
    audit(tx, user.id, 'update_settings', 'project', projectId, { suggestions: enabled }, { before: { suggestions: before }, after: { suggestions: enabled }, projectId });
    return { enabled };
  });
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
  const gold = rows.filter((r) => curated.has(r.id)).map((r) => ({ text: r.text, gold: goldOf(db, r.id).map((g) => ({ label: g.label, start: g.start, end: g.end })) }));
  const predicted = gold.map((a) => candidates(db, projectId, a.text));
  const decisions = db
    .select({ suggester: suggestionDecisions.suggester, label: suggestionDecisions.label, decision: suggestionDecisions.decision })
    .from(suggestionDecisions)
    .innerJoin(articles, eq(articles.id, suggestionDecisions.articleId))
    .where(eq(articles.projectId, projectId))
    .all();
  // Every suggester and label that suggests here or was decided on; the gazetteer is each annotator's own, so it has decisions only.
  const pairs = new Map<string, { suggester: string; label: string }>();
  const add = (suggester: string, label: string) => pairs.set(`${suggester}\u0000${label}`, { suggester, label });
  if (projectLabels(db, projectId).some((l) => l.key === 'attribution')) add(ATTRIBUTION_SUGGESTER, 'attribution');
  for (const t of projectLexicon(db, projectId)) add(LEXICON_SUGGESTER, t.label);
  for (const d of decisions) add(d.suggester, d.label);
  const count = (p: { suggester: string; label: string }, d: 'accepted' | 'rejected') =>
    decisions.filter((x) => x.suggester === p.suggester && x.label === p.label && x.decision === d).length;
  return {
    quality: [...pairs.values()].map((p) => {
      const scored = p.suggester === GAZETTEER_SUGGESTER ? [] : gold.map((a, i) => ({ predicted: predicted[i]!.filter((s) => s.suggester === p.suggester), gold: a.gold }));
      return { ...p, ...suggestionQuality(scored, p.label), accepted: count(p, 'accepted'), rejected: count(p, 'rejected') };
    }),
  };
}
