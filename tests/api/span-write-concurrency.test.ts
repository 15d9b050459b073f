/**
 * Span writes that arrive at the same time (issue 15: on PostgreSQL the span
 * writes of one article run side by side under a shared lock, db/tx.ts
 * `lock`): every create is stored once, with its audit entry; of two edits
 * of one span from the same version one wins and the other is told (409);
 * of two deletions one deletes and the other finds no span (404), with one
 * audit entry; a submission and creates racing leave no span answered 201
 * missing and none stored after the article was submitted. On SQLite the
 * same requests take turns; the answers must be the same.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { annotations, auditLog } from '../../server/src/db/tables.js';
import { freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

const TEXT = 'Die Regierung hat nach Angaben von Beobachtern erneut eine umstrittene Entscheidung getroffen, die Kritiker für verheerend halten.';

describe('span writes at the same time', () => {
  let wb: Workbench;
  let ann: { user: { id: number }; cookie: string };
  let sup: { cookie: string };
  let articleIds: number[];

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    [sup, ann] = await Promise.all([wb.userWithSession('sup', 'supervisor'), wb.userWithSession('ann')]);
    const p = await wb.request('POST', '/api/projects', { cookie: sup.cookie, json: { name: 'Races' } });
    const projectId = p.data.project.id as number;
    const imp = await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: sup.cookie, json: { articles: [1, 2, 3].map((i) => ({ text: `${TEXT} ${i}`, title: `Race ${i}` })) } });
    articleIds = imp.data.articles.map((a: { id: number }) => a.id);
    expect((await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sup.cookie, json: { annotatorIds: [ann.user.id], articleIds } })).status).toBe(201);
  });

  const create = (articleId: number, start: number, id?: string) =>
    wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie, json: { label: 'evaluative', start, end: start + 5, ...(id ? { id } : {}) } });
  const entries = async (action: string, entityId: string) =>
    (await wb.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entity, 'annotation'), eq(auditLog.entityId, entityId)))).length;

  it('stores every one of many creates on one article, each with its audit entry', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => create(articleIds[0]!, i * 5)));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    const stored = await wb.db.select().from(annotations).where(eq(annotations.articleId, articleIds[0]!));
    expect(stored.map((s) => s.id).sort()).toEqual(answers.map((a) => a.data.annotation.id as string).sort());
    for (const a of answers) expect(await entries('create', a.data.annotation.id)).toBe(1);
  });

  it('answers a create retried at the same time (same client id) once as created and once as the same span', async () => {
    const id = 'race-retried-create';
    const answers = await Promise.all([create(articleIds[0]!, 70, id), create(articleIds[0]!, 70, id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(await entries('create', id)).toBe(1);
  });

  it('lets one of two edits from the same version win and tells the other (409)', async () => {
    const span = (await create(articleIds[1]!, 0)).data.annotation;
    const edit = (note: string) => wb.request('PATCH', `/api/annotations/${span.id}`, { cookie: ann.cookie, json: { version: span.version, note } });
    const answers = await Promise.all([edit('erste'), edit('zweite')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [stored] = await wb.db.select().from(annotations).where(eq(annotations.id, span.id));
    expect(stored!.version).toBe(span.version + 1);
    expect(stored!.note).toBe(answers.find((a) => a.status === 200)!.data.annotation.note);
    expect(await entries('update', span.id)).toBe(1);
  });

  it('deletes a span deleted twice at the same time once (204, then 404), with one audit entry', async () => {
    const span = (await create(articleIds[1]!, 20)).data.annotation;
    const answers = await Promise.all([1, 2].map(() => wb.request('DELETE', `/api/annotations/${span.id}`, { cookie: ann.cookie })));
    expect(answers.map((a) => a.status).sort()).toEqual([204, 404]);
    expect(await entries('delete', span.id)).toBe(1);
  });

  it('keeps a submission and creates racing it consistent: every 201 stored, nothing stored after the submission', async () => {
    const articleId = articleIds[2]!;
    const creates = Array.from({ length: 6 }, (_, i) => create(articleId, i * 6));
    const submit = wb.request('POST', `/api/articles/${articleId}/submit`, { cookie: ann.cookie });
    const [answers, submitted] = await Promise.all([Promise.all(creates), submit]);
    expect(submitted.status).toBe(200);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const stored = await wb.db.select().from(annotations).where(eq(annotations.articleId, articleId));
    expect(stored.map((s) => s.id).sort()).toEqual(answers.filter((a) => a.status === 201).map((a) => a.data.annotation.id as string).sort());
    expect((await create(articleId, 60)).status).toBe(409);
  });
});
