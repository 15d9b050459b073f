/**
 * Issue 13, the span write path: what the speed-ups must not change.
 *
 * - The sub-apps mounted on /api/articles each run `requireUser`; only the
 *   first one in a request claims an Idempotency-Key (a second claim of the
 *   same key answered 409 to every keyed span create, link and submit).
 * - Span writes take the article's text from a cache by article id and text
 *   hash: the quote and the length check are the text's, on two articles
 *   with different texts, astral characters included.
 * - The audit entry of a write keeps NULL where there is no value (not the
 *   JSON text `null`), and its before/after values.
 * - The body limit reads Content-Length without building a web Request for
 *   the body: a declared length over the route's limit answers 413, one
 *   under it reaches the route.
 */
import { and, asc, eq, sql, type SQLWrapper } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/src/db/tables.js';
import { expectError, freshWorkbench } from './harness.js';

async function scene() {
  const wb = await freshWorkbench({ demo: false });
  const admin = await wb.admin();
  const projectId = wb.sampleProjectId!;
  const texts = ['Ein 👍🏽 Text über die Regierung.', 'Ganz anderer Text, länger als der erste, ohne Emoji.'];
  const imported = await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: admin, json: { articles: texts.map((text, i) => ({ title: `T${i}`, text })) } });
  const ids: number[] = imported.data.articles.map((a: { id: number }) => a.id);
  const anna = await wb.userWithSession('anna');
  await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: admin, json: { annotatorIds: [anna.user.id], articleIds: ids } });
  return { wb, admin, ids, texts, anna };
}

describe('span writes', () => {
  it('a keyed span create runs once and is answered again, under /api/articles too', async () => {
    const { wb, ids, anna } = await scene();
    const post = () =>
      wb.request('POST', `/api/articles/${ids[0]}/annotations`, { cookie: anna.cookie, json: { label: 'evaluative', start: 0, end: 3 }, headers: { 'idempotency-key': 'span-1' } });
    const first = await post();
    const again = await post();
    expect(first.status, JSON.stringify(first.data)).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(first.data);
    const list = await wb.request('GET', `/api/articles/${ids[0]}/annotations`, { cookie: anna.cookie });
    expect(list.data.annotations).toHaveLength(1);
    await wb.close();
  });

  it("quotes and length checks come from each article's own text, astral characters counted once", async () => {
    const { wb, ids, texts, anna } = await scene();
    const create = (article: number, start: number, end: number) =>
      wb.request('POST', `/api/articles/${article}/annotations`, { cookie: anna.cookie, json: { label: 'evaluative', start, end } });
    for (let round = 0; round < 2; round++) {
      // "Ein 👍🏽 Text": 👍🏽 is two code points (thumb and skin tone), four UTF-16 units
      expect((await create(ids[0]!, 4, 11)).data.annotation.quote).toBe('👍🏽 Text');
      expect((await create(ids[1]!, 4, 11)).data.annotation.quote).toBe(Array.from(texts[1]!).slice(4, 11).join(''));
      const len0 = Array.from(texts[0]!).length;
      expectError(await create(ids[0]!, 0, len0 + 1), 400, 'invalid_input', 'end', String(len0));
      expect((await create(ids[0]!, 0, len0)).status).toBe(201);
      expect((await create(ids[1]!, 0, len0 + 1)).status).toBe(201); // the second text is longer
    }
    const span = (await create(ids[0]!, 0, 3)).data.annotation;
    const moved = await wb.request('PATCH', `/api/annotations/${span.id}`, { cookie: anna.cookie, json: { version: 1, start: 4, end: 6 } });
    expect(moved.data.annotation.quote).toBe('👍🏽');
    expectError(await wb.request('PATCH', `/api/annotations/${span.id}`, { cookie: anna.cookie, json: { version: 2, quote: 'falsch' } }), 400, 'invalid_input', 'quote');
    await wb.close();
  });

  it('audit entries keep before/after values and NULL for what is absent', async () => {
    const { wb, ids, anna } = await scene();
    const span = (await wb.request('POST', `/api/articles/${ids[0]}/annotations`, { cookie: anna.cookie, json: { label: 'evaluative', start: 0, end: 3 } })).data.annotation;
    await wb.request('PATCH', `/api/annotations/${span.id}`, { cookie: anna.cookie, json: { version: 1, end: 5 } });
    await wb.request('DELETE', `/api/annotations/${span.id}`, { cookie: anna.cookie });
    // SQL NULL (IS NULL) rather than the JSON text `null`; `data` as its stored text, key order included
    const isNull = (column: SQLWrapper) => sql<number>`case when ${column} is null then 1 else 0 end`;
    const raw = await wb.db
      .select({ action: auditLog.action, noBefore: isNull(auditLog.before), noAfter: isNull(auditLog.after), before: auditLog.before, after: auditLog.after, data: sql<string>`cast(${auditLog.data} as text)` })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'annotation'), eq(auditLog.entityId, span.id)))
      .orderBy(asc(auditLog.id));
    const end = (value: unknown) => (value as { end?: number } | null)?.end ?? null;
    const rows = raw.map(({ before, after, ...r }) => ({ ...r, noBefore: Number(r.noBefore), noAfter: Number(r.noAfter), beforeEnd: end(before), afterEnd: end(after) }));
    expect(rows).toEqual([
      { action: 'create', noBefore: 1, noAfter: 0, beforeEnd: null, afterEnd: 3, data: JSON.stringify({ label: 'evaluative', start: 0, end: 3, articleId: ids[0] }) },
      { action: 'update', noBefore: 0, noAfter: 0, beforeEnd: 3, afterEnd: 5, data: JSON.stringify({ from: { label: 'evaluative', start: 0, end: 3 }, to: { label: 'evaluative', start: 0, end: 5 } }) },
      { action: 'delete', noBefore: 0, noAfter: 1, beforeEnd: 5, afterEnd: null, data: JSON.stringify({ label: 'evaluative', start: 0, end: 5, articleId: ids[0] }) },
    ]);
    await wb.close();
  });

  it('answers 413 from a Content-Length over the limit, and lets one under it through', async () => {
    const { wb, ids, anna } = await scene();
    const send = (body: string, length: number) =>
      wb.app.request(`/api/articles/${ids[0]}/annotations`, {
        method: 'POST',
        body,
        headers: { cookie: anna.cookie, origin: 'http://localhost', 'content-type': 'application/json', 'content-length': String(length) },
      });
    const body = JSON.stringify({ label: 'evaluative', start: 0, end: 3 });
    const refused = await send(body, 4 * 1024 * 1024 + 1);
    expect(refused.status).toBe(413);
    expect((await refused.json()).error.code).toBe('too_large');
    expect((await send(body, Buffer.byteLength(body))).status).toBe(201);
    await wb.close();
  });
});
