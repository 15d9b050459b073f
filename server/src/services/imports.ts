import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import {
  attributeProblems,
  parseTxtArticle,
  relationAllowed,
  type ExportRelation,
  type RelationTypeDef,
  type ExportDoc,
  type ForeignScheme,
  type ImportConf,
  type ImportAnnotator,
  type ImportFormat,
  type LabelDef,
  type SourceFile,
  type ImportOptions,
  type ImportResult,
  type User,
} from '@mbw/shared';
import type { Db } from '../db/client.js';
import { once } from '../db/prepared.js';
import { annotations, assignments, projects, relations, users } from '../db/schema.js';
import { schemeOf } from './scheme.js';
import { badRequest } from '../http/errors.js';
import { planArticles, writeArticles, type ArticlePlan } from './articles.js';
import { audit, nowIso, type Tx } from './audit.js';
import { annotatorProblems, LOCKED, planAnnotators, type FoundName } from './import-annotators.js';
import { lineErrors, type ImportLine, type LineError } from './import-lines.js';
import { createLabels, dropUndeclarable, newLabelDefs, planLabels, relabel } from './import-labels.js';
import { saveRelationTypes, withFragmentType } from './import-fragments.js';
import { withDeclaredTypes } from './import-conf.js';
import { readImport } from './import-read.js';
import { projectLabels } from './projects.js';

export { decodeUpload } from './import-lines.js';
export { readUpload } from './import-read.js';

/** An upload: its files (one, or a zip's) and the format asked for (detected when left out). */
export interface Upload {
  files: SourceFile[];
  format?: ImportFormat;
}

/**
 * Imports a dataset into a project in one transaction, whatever its format:
 * each format's reader turns the upload into interchange documents (plain
 * text: one article; JSONL: one a line), then one writer stores them.
 * Every read that decides what is written happens inside that transaction.
 * Labels of the file go to the project label of the same key, to the one
 * `labelMap` names, or else (foreign formats; JSONL refuses them by line)
 * to a new label (name kept, key derived).
 * Annotators named in the file go to existing accounts only through
 * `annotatorMap`; the others get new locked accounts (see planAnnotators).
 * Spans keep their status (`submitted`, or `draft`: assignment in progress).
 * Duplicates (external id or text) are skipped unless `onDuplicate` says
 * otherwise. Any bad line answers 400 with its line number, and nothing is
 * imported. With `dryRun`, nothing is written and the answer says what would be.
 */
export function importDataset(db: Db, actor: User | null, projectId: number, upload: Upload, options: Partial<ImportOptions> = {}): ImportResult {
  const opts = { onDuplicate: options.onDuplicate ?? 'skip', dryRun: options.dryRun ?? false, annotatorMap: options.annotatorMap ?? {} };
  const read = readImport(upload.files, upload.format, { discontinuous: options.discontinuous, layer: options.layer, feature: options.feature, columns: options.columns }, txtLine);
  const { lines, errors } = read;
  return db.transaction((tx) => {
    const labelPlan = planLabels(tx, projectId, lines, options.labelMap, read.format !== 'jsonl');
    relabel(lines, labelPlan);
    const newLabels = newLabelDefs(lines, labelPlan, read.scheme);
    const before = schemeOf(tx, tx.select().from(projects).where(eq(projects.id, projectId)).get()!).relationTypes;
    // A discontinuous span's fragments stay linked: the project gets (or extends) the `fragment` relation type.
    // brat's annotation.conf: the declared relation types the file's links use join the labels they go to.
    const declared = read.scheme ? withDeclaredTypes(before, lines, labelPlan, read.scheme) : null;
    const fragments = read.format === 'brat' ? (withFragmentType(declared?.types ?? before, lines) ?? declared?.types ?? null) : null;
    const types = fragments ?? before;
    const skippedItems = read.format === 'jsonl' ? [] : [...read.skipped, ...dropUndeclarable(lines, labelPlan), ...dropForeignLinks(lines, types)];
    // A dry run lists the labels that must be mapped (`labels[].action: 'unknown'`) so a page can ask for the mapping.
    const unknown = new Set(opts.dryRun ? labelPlan.filter((l) => l.action === 'unknown').map((l) => l.key) : []);
    const checked = unknown.size ? lines.map((l) => ({ ...l, doc: { ...l.doc, spans: l.doc.spans.filter((sp) => !unknown.has(sp.label)) } })) : lines;
    errors.push(...schemeProblems(tx, projectId, checked, newLabels, types));
    const planned = planAnnotators(tx, foundNames(lines), opts.annotatorMap);
    // A dry run lists the names that must be mapped (`annotators[].problem`) so a page can ask for the mapping.
    if (!opts.dryRun) errors.push(...annotatorProblems(planned));
    if (errors.length) throw lineErrors(errors);
    const plan = planArticles(
      tx,
      projectId,
      lines.map(({ doc }) => ({ text: doc.text, externalId: doc.id || undefined, ...stringMeta(doc.meta) })),
      opts.onDuplicate,
    );
    const kept = lines.filter((_, i) => plan.write[i]);
    const result: ImportResult = { ...summarise(lines, kept, plan, planned, opts.dryRun), format: read.format, labels: labelPlan, skippedItems, ...(read.changed?.length ? { changedText: read.changed } : {}), ...(read.scheme ? { conf: confReport(read.scheme, declared!) } : {}) };
    if (opts.dryRun) return result;
    createLabels(tx, actor, projectId, newLabels);
    if (fragments) saveRelationTypes(tx, actor, projectId, before, fragments);
    const created = writeArticles(tx, actor, projectId, plan);
    const accounts = createAccounts(tx, actor, planned, new Set(result.createdAnnotators));
    lines.forEach((l, i) => {
      const article = created[i];
      if (article) writeWork(tx, l, article.id, accounts);
    });
    const counts = { format: read.format, articles: result.articles, spans: result.spans, relations: result.relations, skipped: result.skipped, replaced: result.replaced, mapped: result.mapped, labels: newLabels.map((l) => l.key) };
    audit(tx, actor?.id ?? null, 'import', 'project', projectId, counts, { after: counts, projectId });
    return result;
  });
}

