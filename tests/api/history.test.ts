import { asc } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../server/src/db/tables.js';
import { expectError, freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;
type Entry = { id: number; action: string; entity: string; entityId: string; before: any; after: any; restorable: boolean; user: { username: string } | null };

const TEXT = 'Ein Sprecher sagte, die Lage sei katastrophal. Die Regierung schweigt.';

/** Issue 11: the audit log keeps every change with its values before and after; supervisors read it per article and restore deleted spans. */
describe('article history and restore', () => {
  let wb: Workbench;
  let sup: string;
  let other: string;
  let ann: { user: { id: number }; cookie: string };
  let ben: { user: { id: number }; cookie: string };
  let projectId: number;
  let articleId: number;
  let secondId: number;

  const history = async (cookie = sup, query = '') => wb.request('GET', `/api/articles/${articleId}/history${query}`, { cookie });
  const entries = async (): Promise<Entry[]> => (await history()).data.entries;
  const span = async (json: object) => {
    const res = await wb.request('POST', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie, json });
    expect(res.status, JSON.stringify(res.data)).toBe(201);
    return res.data.annotation as { id: string; version: number };
  };
  const restore = (entryId: number, cookie = sup) => wb.request('POST', `/api/audit/${entryId}/restore`, { cookie });
  const lastDeletion = async (entity: string) => (await entries()).filter((e) => e.action === 'delete' && e.entity === entity).at(-1)!;

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sup = (await wb.userWithSession('sup', 'supervisor')).cookie;
    other = (await wb.userWithSession('other', 'supervisor')).cookie;
    ann = await wb.userWithSession('ann');
    ben = await wb.userWithSession('ben');
    projectId = (await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Verlauf' } })).data.project.id;
    const imp = await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: sup, json: { articles: [{ text: TEXT }, { text: 'Zweiter Text.' }] } });
    [articleId, secondId] = imp.data.articles.map((a: { id: number }) => a.id);
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sup, json: { annotatorIds: [ann.user.id], articleIds: [articleId] } });
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sup, json: { annotatorIds: [ben.user.id], articleIds: [secondId] } });
  });

  it('records every change of a span, its note, attributes and links with the values before and after', async () => {
    const a = await span({ label: 'attribution', start: 0, end: 18, attributes: { sourceType: 'anonymous' }, note: 'vage' });
    const b = await span({ label: 'statement', start: 20, end: 45 });
    const link = await wb.request('POST', `/api/articles/${articleId}/relations`, { cookie: ann.cookie, json: { from: a.id, to: b.id, type: 'attributes' } });
    expect(link.status).toBe(201);
    const upd = await wb.request('PATCH', `/api/annotations/${a.id}`, { cookie: ann.cookie, json: { version: a.version, attributes: { sourceType: 'none' }, note: 'keine Quelle' } });
    expect(upd.status, JSON.stringify(upd.data)).toBe(200);
    expect((await wb.request('DELETE', `/api/annotations/${a.id}`, { cookie: ann.cookie })).status).toBe(204);

    const list = await entries();
    const of = (action: string, entity: string) => list.filter((e) => e.action === action && e.entity === entity);
    const created = of('create', 'annotation');
    expect(created.map((e) => [e.before, e.after.label, e.after.note])).toEqual([
      [null, 'attribution', 'vage'],
      [null, 'statement', null],
    ]);
    expect(of('create', 'relation')[0]).toMatchObject({ before: null, after: { from: a.id, to: b.id, type: 'attributes' } });
    const [update] = of('update', 'annotation');
    expect(update!.before).toMatchObject({ attributes: { sourceType: 'anonymous' }, note: 'vage', version: 1 });
    expect(update!.after).toMatchObject({ attributes: { sourceType: 'none' }, note: 'keine Quelle', version: 2 });
    expect(update!.user?.username).toBe('ann');
    const [deletion] = of('delete', 'annotation');
    expect(deletion).toMatchObject({ after: null, restorable: true, entityId: a.id });
    expect(deletion!.before).toMatchObject({ label: 'attribution', attributes: { sourceType: 'none' }, note: 'keine Quelle', links: [{ from: a.id, to: b.id, type: 'attributes' }] });
    // Oldest first, and paged: the next page starts after the last entry of this one.
    expect(list.map((e) => e.id)).toEqual([...list.map((e) => e.id)].sort((x, y) => x - y));
    const page = await history(sup, '?limit=2');
    expect(page.data.entries).toHaveLength(2);
    const rest = await history(sup, `?after=${page.data.next}`);
    expect([...page.data.entries, ...rest.data.entries].map((e: Entry) => e.id)).toEqual(list.map((e) => e.id));
    expect(rest.data.next).toBeNull();
  });

  it('restores a deleted span with its attributes, note and links; the annotator sees it; twice is refused', async () => {
    const deletion = await lastDeletion('annotation');
    const res = await restore(deletion.id);
    expect(res.status, JSON.stringify(res.data)).toBe(201);
    expect(res.data.restored).toMatchObject({ kind: 'annotation', id: deletion.entityId, label: 'attribution', attributes: { restored: 1, dropped: [] }, note: true, links: { restored: 1, skipped: 0 } });
    const seen = (await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie })).data;
    expect(seen.annotations.find((s: { id: string }) => s.id === deletion.entityId)).toMatchObject({ attributes: { sourceType: 'none' }, note: 'keine Quelle', start: 0, end: 18 });
    expect(seen.relations).toEqual([expect.objectContaining({ from: deletion.entityId, type: 'attributes' })]);
    const after = await entries();
    expect(after.find((e) => e.id === deletion.id)!.restorable).toBe(false);
    expect(after.at(-1)).toMatchObject({ action: 'restore', entity: 'annotation', before: null, after: { id: deletion.entityId, note: 'keine Quelle' } });
    expectError(await restore(deletion.id), 409, 'exists');
  });

  it('restores a deleted gold span with its gold links, and records every gold change', async () => {
    const add = (json: object) => wb.request('POST', `/api/articles/${articleId}/gold`, { cookie: sup, json });
    const g1 = (await add({ label: 'attribution', start: 0, end: 18, attributes: { sourceType: 'anonymous' } })).data.gold;
    const g2 = (await add({ label: 'statement', start: 20, end: 45 })).data.gold;
    expect((await wb.request('POST', `/api/articles/${articleId}/gold/links`, { cookie: sup, json: { from: g1.id, to: g2.id, type: 'attributes' } })).status).toBe(201);
    expect((await wb.request('PATCH', `/api/gold/${g1.id}`, { cookie: sup, json: { version: g1.version, attributes: { sourceType: 'named_person' } } })).status).toBe(200);
    expect((await wb.request('DELETE', `/api/gold/${g1.id}`, { cookie: sup })).status).toBe(204);
    const list = await entries();
    const gold = list.filter((e) => e.entity === 'gold');
    expect(gold.map((e) => e.action)).toEqual(['create', 'create', 'link', 'update', 'delete']);
    expect(gold[3]!.before.attributes).toEqual({ sourceType: 'anonymous' });
    expect(gold[3]!.after.attributes).toEqual({ sourceType: 'named_person' });
    expect(gold[4]!.before.links).toEqual([expect.objectContaining({ from: g1.id, to: g2.id })]);

    const res = await restore(gold[4]!.id);
    expect(res.status, JSON.stringify(res.data)).toBe(201);
    expect(res.data.restored).toMatchObject({ kind: 'gold', id: g1.id, links: { restored: 1, skipped: 0 } });
    const view = (await wb.request('GET', `/api/articles/${articleId}/gold`, { cookie: sup })).data;
    expect(view.gold.find((g: { id: string }) => g.id === g1.id)).toMatchObject({ attributes: { sourceType: 'named_person' } });
    expect(view.relations).toEqual([expect.objectContaining({ from: g1.id, to: g2.id })]);
  });

  it('counts the links it cannot bring back', async () => {
    const list = await entries();
    const a = list.filter((e) => e.action === 'restore' && e.entity === 'annotation').at(-1)!.entityId;
    const b = list.find((e) => e.action === 'create' && e.after?.label === 'statement' && e.entity === 'annotation')!.entityId;
    expect((await wb.request('DELETE', `/api/annotations/${a}`, { cookie: ann.cookie })).status).toBe(204);
    const delA = await lastDeletion('annotation');
    expect((await wb.request('DELETE', `/api/annotations/${b}`, { cookie: ann.cookie })).status).toBe(204);
    const res = await restore(delA.id);
    expect(res.data.restored.links).toEqual({ restored: 0, skipped: 1 });
  });

  it('refuses: submitted, archived, label gone, not a deletion, unknown entry', async () => {
    const s = await span({ label: 'evaluative', start: 33, end: 45, attributes: { polarity: 'negative' } });
    expect((await wb.request('DELETE', `/api/annotations/${s.id}`, { cookie: ann.cookie })).status).toBe(204);
    const deletion = await lastDeletion('annotation');
    expect((await wb.request('POST', `/api/articles/${articleId}/submit`, { cookie: ann.cookie })).status).toBe(200);
    expectError(await restore(deletion.id), 409, 'submitted');
    expect((await wb.request('POST', `/api/articles/${articleId}/reopen`, { cookie: sup, json: { annotator: 'ann', comment: 'weiter' } })).status).toBe(200);
    expect((await wb.request('DELETE', `/api/articles/${articleId}`, { cookie: sup })).status).toBe(200);
    expectError(await restore(deletion.id), 409, 'archived');
    expect((await wb.request('POST', `/api/articles/${articleId}/restore`, { cookie: sup })).status).toBe(200);
    const scheme = (await wb.request('GET', `/api/projects/${projectId}/scheme`, { cookie: sup })).data.scheme;
    const next = { ...scheme, labels: scheme.labels.filter((l: { key: string }) => l.key !== 'evaluative'), relationTypes: scheme.relationTypes.map((t: { to: string[] }) => ({ ...t, to: t.to.filter((k) => k !== 'evaluative') })) };
    expect((await wb.request('PUT', `/api/projects/${projectId}/scheme?confirm=true`, { cookie: sup, json: next })).status).toBe(200);
    expectError(await restore(deletion.id), 409, 'label_gone');
    const notDeletion = (await entries()).find((e) => e.action === 'create')!;
    expectError(await restore(notDeletion.id), 409, 'not_restorable');
    expectError(await restore(999999), 404, 'not_found');
  });

  it('records each span a scheme change deletes; it comes back once its label is back', async () => {
    const s = await span({ label: 'unsupported_claim', start: 47, end: 70 });
    const put = (scheme: unknown) => wb.request('PUT', `/api/projects/${projectId}/scheme?confirm=true`, { cookie: sup, json: scheme });
    const scheme = (await wb.request('GET', `/api/projects/${projectId}/scheme`, { cookie: sup })).data.scheme;
    const without = { ...scheme, labels: scheme.labels.filter((l: { key: string }) => l.key !== 'unsupported_claim'), relationTypes: scheme.relationTypes.map((t: { to: string[] }) => ({ ...t, to: t.to.filter((k) => k !== 'unsupported_claim') })) };
    expect((await put(without)).status).toBe(200);
    const deletion = await lastDeletion('annotation');
    expect(deletion).toMatchObject({ entityId: s.id, restorable: true, before: { label: 'unsupported_claim', quote: 'Die Regierung schweigt.' } });
    expectError(await restore(deletion.id), 409, 'label_gone');
    expect((await put(scheme)).status).toBe(200);
    expect((await restore(deletion.id)).status).toBe(201);
    expect((await wb.request('GET', `/api/articles/${articleId}/annotations`, { cookie: ann.cookie })).data.annotations.map((a: { id: string }) => a.id)).toContain(s.id);
  });

  it('lets only the supervisors of the project read and restore (annotators 403 on their article, 404 on others)', async () => {
    const deletion = await lastDeletion('annotation');
    expectError(await history(ann.cookie), 403, 'forbidden');
    expectError(await history(ben.cookie), 404, 'not_found');
    expectError(await history(other), 403, 'forbidden');
    expectError(await restore(deletion.id, ann.cookie), 403, 'forbidden');
    expectError(await restore(deletion.id, other), 403, 'forbidden');
    expectError(await wb.request('GET', '/api/articles/999999/history', { cookie: sup }), 404, 'not_found');
    expectError(await history(sup, '?limit=0'), 400, 'invalid_input');
  });

  it('records project, member, assignment, archive and account changes with before and after, never a password hash', async () => {
    const admin = await wb.admin();
    expect((await wb.request('POST', `/api/projects/${projectId}/members`, { cookie: sup, json: { userId: ben.user.id, role: 'annotator' } })).status).toBe(201);
    expect((await wb.request('DELETE', `/api/projects/${projectId}/members`, { cookie: sup, json: { userId: ben.user.id } })).status).toBe(204);
    expect((await wb.request('PATCH', `/api/users/${ben.user.id}`, { cookie: admin, json: { displayName: 'Ben B.', password: 'a-new-long-passphrase-9' } })).status).toBe(200);
    expect((await wb.request('PUT', `/api/projects/${projectId}/settings`, { cookie: sup, json: { goldFeedback: true } })).status).toBe(200);
    expect((await wb.request('PATCH', `/api/projects/${projectId}/suggestions`, { cookie: sup, json: { enabled: false } })).status).toBe(200);
    const rows = await wb.db.select().from(auditLog).orderBy(asc(auditLog.id));
    const find = (action: string, entity: string) => rows.filter((r) => r.action === action && r.entity === entity).at(-1)!;
    expect(find('add_member', 'project')).toMatchObject({ before: null, after: { userId: ben.user.id, role: 'annotator' }, projectId });
    expect(find('remove_member', 'project')).toMatchObject({ before: { userId: ben.user.id, role: 'annotator' }, after: null });
    expect(find('assign', 'project').after).toMatchObject({ assignments: [expect.objectContaining({ annotatorId: ben.user.id })] });
    expect(rows.find((r) => r.action === 'update_scheme')!.before).toMatchObject({ labels: expect.arrayContaining([expect.objectContaining({ key: 'evaluative' })]) });
    expect(find('archive', 'article')).toMatchObject({ before: { archivedAt: null }, after: { archivedAt: expect.any(String) }, articleId });
    expect(find('submit', 'assignment')).toMatchObject({ before: { status: 'in_progress' }, after: { status: 'submitted' }, articleId });
    expect(rows.filter((r) => r.action === 'update_settings').map((r) => [r.before, r.after])).toEqual([
      [{ goldFeedback: false }, { goldFeedback: true }],
      [{ suggestions: true }, { suggestions: false }],
    ]);
    expect(find('update', 'user')).toMatchObject({ before: { displayName: 'ben' }, after: { displayName: 'Ben B.' } });
    // Every state-changing entry of this run has before or after; none holds a password hash.
    const bare = rows.filter((r) => r.before === null && r.after === null).map((r) => `${r.action} ${r.entity}`);
    expect(bare).toEqual([]);
    expect(JSON.stringify(rows)).not.toMatch(/scrypt\$/);
    console.log(`history: ${rows.length} audit entries, ${rows.filter((r) => r.articleId === articleId).length} on the article, all with before/after`);
  });
});
