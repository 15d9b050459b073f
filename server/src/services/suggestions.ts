/**
 * Suggestions in the workspace (issue 14): computed for the assigned
 * annotator from the article's text alone (the rule-based suggester), never
 * from another annotator's work, so annotation stays blind. A suggestion the
 * annotator already decided (accepted or rejected) or already covers with a
 * span of the label is not offered again. Accepting creates a normal span and
 * records that it came from the suggester; suggestions never count anywhere
 * unless accepted.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
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
import { first, lock, transaction } from '../db/tx.js';
import { annotations, articles, projects, suggestionDecisions } from '../db/tables.js';
import { badRequest, forbidden } from '../http/errors.js';
import { articleFor, managedProject } from './access.js';
import { createAnnotation } from './annotations.js';
import { audit, type Tx } from './audit.js';
import { goldArticleIds } from './exportDocs.js';
import { goldOf, projectOf } from './gold.js';
import { projectLexicon } from './lexicon.js';
import { projectLabels } from './projects.js';

async function assigned(db: Db | Tx, user: User, articleId: number) {
  const { article, assignment } = await articleFor(db, user, articleId);
  if (!assignment) throw forbidden('Suggestions are for the annotator this article is assigned to.');
  return article;
}

/** The rule suggester's attributions (attributes the scheme lacks left out) and the project's lexicon terms. */
async function candidates(db: Db | Tx, projectId: number, text: string): Promise<Suggestion[]> {
  const scheme = await projectLabels(db, projectId);
  const label = scheme.find((l) => l.key === 'attribution');
  const allowed = label?.attributes.find((a) => a.key === 'sourceType');
  const rules = label
    ? suggestAttributions(text).map((s) => (allowed?.values.some((v) => v.value === s.attributes.sourceType) ? s : { ...s, attributes: {} }))
    : [];
  const lexicon = suggestTerms(text, await projectLexicon(db, projectId), LEXICON_SUGGESTER, true);
  return [...rules, ...lexicon];
}

/**
 * The gazetteer for `user` on an article: learned from the user's own spans
 * in the project and from the gold of the project's curated articles other
 * than this one, never from another annotator's spans (annotation stays blind).
 */
async function gazetteerFor(db: Db | Tx, user: User, projectId: number, articleId: number): Promise<Term[]> {
  const ids = (await db.select({ id: articles.id }).from(articles).where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt)))).map((r) => r.id);
  const own = ids.length
    ? await db
        .select({ label: annotations.labelKey, quote: annotations.quote, attributes: annotations.attributes })
        .from(annotations)
        .where(and(eq(annotations.annotatorId, user.id), inArray(annotations.articleId, ids)))
    : [];
  const gold = [];
  for (const id of await goldArticleIds(db as Db, ids.filter((id) => id !== articleId), false)) gold.push(...(await goldOf(db, id)));
  const labels = (await projectLabels(db, projectId)).map((l) => l.key).filter((k) => k !== 'attribution');
  return learnGazetteer([...own, ...gold.map((g) => ({ label: g.label, quote: g.quote, attributes: g.attributes }))], labels);
}

/** Suggestions of several suggesters: one per place and label (rules first, then the lexicon, then the gazetteer). */
function merged(lists: Suggestion[][]): Suggestion[] {
  const out: Suggestion[] = [];
  for (const s of lists.flat()) if (!out.some((o) => o.label === s.label && o.start < s.end && s.start < o.end)) out.push(s);
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** `GET /api/articles/:id/suggestions`: what is still open for the caller. */
export async function suggestionsFor(db: Db | Tx, user: User, articleId: number): Promise<{ enabled: boolean; suggestions: Suggestion[] }> {
  const article = await assigned(db, user, articleId);
  const project = (await first(db.select({ suggestions: projects.suggestions }).from(projects).where(eq(projects.id, article.projectId))))!;
  if (!project.suggestions) return { enabled: false, suggestions: [] };
  const decided = new Set(
    (await db
      .select()
      .from(suggestionDecisions)
      .where(and(eq(suggestionDecisions.articleId, articleId), eq(suggestionDecisions.userId, user.id))))
      .map((d) => `${d.suggester}:${d.label}:${d.start}:${d.end}`),
  );
  const mine = await db
    .select({ label: annotations.labelKey, start: annotations.start, end: annotations.end })
    .from(annotations)
    .where(and(eq(annotations.articleId, articleId), eq(annotations.annotatorId, user.id)));
  const learned = suggestTerms(article.text, await gazetteerFor(db, user, article.projectId, articleId), GAZETTEER_SUGGESTER, false);
  const open = merged([await candidates(db, article.projectId, article.text), learned]).filter(
    (s) => !decided.has(s.id) && !mine.some((m) => m.label === s.label && m.start < s.end && s.start < m.end),
  );
  return { enabled: true, suggestions: open };
}

async function find(db: Db | Tx, user: User, articleId: number, id: string) {
  const { enabled, suggestions } = await suggestionsFor(db, user, articleId);
  if (!enabled) throw forbidden('Suggestions are turned off for this project.');
  const s = suggestions.find((x) => x.id === id);
  if (!s) throw badRequest(`Invalid body: id: no open suggestion "${id}"`, { issues: [{ path: 'id', message: 'no open suggestion' }] });
  return s;
}

/** Accepts a suggestion: a normal span of the caller, recorded as accepted from its suggester (the decision names its label and boundaries). */
export async function acceptSuggestion(db: Db, user: User, articleId: number, id: string): Promise<Annotation> {
  // One transaction (createAnnotation's is a savepoint of it): the span and its decision land together.
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const s = await find(tx, user, articleId, id);
    const { annotation } = await createAnnotation(tx, user, articleId, { label: s.label, start: s.start, end: s.end, attributes: s.attributes });
    await tx
      .insert(suggestionDecisions)
      .values({ articleId, userId: user.id, suggester: s.suggester, label: s.label, start: s.start, end: s.end, decision: 'accepted', spanId: annotation.id });
    return annotation;
  });
}