function confReport(scheme: ForeignScheme, declared: ReturnType<typeof withDeclaredTypes>): ImportConf {
  return { where: scheme.where, declaredUnused: scheme.unused, relationTypes: declared.keys, conflicts: [...scheme.conflicts, ...declared.skipped] };
}

/** Links of a foreign file the project's relation types do not allow: left out, and said so. */
function dropForeignLinks(lines: ImportLine[], types: RelationTypeDef[]): Array<{ line: number; where: string; reason: string }> {
  const skipped: Array<{ line: number; where: string; reason: string }> = [];
  for (const { line, doc } of lines) {
    const label = new Map(doc.spans.map((s) => [s.id, s.label]));
    const allowed = (r: ExportRelation) => relationAllowed(types, r.type, label.get(r.from)!, label.get(r.to)!);
    const dropped = doc.relations.filter((r) => !allowed(r));
    if (dropped.length) skipped.push({ line, where: doc.id || `document ${line}`, reason: `${dropped.length} links the project's relation types do not allow (${[...new Set(dropped.map((r) => r.type))].join(', ')})` });
    doc.relations = doc.relations.filter(allowed);
  }
  return skipped;
}

function txtLine(body: string): ImportLine {
  const { title, text } = parseTxtArticle(body);
  if (!text.trim()) throw badRequest('Invalid body: the text file is empty', { issues: [{ path: 'body', message: 'empty' }] });
  return { line: 1, doc: { id: '', text, meta: { title }, spans: [], relations: [] }, work: [] };
}

/** Labels, attributes and link types the project's scheme does not define, by line. */
function schemeProblems(tx: Tx, projectId: number, lines: ImportLine[], newLabels: LabelDef[], types: RelationTypeDef[]): LineError[] {
  const labels = new Map([...projectLabels(tx, projectId), ...newLabels].map((l) => [l.key, l]));
  return lines.flatMap(({ line, doc }) => {
    const problems = doc.spans.flatMap((s, k) => {
      const label = labels.get(s.label);
      if (!label) return [`spans.${k}.label: "${s.label}" is not a label of this project (${[...labels.keys()].join(', ')}); map it with labelMap`];
      return attributeProblems(label, s.attributes).map(([key, msg]) => `spans.${k}.attributes.${key}: ${msg}`);
    });
    const labelOf = new Map(doc.spans.map((s) => [s.id, s.label]));
    doc.relations.forEach((r, k) => {
      if (!relationAllowed(types, r.type, labelOf.get(r.from)!, labelOf.get(r.to)!))
        problems.push(`relations.${k}.type: "${r.type}" is no link type of this project from ${labelOf.get(r.from)} to ${labelOf.get(r.to)} (${types.map((t) => t.key).join(', ')})`);
    });
    return problems.length ? [{ line, message: problems.join('; ') }] : [];
  });
}

/** Every annotator name in the file, in order of first appearance. */
function foundNames(lines: ImportLine[]): FoundName[] {
  const found = new Map<string, FoundName>();
  for (const { line, doc, work } of lines) {
    for (const w of work) if (!found.has(w.annotator)) found.set(w.annotator, { name: w.annotator, line, spans: 0 });
    for (const s of doc.spans) found.get(s.annotator)!.spans++;
  }
  return [...found.values()];
}

