import { count } from 'drizzle-orm';
import { SAMPLE_PROJECT, sampleArticles } from '../../../seeds/sample.js';
import type { Db } from '../db/client.js';
import { projects } from '../db/schema.js';
import { importArticles } from './articles.js';
import { createProject } from './projects.js';

/** Loads the sample project (default scheme, five German articles) into an empty database. */
export function seedSampleProjectIfEmpty(db: Db): { seeded: boolean; projectId?: number } {
  if (db.select({ n: count() }).from(projects).get()!.n > 0) return { seeded: false };
  const project = createProject(db, null, SAMPLE_PROJECT);
  importArticles(db, null, project.id, sampleArticles());
  return { seeded: true, projectId: project.id };
}
