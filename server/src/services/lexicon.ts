/**
 * A project's lexicon (issue 14): terms supervisors list from their
 * guidelines, suggested in the workspace as spans of their label (see
 * shared/src/suggest/lexicon.ts). One write path: the API and the sample
 * seed both go through `writeLexicon`.
 */
import { asc, eq } from 'drizzle-orm';
import type { LexiconInput, Term, User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { lock, transaction } from '../db/tx.js';
import { lexiconTerms } from '../db/tables.js';
import { badRequest } from '../http/errors.js';
import { managedProject } from './access.js';
import { audit, type Tx } from './audit.js';
import { projectLabels } from './projects.js';

/** The project's terms, in the order they were written. */
export async function projectLexicon(db: Tx, projectId: number): Promise<Term[]> {
  return db
    .select({ term: lexiconTerms.term, label: lexiconTerms.label, attributes: lexiconTerms.attributes })
    .from(lexiconTerms)
    .where(eq(lexiconTerms.projectId, projectId))
    .orderBy(asc(lexiconTerms.id));
}

const invalid = (path: string, message: string) => badRequest(`Invalid body: ${path}: ${message}`, { issues: [{ path, message }] });

/** Checks each term against the project's scheme (label, attribute keys and values) and for repeats. */
async function checkTerms(tx: Tx, projectId: number, terms: readonly Term[]): Promise<void> {
  const scheme = await projectLabels(tx, projectId);
  const seen = new Set<string>();
  terms.forEach((t, i) => {
    const label = scheme.find((l) => l.key === t.label);
    if (!label) throw invalid(`terms.${i}.label`, `no label "${t.label}" in the project's scheme`);
    for (const [key, value] of Object.entries(t.attributes)) {
      const attr = label.attributes.find((a) => a.key === key);
      if (!attr) throw invalid(`terms.${i}.attributes.${key}`, `label "${t.label}" has no attribute "${key}"`);
      if (!attr.values.some((v) => v.value === value)) throw invalid(`terms.${i}.attributes.${key}`, `"${value}" is not a value of "${key}"`);
    }
    const key = `${t.label}\u0000${t.term.toLowerCase()}`;
    if (seen.has(key)) throw invalid(`terms.${i}.term`, `"${t.term}" is listed twice for "${t.label}"`);
    seen.add(key);
  });
}

/** Replaces the project's lexicon (inside the caller's transaction), audited. */
export async function writeLexicon(tx: Tx, userId: number | null, projectId: number, terms: readonly Term[]): Promise<Term[]> {
  await checkTerms(tx, projectId, terms);
  const before = await projectLexicon(tx, projectId);
  await tx.delete(lexiconTerms).where(eq(lexiconTerms.projectId, projectId));
  if (terms.length) await tx.insert(lexiconTerms).values(terms.map((t) => ({ projectId, term: t.term, label: t.label, attributes: t.attributes })));
  await audit(tx, userId, 'update', 'lexicon', projectId, { terms: terms.length }, { before, after: terms, projectId });
  return projectLexicon(tx, projectId);
}

/** `GET /api/projects/:id/lexicon` (supervisors). */
export async function lexiconOf(db: Db, user: User, projectId: number): Promise<{ terms: Term[] }> {
  await managedProject(db, user, projectId);
  return { terms: await projectLexicon(db, projectId) };
}

/** `PUT /api/projects/:id/lexicon` (supervisors): the whole list. */
export function setLexicon(db: Db, user: User, projectId: number, input: LexiconInput): Promise<{ terms: Term[] }> {
  return transaction(db, async (tx) => {
    await lock(tx, 'project', projectId);
    await managedProject(tx, user, projectId);
    return { terms: await writeLexicon(tx, user.id, projectId, input.terms) };
  });
}
