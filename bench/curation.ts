/**
 * `npm run bench` (part): the curation queue of a 10,000-article project
 * (3 annotators, ~8 spans each per article) against the article list of the
 * same project as the baseline, both through the services on one SQLite
 * file, medians of 5, printed as a ratio.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../server/src/db/client.js';
import { annotations, articles, assignments, projects, users } from '../server/src/db/schema.js';
import { listArticles } from '../server/src/services/articles.js';
import { curationQueue } from '../server/src/services/curationQueue.js';
import { ensureAdmin, listUsers } from '../server/src/services/users.js';

const ARTICLES = 10_000;
const TEXT = 'Die Regierung hat die Wahl klar gewonnen, sagte ein Sprecher am Montag in Berlin. '.repeat(6);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function curationBench() {
  const dir = mkdtempSync(join(tmpdir(), 'mbw-bench-curation-'));
  const { db, sqlite } = openDatabase(join(dir, 'bench.db'));
  try {
    await ensureAdmin(db, 'bench-admin-password');
    const admin = (await listUsers(db)).find((u) => u.username === 'admin')!;
    const projectId = db.insert(projects).values({ name: 'Queue bench' }).returning().get().id;
    const people = ['q-anna', 'q-ben', 'q-carla'].map((username) => db.insert(users).values({ username, displayName: username, role: 'annotator', passwordHash: 'x' }).returning().get().id);
    const now = new Date().toISOString();
    sqlite.transaction(() => {
      for (let i = 0; i < ARTICLES; i++) {
        const a = db.insert(articles).values({ projectId, title: `Artikel ${i}`, text: TEXT, textHash: `h${i}`, length: TEXT.length }).returning({ id: articles.id }).get();
        people.forEach((annotatorId, k) => {
          db.insert(assignments).values({ articleId: a.id, annotatorId, status: 'submitted', submittedAt: now }).run();
          for (let s = 0; s < 8; s++) {
            const start = s * 60 + (k === 2 && s % 3 === 0 ? 4 : 0); // the third annotator differs on some boundaries
            db.insert(annotations).values({ id: `${a.id}-${k}-${s}`, articleId: a.id, annotatorId, labelKey: ['attribution', 'evaluative', 'unsupported_claim'][s % 3]!, start, end: start + 25, quote: TEXT.slice(start, start + 25), attributes: {}, createdAt: now, updatedAt: now }).run();
          }
        });
      }
    })();
    const time = async (f: () => unknown) => {
      const t0 = performance.now();
      await f();
      return performance.now() - t0;
    };
    const base: number[] = [];
    const queue: number[] = [];
    for (let i = 0; i < 5; i++) {
      base.push(await time(() => listArticles(db, admin, projectId)));
      queue.push(await time(() => curationQueue(db, projectId)));
    }
    return { base: median(base), value: median(queue) };
  } finally {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await curationBench();
  console.log(`curation queue, ${ARTICLES.toLocaleString('en')} articles vs their article list (median ms): ${r.value.toFixed(1)} ms, baseline ${r.base.toFixed(1)} ms, ratio ${(r.value / r.base).toFixed(2)}`);
}