/** Rejects a suggestion: it is not offered to the caller again. */
export async function rejectSuggestion(db: Db, user: User, articleId: number, id: string): Promise<{ rejected: string }> {
  return transaction(db, async (tx) => {
    await lock(tx, 'article', articleId);
    const s = await find(tx, user, articleId, id);
    const decision = { articleId, userId: user.id, suggester: s.suggester, label: s.label, start: s.start, end: s.end, decision: 'rejected' as const };
    const row = (await first(tx.insert(suggestionDecisions).values(decision).returning()))!;
    await audit(tx, user.id, 'reject', 'suggestion', row.id, { suggestion: s.id }, { after: decision, articleId, projectId: await projectOf(tx, articleId) });
    return { rejected: s.id };
  });
}

/** Whether the project's workspace offers suggestions (supervisors). */
export async function suggestionsEnabled(db: Db, user: User, projectId: number): Promise<{ enabled: boolean }> {
  return { enabled: (await managedProject(db, user, projectId)).suggestions };
}

/** Turns the project's suggestions on or off (supervisors). */
export async function setSuggestions(db: Db, user: User, projectId: number, enabled: boolean): Promise<{ enabled: boolean }> {
  return transaction(db, async (tx) => {
    const before = (await managedProject(tx, user, projectId)).suggestions;
    await tx.update(projects).set({ suggestions: enabled }).where(eq(projects.id, projectId));
    await audit(tx, user.id, 'update_settings', 'project', projectId, { suggestions: enabled }, { before: { suggestions: before }, after: { suggestions: enabled }, projectId });
    return { enabled };
  });
}

/**
 * `GET /api/projects/:id/suggestion-quality`: per suggester and label, the
 * suggestions' precision, recall and F1 against the gold of curated articles
 * (shared/src/suggest/quality.ts), and how often annotators accepted and
 * rejected them.
 */
export async function suggestionQualityOf(db: Db, user: User, projectId: number) {
  await managedProject(db, user, projectId);
  const rows = await db.select({ id: articles.id, text: articles.text }).from(articles).where(and(eq(articles.projectId, projectId), isNull(articles.archivedAt)));
  const curated = new Set(await goldArticleIds(db, rows.map((r) => r.id), false));
  const gold: Array<{ text: string; gold: Array<{ label: string; start: number; end: number }> }> = [];
  for (const r of rows.filter((x) => curated.has(x.id))) gold.push({ text: r.text, gold: (await goldOf(db, r.id)).map((g) => ({ label: g.label, start: g.start, end: g.end })) });
  const predicted: Suggestion[][] = [];
  for (const a of gold) predicted.push(await candidates(db, projectId, a.text));
  const decisions = await db
    .select({ suggester: suggestionDecisions.suggester, label: suggestionDecisions.label, decision: suggestionDecisions.decision })
    .from(suggestionDecisions)
    .innerJoin(articles, eq(articles.id, suggestionDecisions.articleId))
    .where(eq(articles.projectId, projectId));
  // Every suggester and label that suggests here or was decided on; the gazetteer is each annotator's own, so it has decisions only.
  const pairs = new Map<string, { suggester: string; label: string }>();
  const add = (suggester: string, label: string) => pairs.set(`${suggester}\u0000${label}`, { suggester, label });
  if ((await projectLabels(db, projectId)).some((l) => l.key === 'attribution')) add(ATTRIBUTION_SUGGESTER, 'attribution');
  for (const t of await projectLexicon(db, projectId)) add(LEXICON_SUGGESTER, t.label);
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
