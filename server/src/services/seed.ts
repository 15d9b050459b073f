import { count, eq, inArray } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { attributeProblems, OffsetMap, SAMPLE_LEXICON } from '@mbw/shared';
import { DEMO_ANNOTATORS, DEMO_ARTICLES } from '../../../seeds/demo/annotations.js';
import { resolveDemoArticle, type ResolvedDemoArticle } from '../../../seeds/demo/resolve.js';
import { SAMPLE_PROJECT, sampleArticles } from '../../../seeds/sample.js';
import type { Db } from '../db/client.js';
import { first, lock, transaction } from '../db/tx.js';
import { annotations, articles, assignments, projects, relations, users } from '../db/tables.js';
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
  if ((await first(db.select({ n: count() }).from(projects)))!.n > 0) return { seeded: false };
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
    const taken = await db
      .select({ username: users.username })
      .from(users)
      .where(inArray(users.username, DEMO_ANNOTATORS.map((a) => a.username)));
    if (taken.length) demoSkipped = `the username ${taken.map((t) => t.username).join(', ')} is taken`;
  }
  const withDemo = demo && !demoSkipped;
  // Nobody knows these passwords: the demo accounts are for looking at, not for signing in.
  const hashes = withDemo ? await Promise.all(DEMO_ANNOTATORS.map(() => hashPassword(randomBytes(32).toString('base64url')))) : [];

  return transaction(db, async (tx): Promise<SeedResult> => {
    await lock(tx, 'seed', 'sample');
    if ((await first(tx.select({ n: count() }).from(projects)))!.n > 0) return { seeded: false };
    // createProject and importArticles run their own transactions: inside this one they are savepoints.
    const inner = tx as unknown as Db;
    const project = await createProject(inner, null, SAMPLE_PROJECT);
    await importArticles(tx, null, project.id, sample);
    await writeLexicon(tx, null, project.id, SAMPLE_LEXICON);
    if (!withDemo) return { seeded: true, projectId: project.id, ...(demoSkipped ? { demoSkipped } : {}) };
    await seedDemoAnnotations(tx, project.id, resolved, hashes);
    return { seeded: true, projectId: project.id, demoAnnotators: DEMO_ANNOTATORS.map((a) => a.username) };
  });
}

/** The demo annotators' accounts, audited: their ids by key. */
async function createDemoAnnotators(tx: Tx, hashes: string[]): Promise<Map<string, number>> {
  const people = new Map<string, number>();
  for (const [i, a] of DEMO_ANNOTATORS.entries()) {
    const row = (await first(
      tx
        .insert(users)
        .values({ username: a.username, displayName: a.displayName, role: 'annotator', passwordHash: hashes[i]!, demo: true })
        .returning(),
    ))!;
    await audit(tx, null, 'create', 'user', row.id, { username: row.username, role: row.role, demo: true }, { after: { id: row.id, username: row.username, role: row.role } });
    people.set(a.key, row.id);
  }
  return people;
}

async function seedDemoAnnotations(tx: Tx, projectId: number, resolved: ResolvedDemoArticle[], hashes: string[]) {
  const labels = new Map((await projectLabels(tx, projectId)).map((l) => [l.key, l]));
  const people = await createDemoAnnotators(tx, hashes);
  const now = nowIso();
  let spanCount = 0;
  let linkCount = 0;
  for (const demo of resolved) {
    const article = (await tx.select().from(articles).where(eq(articles.externalId, demo.externalId))).find((a) => a.projectId === projectId);
    if (!article) throw new Error(`demo article ${demo.externalId}: not imported`);
    const map = new OffsetMap(article.text);
    await tx
      .insert(assignments)
      .values([...people.values()].map((annotatorId) => ({ articleId: article.id, annotatorId, status: 'submitted' as const, submittedAt: now })));
    const ids: string[] = [];
    for (const s of demo.spans) {
      const label = labels.get(s.label);
      if (!label) throw new Error(`demo article ${demo.externalId}: no label "${s.label}" in the sample scheme`);
      const problems = attributeProblems(label, s.attributes);
      if (problems.length) throw new Error(`demo article ${demo.externalId}: ${JSON.stringify(s.quote)}: ${problems[0]![1]}`);
      const quote = map.slice(s.start, s.end);
      if (quote !== s.quote) throw new Error(`demo article ${demo.externalId}: offsets [${s.start}, ${s.end}) read ${JSON.stringify(quote)}, not ${JSON.stringify(s.quote)}`);
      const id = randomUUID();
      await tx.insert(annotations).values({
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
      });
      ids.push(id);
    }
    if (demo.links.length) await tx.insert(relations).values(demo.links.map((l) => ({ fromId: ids[l.from]!, toId: ids[l.to]!, type: 'attributes' })));
    spanCount += ids.length;
    linkCount += demo.links.length;
  }
  const seeded = { annotators: DEMO_ANNOTATORS.map((a) => a.username), articles: resolved.length, spans: spanCount, links: linkCount };
  await audit(tx, null, 'seed_demo', 'project', projectId, seeded, { after: seeded, projectId });
}