function summarise(lines: ImportLine[], kept: ImportLine[], plan: ArticlePlan, planned: ImportAnnotator[], dryRun: boolean): ImportResult {
  const working = new Set(kept.flatMap((l) => l.work.map((w) => w.annotator)));
  const count = (action: string) => plan.duplicates.filter((d) => d.action === action).length;
  return {
    dryRun,
    articles: kept.length,
    spans: kept.reduce((n, l) => n + l.doc.spans.length, 0),
    relations: kept.reduce((n, l) => n + l.doc.relations.length, 0),
    skipped: count('skipped'),
    replaced: count('replaced'),
    duplicates: plan.duplicates.map(({ index, earlier, ...d }) => ({ ...d, line: lines[index]!.line, earlierLine: earlier === null ? null : lines[earlier]!.line })),
    annotators: planned,
    createdAnnotators: planned.filter((a) => a.action === 'create' && a.account !== null && working.has(a.name)).map((a) => a.account!),
    mapped: Object.fromEntries(planned.filter((a) => a.action === 'map').map((a) => [a.name, a.account!])),
  };
}

/** Creates the new locked accounts the kept articles need; answers every name's account id. */
function createAccounts(tx: Tx, actor: User | null, planned: ImportAnnotator[], create: Set<string>): Map<string, number> {
  const ids = new Map<string, number>();
  for (const a of planned) {
    if (a.account === null) continue;
    if (a.action === 'create' && create.has(a.account)) {
      const u = tx.insert(users).values({ username: a.account, displayName: a.account, role: 'annotator', passwordHash: LOCKED }).returning().get();
      audit(tx, actor?.id ?? null, 'create', 'user', u.id, { username: u.username, via: 'import', nameInFile: a.name }, { after: { id: u.id, username: u.username, role: 'annotator' } });
      ids.set(a.name, u.id);
    } else if (a.action === 'map') {
      const u = tx.select({ id: users.id }).from(users).where(eqUsername(a.account)).get()!;
      ids.set(a.name, u.id);
    }
  }
  return ids;
}

/**
 * One article's work: an assignment per account (its one status: draft work
 * stays in progress), the spans with new ids (stored ids are unique across
 * the database) and the links between them.
 */
function writeWork(tx: Tx, l: ImportLine, articleId: number, accounts: Map<string, number>) {
  const status = new Map<number, 'in_progress' | 'submitted'>();
  for (const w of l.work) {
    const id = accounts.get(w.annotator)!;
    const s = w.status === 'draft' ? 'in_progress' : 'submitted';
    if (status.has(id) && status.get(id) !== s)
      throw lineErrors([{ line: l.line, message: `annotatorMap: two names mapped to one account have work in different statuses on this document` }]);
    status.set(id, s);
  }
  const now = nowIso();
  if (status.size)
    tx.insert(assignments)
      .values([...status].map(([annotatorId, s]) => ({ articleId, annotatorId, status: s, submittedAt: s === 'submitted' ? now : null })))
      .run();
  const newId = new Map(l.doc.spans.map((s) => [s.id, randomUUID()]));
  const insertSpan = spanInsert(tx);
  for (const s of l.doc.spans)
    insertSpan.run({ id: newId.get(s.id)!, articleId, annotatorId: accounts.get(s.annotator)!, labelKey: s.label, start: s.start, end: s.end, quote: s.quote, attributes: s.attributes, note: s.note ?? null, now });
  const insertLink = linkInsert(tx);
  for (const r of l.doc.relations) insertLink.run({ fromId: newId.get(r.from)!, toId: newId.get(r.to)!, type: r.type });
}

const p = (name: string) => sql.placeholder(name);

// Built and prepared once per connection, not once per span (bench/exportImport.ts found the building to cost more than SQLite's writes).
const spanInsert = (tx: Tx) =>
  once(tx, 'imports.span', () =>
    tx
      .insert(annotations)
      .values({ id: p('id'), articleId: p('articleId'), annotatorId: p('annotatorId'), labelKey: p('labelKey'), start: p('start'), end: p('end'), quote: p('quote'), attributes: p('attributes'), note: p('note'), createdAt: p('now'), updatedAt: p('now') }) // encoded by the columns
      .prepare(),
  );

const linkInsert = (tx: Tx) => once(tx, 'imports.link', () => tx.insert(relations).values({ fromId: p('fromId'), toId: p('toId'), type: p('type') }).prepare());

const eqUsername = (username: string) => eq(users.username, username);

function stringMeta(meta: ExportDoc['meta']) {
  const s = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return { title: s(meta.title), source: s(meta.source), story: s(meta.story), url: s(meta.url), publishedAt: s(meta.publishedAt) };
}
