import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../server/src/db/tables.js';
import { expectError, freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

/** Issue 10: an annotator skips an article with a reason; the supervisor sees the flag and clears it. */
describe('flagging (skipping) an article', () => {
  let wb: Workbench;
  let sup: string;
  let projectId: number;
  let a1: number;
  let a2: number;
  let ann: { user: { id: number }; cookie: string };
  let ben: { user: { id: number }; cookie: string };
  const flag = (id: number, json: unknown, cookie = ann.cookie) => wb.request('POST', `/api/articles/${id}/flag`, { cookie, json });
  const unflag = (id: number, cookie = ann.cookie, annotator?: number) =>
    wb.request('DELETE', `/api/articles/${id}/flag${annotator ? `?annotator=${annotator}` : ''}`, { cookie });
  /** The audit entries of one action, oldest first (straight from the database). */
  const logged = async (action: string) =>
    (await wb.db.select({ userId: auditLog.userId, data: auditLog.data }).from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id))) as Array<{
      userId: number | null;
      data: { reason?: string; annotator?: string };
    }>;
  const flagsSeenBy = async (cookie: string) =>
    (await wb.request('GET', `/api/projects/${projectId}/articles`, { cookie })).data.articles.flatMap((a: { id: number; progress: Array<{ username: string; flag: { reason: string } | null }> }) =>
      a.progress.filter((p) => p.flag).map((p) => `${a.id}:${p.username}:${p.flag!.reason}`),
    );

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    sup = (await wb.userWithSession('sup', 'supervisor')).cookie;
    ann = await wb.userWithSession('ann');
    ben = await wb.userWithSession('ben');
    projectId = (await wb.request('POST', '/api/projects', { cookie: sup, json: { name: 'Flags' } })).data.project.id;
    const imp = await wb.request('POST', `/api/projects/${projectId}/articles`, { cookie: sup, json: { articles: [{ text: 'Ein Text.' }, { text: 'Noch einer.' }] } });
    [a1, a2] = imp.data.articles.map((a: { id: number }) => a.id);
    await wb.request('POST', `/api/projects/${projectId}/assignments`, { cookie: sup, json: { annotatorIds: [ann.user.id, ben.user.id], articleIds: [a1, a2] } });
  });

  it('stores the reason of the assigned annotator; the supervisor sees it, the other annotator does not', async () => {
    const res = await flag(a1, { reason: '  Duplicate of article 2  ' });
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data.flag.reason).toBe('Duplicate of article 2');
    expect(await flagsSeenBy(sup)).toEqual([`${a1}:ann:Duplicate of article 2`]);
    expect(await flagsSeenBy(ann.cookie)).toEqual([`${a1}:ann:Duplicate of article 2`]);
    expect(await flagsSeenBy(ben.cookie)).toEqual([]);
    // A second flag replaces the reason.
    await flag(a1, { reason: 'Not a news article' });
    expect(await flagsSeenBy(sup)).toEqual([`${a1}:ann:Not a news article`]);
    const log = (await logged('flag')).map((r) => ({ userId: r.userId, reason: r.data.reason }));
    expect(log).toEqual([
      { userId: ann.user.id, reason: 'Duplicate of article 2' },
      { userId: ann.user.id, reason: 'Not a news article' },
    ]);
  });

  it('refuses a missing or blank reason with 400 naming reason, and anyone not assigned', async () => {
    expectError(await flag(a2, {}), 400, 'invalid_input', 'reason');
    expectError(await flag(a2, { reason: '   ' }), 400, 'invalid_input', 'reason');
    expectError(await flag(a2, { reason: 'x'.repeat(1001) }), 400, 'invalid_input', 'reason');
    expectError(await flag(a2, { reason: 'why' }, sup), 403, 'forbidden', 'assigned');
    const stranger = await wb.userWithSession('stranger');
    expectError(await flag(a2, { reason: 'why' }, stranger.cookie), 404, 'not_found');
    expectError(await flag(999_999, { reason: 'why' }), 404, 'not_found');
    expect(await flagsSeenBy(sup)).toEqual([`${a1}:ann:Not a news article`]);
  });

  it('takes the flag away on submitting, and refuses to flag a submitted article (409)', async () => {
    await flag(a2, { reason: 'Zu lang' }, ben.cookie);
    expect(await flagsSeenBy(sup)).toContain(`${a2}:ben:Zu lang`);
    expect((await wb.request('POST', `/api/articles/${a2}/submit`, { cookie: ben.cookie })).status).toBe(200);
    expect(await flagsSeenBy(sup)).toEqual([`${a1}:ann:Not a news article`]);
    expectError(await flag(a2, { reason: 'too late' }, ben.cookie), 409, 'conflict', 'submitted');
  });

  it('lets the annotator withdraw their own flag and nobody but a supervisor clear another’s', async () => {
    await flag(a2, { reason: 'Paywalled' });
    expectError(await unflag(a2, ben.cookie, ann.user.id), 403, 'forbidden');
    expectError(await unflag(a2, sup), 400, 'invalid_input', 'annotator');
    expectError(await unflag(a2, sup, 'x' as unknown as number), 400, 'invalid_input', 'annotator');
    const other = await wb.userWithSession('other-sup', 'supervisor');
    expectError(await unflag(a2, other.cookie, ann.user.id), 403, 'forbidden');
    expect((await unflag(a2)).data.cleared.reason).toBe('Paywalled');
    expectError(await unflag(a2), 404, 'not_found', 'Flag');
    expect(await flagsSeenBy(sup)).toEqual([`${a1}:ann:Not a news article`]);
  });

  it('lets the supervisor clear a flag, audited with the reason', async () => {
    const res = await unflag(a1, sup, ann.user.id);
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data).toMatchObject({ annotator: 'ann', cleared: { reason: 'Not a news article' } });
    expect(await flagsSeenBy(sup)).toEqual([]);
    const log = (await logged('clear_flag')).map((r) => ({ reason: r.data.reason, who: r.data.annotator }));
    expect(log).toEqual([
      { reason: 'Paywalled', who: 'ann' },
      { reason: 'Not a news article', who: 'ann' },
    ]);
  });
});
