/**
 * The plan of an import's second pass (services/imports.ts), on both
 * engines: every read that decides what the import writes (the project's
 * labels and relation types, the accounts, the duplicate keys), made inside
 * the import's transaction, and the writes the plan makes before the
 * articles (new labels, relation types, accounts, replaced articles).
 */
import { eq } from 'drizzle-orm';
import type { ImportOptions, LabelDef, RelationTypeDef, User } from '@mbw/shared';
import { projects } from '../db/tables.js';
import { first } from '../db/tx.js';
import { planArticleKeys, removeReplaced, type ArticleKeyPlan } from './articles.js';
import type { Tx } from './audit.js';
import { planAnnotators } from './import-annotators.js';
import { withDeclaredTypes } from './import-conf.js';
import { fragmentLabels, saveRelationTypes, withFragmentType } from './import-fragments.js';
import { createLabels, newLabelDefs, planLabels } from './import-labels.js';
import type { FileSummary } from './import-pass.js';
import { createAccounts } from './import-write.js';
import { schemeOf } from './scheme.js';

export interface Plan {
  labels: Awaited<ReturnType<typeof planLabels>>;
  key: Map<string, string>;
  newLabels: LabelDef[];
  before: RelationTypeDef[];
  declared: ReturnType<typeof withDeclaredTypes> | null;
  fragments: RelationTypeDef[] | null;
  types: RelationTypeDef[];
  annotators: Awaited<ReturnType<typeof planAnnotators>>;
  articles: ArticleKeyPlan;
}

export async function plan(tx: Tx, projectId: number, sum: FileSummary, options: Partial<ImportOptions>): Promise<Plan> {
  const labels = await planLabels(tx, projectId, sum.labelCounts, options.labelMap, sum.format !== 'jsonl');
  const key = new Map(labels.map((l) => [l.name, l.key]));
  const newLabels = newLabelDefs(sum.attributes, labels, sum.scheme);
  const before = (await schemeOf(tx, (await first(tx.select().from(projects).where(eq(projects.id, projectId))))!)).relationTypes;
  // brat's annotation.conf: the declared relation types the file's links use join the labels they go to.
  const declared = sum.scheme ? withDeclaredTypes(before, sum.relationTypes, labels, sum.scheme) : null;
  // A discontinuous span's fragments stay linked: the project gets (or extends) the `fragment` relation type.
  const fragments = sum.format === 'brat' ? (withFragmentType(declared?.types ?? before, fragmentLabels(sum.fragmentEnds, declared?.rename ?? new Map(), key)) ?? declared?.types ?? null) : null;
  const annotators = await planAnnotators(tx, [...sum.found.values()], options.annotatorMap ?? {});
  const articles = await planArticleKeys(tx, projectId, sum.infos, options.onDuplicate ?? 'skip');
  return { labels, key, newLabels, before, declared, fragments, types: fragments ?? before, annotators, articles };
}

/** The plan's writes before the articles: new labels, the relation types, the new accounts (answers every name's account), the replaced articles removed. */
export async function applyPlan(tx: Tx, actor: User | null, projectId: number, p: Plan, createdAnnotators: string[]): Promise<Map<string, number>> {
  await createLabels(tx, actor, projectId, p.newLabels);
  if (p.fragments) await saveRelationTypes(tx, actor, projectId, p.before, p.fragments);
  const accounts = await createAccounts(tx, actor, p.annotators, new Set(createdAnnotators));
  await removeReplaced(tx, actor, projectId, p.articles.replace);
  return accounts;
}
