import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, freshWorkbench } from './harness.js';

type Workbench = Awaited<ReturnType<typeof freshWorkbench>>;

const NEW_PASSWORD = 'Quellenkritik-im-Februar-2026';

/** Issue 10: one's own password, and resets, disabling and roles by admins and supervisors. */
describe('accounts', () => {
  let wb: Workbench;
  let admin: string;
  const me = (cookie: string) => wb.request('GET', '/api/auth/me', { cookie });

  beforeAll(async () => {
    wb = await freshWorkbench({ seed: false });
    admin = await wb.admin();
  });

  it('changes one\'s own password with the current one; every other session ends, this one stays', async () => {
    const { user, cookie } = await wb.userWithSession('carla');
    const laptop = await wb.login('carla', 'carla-password');
    const res = await wb.request('POST', '/api/auth/password', { cookie, json: { current: 'carla-password', password: NEW_PASSWORD } });
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect((await me(cookie)).status).toBe(200);
    expect((await me(laptop)).status).toBe(401);
    await expect(wb.login('carla', 'carla-password')).rejects.toThrow(/401/);
    expect((await me(await wb.login('carla', NEW_PASSWORD))).data.user.id).toBe(user.id);
  });

  it('refuses a wrong current password, a weak new one and a missing field, naming the field', async () => {
    const { cookie } = await wb.userWithSession('dora');
    const post = (json: unknown) => wb.request('POST', '/api/auth/password', { cookie, json });
    expectError(await post({ current: 'wrong-password', password: NEW_PASSWORD }), 400, 'invalid_input', 'current');
    expectError(await post({ current: 'dora-password', password: 'short' }), 400, 'invalid_input', 'password');
    expectError(await post({ current: 'dora-password', password: 'dora-password' }), 400, 'invalid_input', 'password');
    expectError(await post({ password: NEW_PASSWORD }), 400, 'invalid_input', 'current');
    expectError(await wb.request('POST', '/api/auth/password', { json: { current: 'x', password: NEW_PASSWORD } }), 401, 'unauthorized');
    expect(await wb.login('dora', 'dora-password')).toMatch(/=/);
  });

  it('lets a supervisor reset an annotator\'s password: the old sessions end, the new password signs in', async () => {
    const sup = await wb.userWithSession('sven', 'supervisor');
    const { user, cookie } = await wb.userWithSession('emil');
    const res = await wb.request('PATCH', `/api/users/${user.id}`, { cookie: sup.cookie, json: { password: NEW_PASSWORD, displayName: 'Emil E.' } });
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data.user).toMatchObject({ id: user.id, displayName: 'Emil E.', disabled: false });
    expect(JSON.stringify(res.data)).not.toMatch(/password/i);
    expect((await me(cookie)).status).toBe(401);
    expect((await me(await wb.login('emil', NEW_PASSWORD))).status).toBe(200);
  });

  it('disables an account: its sessions end at once and it cannot sign in, until enabled again', async () => {
    const sup = await wb.userWithSession('sina', 'supervisor');
    const { user, cookie } = await wb.userWithSession('fritz');
    const off = await wb.request('PATCH', `/api/users/${user.id}`, { cookie: sup.cookie, json: { disabled: true } });
    expect(off.status).toBe(200);
    expect(off.data.user.disabled).toBe(true);
    expectError(await me(cookie), 401, 'unauthorized');
    await expect(wb.login('fritz', 'fritz-password')).rejects.toThrow(/401/);
    const list = await wb.request('GET', '/api/users', { cookie: sup.cookie });
    expect(list.data.users.find((u: { id: number }) => u.id === user.id).disabled).toBe(true);
    expect((await wb.request('PATCH', `/api/users/${user.id}`, { cookie: sup.cookie, json: { disabled: false } })).status).toBe(200);
    expect((await me(await wb.login('fritz', 'fritz-password'))).status).toBe(200);
  });

  it('lets only admins change a role, and supervisors change annotator accounts only', async () => {
    const sup = await wb.userWithSession('sepp', 'supervisor');
    const other = await wb.userWithSession('silke', 'supervisor');
    const { user } = await wb.userWithSession('gina');
    expectError(await wb.request('PATCH', `/api/users/${user.id}`, { cookie: sup.cookie, json: { role: 'supervisor' } }), 403, 'forbidden');
    expectError(await wb.request('PATCH', `/api/users/${other.user.id}`, { cookie: sup.cookie, json: { password: NEW_PASSWORD } }), 403, 'forbidden');
    expectError(await wb.request('PATCH', `/api/users/1`, { cookie: sup.cookie, json: { disabled: true } }), 403, 'forbidden');
    const promoted = await wb.request('PATCH', `/api/users/${user.id}`, { cookie: admin, json: { role: 'supervisor' } });
    expect(promoted.status).toBe(200);
    expect(promoted.data.user.role).toBe('supervisor');
    // An annotator may change no account, not even their own through this route.
    const ann = await wb.userWithSession('hugo');
    expectError(await wb.request('PATCH', `/api/users/${ann.user.id}`, { cookie: ann.cookie, json: { displayName: 'H' } }), 403, 'forbidden');
  });

  it('refuses to disable oneself, to demote the last admin, bad bodies and unknown users', async () => {
    const adminId = (await me(admin)).data.user.id;
    const patch = (id: number | string, json: unknown) => wb.request('PATCH', `/api/users/${id}`, { cookie: admin, json });
    expectError(await patch(adminId, { disabled: true }), 400, 'invalid_input', 'disabled');
    expectError(await patch(adminId, { role: 'annotator' }), 400, 'invalid_input', 'role');
    expectError(await patch(adminId, {}), 400, 'invalid_input');
    expectError(await patch(adminId, { role: 'root' }), 400, 'invalid_input', 'role');
    expectError(await patch(adminId, { password: 'short' }), 400, 'invalid_input', 'password');
    expectError(await patch(adminId, { disabled: 'yes' }), 400, 'invalid_input', 'disabled');
    expectError(await patch(adminId, { username: 'root' }), 400, 'invalid_input', 'username');
    expectError(await patch(999999, { disabled: true }), 404, 'not_found');
    expectError(await patch('abc', { disabled: true }), 400, 'invalid_input', 'id');
    // A second admin may be demoted while another stays.
    const second = await wb.request('POST', '/api/users', { cookie: admin, json: { username: 'root2', password: NEW_PASSWORD, role: 'admin' } });
    expect((await patch(second.data.user.id, { role: 'supervisor' })).status).toBe(200);
    expect((await me(admin)).data.user.role).toBe('admin');
  });
  it('refuses usernames that name no person in exports and profiles (gold, consensus, all), in any case', async () => {
    for (const username of ['gold', 'Gold', 'CONSENSUS', 'all']) {
      const res = await wb.request('POST', '/api/users', { cookie: admin, json: { username, password: NEW_PASSWORD, role: 'annotator' } });
      expectError(res, 400, 'invalid_input', 'username');
    }
  });
});
