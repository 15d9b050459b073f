import { inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { attributeProblems, parseJsonlLine, parseTxtArticle, type ExportDoc, type ImportResult, type User } from '@mbw/shared';
import type { Db } from '../db/client.js';
import { annotations, assignments, relations, users } from '../db/schema.js';
import { ApiError, badRequest } from '../http/errors.js';
import { importArticles } from './articles.js';
import { audit, nowIso } from './audit.js';
import { projectLabels } from './projects.js';

/** A login hash no password matches: imported annotator accounts stay locked until given one. */
const LOCKED = 'locked$imported';

/**
 * Imports a dataset into a project in one transaction: plain text (one
 * article), or JSONL articles with the spans of any number of annotators,
 * who get (locked) accounts and submitted assignments so agreement and
 * curation see their work. Any bad line answers 400 with its line number,
 * and nothing is imported.
 */
export function importDataset(db: Db, actor: User | null, projectId: number, format: 'jsonl' | 'txt', body: string): ImportResult {
  if (format === 'txt') {
    const { title, text } = parseTxtArticle(body);
    if (!text.trim()) throw badRequest('Invalid body: the text file is empty', { issues: [{ path: 'body', message: 'empty' }] });
    importArticles(db, actor, projectId, [{ title, text }]);
    return { articles: 1, spans: 0, relations: 0, createdAnnotators: [] };
  }
  const labels = new Map(projectLabels(db, projectId).map((l) => [l.key, l]));
  const docs: ExportDoc[] = [];
  const errors: Array<{ line: number; message: string }> = [];
  const seen = new Map<string, number>();
  body
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (!line.trim()) return;
      const r = parseJsonlLine(line, ''); // no id: the article gets no external id
      if ('error' in r) return void errors.push({ line: i + 1, message: r.error });
      const problems = r.doc.spans.flatMap((s, k) => {
        const label = labels.get(s.label);
        if (!label) return [`spans.${k}.label: "${s.label}" is not a label of this project (${[...labels.keys()].join(', ')})`];
        return attributeProblems(label, s.attributes).map(([key, msg]) => `spans.${k}.attributes.${key}: ${msg}`);
      });
      if (r.doc.id && seen.has(r.doc.id)) problems.push(`id: duplicate article id "${r.doc.id}" (first on line ${seen.get(r.doc.id)})`);
      if (problems.length) return void errors.push({ line: i + 1, message: problems.join('; ') });
      seen.set(r.doc.id, i + 1);
      docs.push(r.doc);
    });
  if (errors.length)
    throw new ApiError(400, 'invalid_input', `Nothing was imported. Line ${errors[0]!.line}: ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more bad lines)` : ''}`, { errors });
  if (!docs.length) throw badRequest('Invalid body: the file has no articles', { issues: [{ path: 'body', message: 'empty' }] });

  return db.transaction((tx) => {
    const names = [...new Set(docs.flatMap((d) => d.spans.map((s) => s.annotator)))];
    const existing = names.length ? tx.select().from(users).where(inArray(users.username, names)).all() : [];
    const ids = new Map(existing.map((u) => [u.username, u.id]));
    const createdAnnotators = names.filter((n) => !ids.has(n));
    for (const username of createdAnnotators) {
      const u = tx.insert(users).values({ username, displayName: username, role: 'annotator', passwordHash: LOCKED }).returning().get();
      ids.set(username, u.id);
      audit(tx, actor?.id ?? null, 'create', 'user', u.id, { username, via: 'import' });
    }
    // Nested: importArticles' own transaction becomes a savepoint of this one.
    const created = importArticles(tx as unknown as Db, actor, projectId, docs.map((d) => ({ text: d.text, externalId: d.id || undefined, ...stringMeta(d.meta) })));
    let spanCount = 0;
    let relationCount = 0;
    docs.forEach((doc, i) => {
      const articleId = created[i]!.id;
      const who = [...new Set(doc.spans.map((s) => s.annotator))];
      if (who.length)
        tx.insert(assignments)
          .values(who.map((n) => ({ articleId, annotatorId: ids.get(n)!, status: 'submitted' as const, submittedAt: nowIso() })))
          .run();
      // Span ids are the file's; stored ids must be unique across the database.
      const newId = new Map(doc.spans.map((s) => [s.id, randomUUID()]));
      const now = nowIso();
      for (const s of doc.spans) {
        tx.insert(annotations)
          .values({ id: newId.get(s.id)!, articleId, annotatorId: ids.get(s.annotator)!, labelKey: s.label, start: s.start, end: s.end, quote: s.quote, attributes: s.attributes, note: s.note ?? null, createdAt: now, updatedAt: now })
          .run();
        spanCount++;
      }
      for (const r of doc.relations) {
        tx.insert(relations).values({ fromId: newId.get(r.from)!, toId: newId.get(r.to)!, type: r.type }).run();
        relationCount++;
      }
    });
    audit(tx, actor?.id ?? null, 'import', 'project', projectId, { articles: docs.length, spans: spanCount, relations: relationCount });
    return { articles: docs.length, spans: spanCount, relations: relationCount, createdAnnotators };
  });
}

function stringMeta(meta: ExportDoc['meta']) {
  const s = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return { title: s(meta.title), source: s(meta.source), url: s(meta.url), publishedAt: s(meta.publishedAt) };
}
