import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiAs, launchBrowser, screenshot, signIn, startServer } from './harness.js';

const FIRST = 'Erste-Anmeldung-2026';
const RESET = 'Neues-Passwort-vom-Chef-7';
const OWN = 'Mein-eigenes-Passwort-99';

/** Issue 10: a supervisor resets and disables an annotator's account; the annotator changes their own password. */
describe('accounts in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const admin = await apiAs(server.url, 'admin', ADMIN_PASSWORD);
    for (const [username, role] of [['nora', 'annotator'], ['sam', 'supervisor']])
      expect((await admin('POST', '/api/users', { username, password: FIRST, role })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const noHorizontalOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it('resets a password: the old session ends at once and the new password signs in', async () => {
    const nora = await (await browser.newContext()).newPage();
    await signIn(nora, server.url, 'nora', FIRST);
    const sam = await (await browser.newContext({ viewport: { width: 1024, height: 800 } })).newPage();
    await signIn(sam, server.url, 'sam', FIRST);
    await sam.getByRole('link', { name: 'Accounts' }).click();
    const row = sam.getByRole('row').filter({ hasText: 'nora' });
    await row.getByRole('button', { name: 'Reset the password of nora' }).click();
    const dialog = sam.getByRole('dialog', { name: 'Reset the password of nora' });
    await dialog.getByLabel('New password').fill(RESET);
    await screenshot(sam, 'accounts-reset-1024');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await sam.getByRole('status').filter({ hasText: 'New password set for nora' }).waitFor();
    expect(await noHorizontalOverflow(sam)).toBe(true);
    // No admin-only controls for a supervisor: no role select, and other supervisors' accounts are not theirs to change.
    expect(await sam.getByRole('combobox', { name: 'Role of nora' }).count()).toBe(0);
    expect(await sam.getByRole('button', { name: 'Reset the password of admin' }).count()).toBe(0);

    await nora.reload();
    await nora.getByRole('button', { name: 'Sign in' }).waitFor();
    await nora.getByLabel('Username').fill('nora');
    await nora.getByLabel('Password').fill(FIRST);
    await nora.getByRole('button', { name: 'Sign in' }).click();
    await expect(nora.getByRole('alert').textContent()).resolves.toContain('Wrong username or password');
    await signIn(nora, server.url, 'nora', RESET);
    await nora.context().close();
    await sam.context().close();
  });

  it('disables an account after a confirmation naming what happens, and enables it again', async () => {
    const nora = await (await browser.newContext()).newPage();
    await signIn(nora, server.url, 'nora', RESET);
    const sam = await (await browser.newContext({ viewport: { width: 1400, height: 800 } })).newPage();
    await signIn(sam, server.url, 'sam', FIRST);
    await sam.getByRole('link', { name: 'Accounts' }).click();
    const row = sam.getByRole('row').filter({ hasText: 'nora' });
    await row.getByRole('button', { name: 'Disable nora' }).click();
    const confirm = sam.getByRole('alertdialog', { name: 'Disable nora?' });
    await expect(confirm.textContent()).resolves.toContain('signed out at once');
    await screenshot(sam, 'accounts-disable-1400');
    await confirm.getByRole('button', { name: 'Disable nora' }).click();
    await row.getByText('disabled', { exact: true }).waitFor();
    expect(await noHorizontalOverflow(sam)).toBe(true);
    await screenshot(sam, 'accounts-disabled-1400');

    await nora.reload();
    await nora.getByRole('button', { name: 'Sign in' }).waitFor();
    await nora.getByLabel('Username').fill('nora');
    await nora.getByLabel('Password').fill(RESET);
    await nora.getByRole('button', { name: 'Sign in' }).click();
    await nora.getByRole('alert').waitFor();

    await row.getByRole('button', { name: 'Enable' }).click();
    await row.getByText('active', { exact: true }).waitFor();
    await signIn(nora, server.url, 'nora', RESET);
    await nora.context().close();
    await sam.context().close();
  });

  it("changes one's own password; the other session ends, this one stays", async () => {
    const laptop = await (await browser.newContext()).newPage();
    await signIn(laptop, server.url, 'nora', RESET);
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 800 } })).newPage();
    await signIn(page, server.url, 'nora', RESET);
    await page.getByRole('link', { name: 'My password' }).click();
    const form = page.getByRole('form', { name: 'Change my password' });
    await form.getByLabel('Current password').fill(RESET);
    await form.getByLabel('New password', { exact: true }).fill(OWN);
    await form.getByLabel('New password again').fill(OWN + 'x');
    await form.getByRole('alert').filter({ hasText: 'The two new passwords differ.' }).waitFor();
    await form.getByLabel('New password again').fill(OWN);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
    await screenshot(page, 'account-password-1024');
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor(); // still signed in here
    await laptop.reload();
    await laptop.getByRole('button', { name: 'Sign in' }).waitFor(); // signed out there
    await signIn(laptop, server.url, 'nora', OWN);
    await laptop.context().close();
    await page.context().close();
  });
});
