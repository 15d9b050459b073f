import { count, eq, inArray } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { attributeProblems, OffsetMap, SAMPLE_LEXICON } from '@mbw/shared';
import { DEMO_ANNOTATORS, DEMO_ARTICLES } from '../../../seeds/demo/annotations.js';
import { resolveDemoArticle, type ResolvedDemoArticle } from '../../../seeds/demo/resolve.js';
import { SAMPLE_PROJECT, sampleArticles } from '../../../seeds/sample.js';
import type { Db } from '../db/client.js';
import { annotations, articles, assignments, projects, relations, users } from '../db/schema.js';
import { audit, nowIso, type Tx } from './audit.js';
import { importArticles } from './articles.js';
import { writeLexicon } from './lexicon.js';
import { hashPassword } from './passwords.js';
import { createProject, projectLabels } from './projects.js';

export interface SeedResult {
  seeded: boolean;
  projectId?: number;
  /** Usernames of the demo annotators whose (submitted) spans were loaded. */
  demoAnnotators?: string[];
  /** Why the demo annotations were left out, when they were. */
  demoSkipped?: string;
}

/**
 * Loads the sample project (default scheme, five German articles) into an
 * empty database, with the DEMO DATA of `seeds/demo/` unless `demo` is false:
 * three annotator accounts (random passwords nobody knows) whose submitted
 * spans populate the agreement dashboard. All in one transaction; throws when
 * a demo quote is not found in its article.
 */
export async function seedSampleProjectIfEmpty(db: Db, { demo = true } = {}): Promise<SeedResult> {
  if (db.select({ n: count() }).from(projects).get()!.n > 0) return { seeded: false };
  const sample = sampleArticles();
  // Quotes become offsets before anything is written: a missing quote throws here.
  const resolved = demo
    ? DEMO_ARTICLES.map((d) => {
        const article = sample.find((a) => a.externalId === d.externalId);
        if (!article) throw new Error(`demo article ${d.externalId}: no sample article seeds/articles/${d.externalId}.txt`);
        return resolveDemoArticle(article.text, d);
      })
    : [];
  let demoSkipped: string | undefined;
  if (demo) {
    const taken = db
      .select({ username: users.username })
      .from(users)
      .where(inArray(users.username, DEMO_ANNOTATORS.map((a) => a.username)))
      .all();
    if (taken.length) demoSkipped = `the username ${taken.map((t) => t.username).join(', ')} is taken`;
  }
  const withDemo = demo && !demoSkipped;
  // Nobody knows these passwords: the demo accounts are for looking at, not for signing in.
  const hashes = withDemo ? await Promise.all(DEMO_ANNOTATORS.map(() => hashPassword(randomBytes(32).toString('base64url')))) : [];

  return db.transaction((tx) => {
    if (tx.select({ n: count() }).from(projects).get()!.n > 0) return { seeded: false };
    // createProject and importArticles run their own transactions: inside this one they are savepoints.
    const inner = tx as unknown as Db;
    const project = createProject(inner, null, SAMPLE_PROJECT);
    importArticles(inner, null, project.id, sample);
    writeLexicon(tx, null, project.id, SAMPLE_LEXICON);
    if (!withDemo) return { seeded: true, projectId: project.id, ...(demoSkipped ? { demoSkipped } : {}) };
    seedDemoAnnotations(tx, project.id, resolved, hashes);
    return { seeded: true, projectId: project.id, demoAnnotators: DEMO_ANNOTATORS.map((a) => a.username) };
  });
}

function seedDemoAnnotations(tx: Tx, projectId: number, resolved: ResolvedDemoArticle[], hashes: string[]) {
  const labels = new Map(projectLabels(tx, projectId).map((l) => [l.key, l]));
  const people = new Map(
    DEMO_ANNOTATORS.map((a, i) => {
      const row = tx
        .insert(users)
        .values({ username: a.username, displayName: a.displayName, role: 'annotator', passwordHash: hashes[i]!, demo: true })
        .returning()
        .get();
      audit(tx, null, 'create', 'user', row.id, { username: row.username, role: row.role, demo: true }, { after: { id: row.id, username: row.username, role: row.role } });
      return [a.key, row.id] as const;
    }),
  );
  const now = nowIso();
  let spanCount = 0;
  let linkCount = 0;
  for (const demo of resolved) {
    const article = tx
      .select()
      .from(articles)
      .where(eq(articles.externalId, demo.externalId))
      .all()
      .find((a) => a.projectId === projectId);
    if (!article) throw new Error(`demo article ${demo.externalId}: not imported`);
    const map = new OffsetMap(article.text);
    tx.insert(assignments)
      .values([...people.values()].map((annotatorId) => ({ articleId: article.id, annotatorId, status: 'submitted' as const, submittedAt: now })))
      .run();
    const ids = demo.spans.map((s) => {
      const label = labels.get(s.label);
      if (!label) throw new Error(`demo article ${demo.externalId}: no label "${s.label}" in the sample scheme`);
      const problems = attributeProblems(label, s.attributes);
      if (problems.length) throw new Error(`demo article ${demo.externalId}: ${JSON.stringify(s.quote)}: ${problems[0]![1]}`);
      const quote = map.slice(s.start, s.end);
      if (quote !== s.quote) throw new Error(`demo article ${demo.externalId}: offsets [${s.start}, ${s.end}) read ${JSON.stringify(quote)}, not ${JSON.stringify(s.quote)}`);
      const id = randomUUID();
      tx.insert(annotations)
        .values({
          id,
          articleId: article.id,
          annotatorId: people.get(s.annotator)!,
          labelKey: s.label,
          start: s.start,
          end: s.end,
          quote,
          attributes: s.attributes,
          note: null,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      return id;
    });
    if (demo.links.length)
      tx.insert(relations)
        .values(demo.links.map((l) => ({ fromId: ids[l.from]!, toId: ids[l.to]!, type: 'attributes' })))
        .run();
    spanCount += ids.length;
    linkCount += demo.links.length;
  }
  const seeded = { annotators: DEMO_ANNOTATORS.map((a) => a.username), articles: resolved.length, spans: spanCount, links: linkCount };
  audit(tx, null, 'seed_demo', 'project', projectId, seeded, { after: seeded, projectId });
}
