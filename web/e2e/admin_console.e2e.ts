import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext, logIn } from './browser';

/**
 * The System Console against a real server in Chromium: who may open it, and an admin managing users
 * and channels while the people concerned have the app open in their own browser contexts.
 */
describe('System Console', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let admin: UserContext;
  let nora: UserContext;
  let vic: UserContext;
  let adminToken = '';
  let teamId = '';
  const team = 'ops';
  const password = 'correct-horse-9';
  const ids: Record<string, string> = {};

  const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const res = await fetch(`${server.url}/api/v4${path}`, {
      method: init.method ?? 'GET',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  /** A member of the team, created by the admin over the API. */
  async function createMember(username: string): Promise<void> {
    const user = await api<{ id: string }>('/users', { method: 'POST', body: { username, email: `${username}@example.com`, password } });
    ids[username] = user.id;
    await api(`/teams/${teamId}/members`, { method: 'POST', body: { team_id: teamId, user_id: user.id } });
  }

  const openUser = async (page: Page, username: string): Promise<void> => {
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.waitForURL('**/admin_console/user_management/users');
    await page.getByLabel('Search').fill(username);
    const row = page.locator(`tr[data-username="${username}"]`);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.getByRole('link').click();
    await expect.poll(() => page.locator('.admin-page-header h1').textContent()).toBe(`@${username}`);
  };

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    [admin, nora, vic] = await Promise.all([0, 1, 2].map(() => newUserContext(chrome.browser, server.url)));

    // The first account on a server is its system admin.
    await admin.page.goto('/signup_user_complete');
    await admin.page.getByLabel('Email').fill('root@example.com');
    await admin.page.getByLabel('Username').fill('root');
    await admin.page.getByLabel('Password').fill(password);
    await admin.page.getByRole('button', { name: 'Create account' }).click();
    await admin.page.getByLabel('Team name').fill('Ops');
    await admin.page.getByRole('button', { name: 'Create team' }).click();
    await admin.page.waitForURL(`**/${team}/channels/town-square`);

    const login = await fetch(`${server.url}/api/v4/users/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login_id: 'root', password }),
    });
    adminToken = login.headers.get('token') ?? '';
    teamId = (await api<{ id: string }>(`/teams/name/${team}`)).id;
    await createMember('nora');
    await createMember('vic');
    await logIn(nora.page, 'nora', password, `**/${team}/channels/town-square`);
    await logIn(vic.page, 'vic', password, `**/${team}/channels/town-square`);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const name = `failed-admin-${task.name.replace(/\W+/g, '-')}`;
      for (const [who, ctx] of Object.entries({ admin, nora, vic })) await screenshot(ctx.page, `${name}-${who}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('sends a member who opens /admin_console back to their team, saying why', async () => {
    await nora.page.getByRole('button', { name: 'Account menu' }).click();
    expect(await nora.page.getByRole('menuitem', { name: 'System Console' }).count()).toBe(0);
    await nora.page.keyboard.press('Escape');

    await nora.page.goto('/admin_console/user_management/users');
    await nora.page.waitForURL(`**/${team}/channels/town-square`);
    await expect.poll(() => nora.page.locator('.toast').textContent()).toBe('You do not have permission to open the System Console.');
    expect(await nora.page.locator('.admin-console').count()).toBe(0);
    await screenshot(nora.page, 'admin-01-not-allowed');
  });

  it('opens the console from the admin\'s account menu', async () => {
    await admin.page.getByRole('button', { name: 'Account menu' }).click();
    await admin.page.getByRole('menuitem', { name: 'System Console' }).click();
    await admin.page.waitForURL('**/admin_console/reporting/system_analytics');
    const sidebar = admin.page.getByRole('navigation', { name: 'System Console' });
    for (const name of ['Site Statistics', 'Users', 'Teams', 'Channels', 'Server Logs', 'Audit Log']) {
      expect(await sidebar.getByRole('link', { name, exact: true }).count(), name).toBe(1);
    }
    await expect.poll(() => admin.page.locator('[data-stat="Total users"]').textContent(), { timeout: 10_000 }).toBe('3');
    await expect.poll(() => admin.page.locator('[data-stat="Teams"]').textContent()).toBe('1');
    await screenshot(admin.page, 'admin-02-statistics');
  });

  it('finds a user by search and changes their role, which takes effect for them', async () => {
    await openUser(admin.page, 'nora');
    await admin.page.getByLabel('Role', { exact: true }).selectOption('system_admin');
    await admin.page.getByRole('button', { name: 'Save role' }).click();
    await expect.poll(async () => (await api<{ roles: string }>(`/users/${ids.nora}`)).roles.split(' ').sort()).toEqual(['system_admin', 'system_user']);
    await expect.poll(() => admin.page.getByRole('button', { name: 'Save role' }).isDisabled()).toBe(true);
    await screenshot(admin.page, 'admin-03-role');

    // Nora, now a system admin, may open the console.
    await nora.page.goto('/admin_console/user_management/users');
    await expect.poll(() => nora.page.locator('.admin-page-header h1').textContent(), { timeout: 10_000 }).toBe('Users');
    expect(nora.page.url()).toContain('/admin_console/user_management/users');
  });

  it('deactivates a user, whose open tab is signed out at once', async () => {
    await admin.page.goto('/admin_console/user_management/users');
    await openUser(admin.page, 'vic');
    await admin.page.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Deactivate @vic?' });
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => admin.page.getByRole('button', { name: 'Activate' }).count()).toBe(1);
    await screenshot(admin.page, 'admin-04-deactivated');

    await vic.page.waitForURL('**/login', { timeout: 15_000 });
    await expect.poll(() => vic.page.getByRole('status').textContent()).toContain('Your session has ended');
    // And stays out: the password no longer logs in.
    await vic.page.getByLabel('Email or username').fill('vic');
    await vic.page.getByLabel('Password').fill(password);
    await vic.page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => vic.page.getByRole('alert').textContent()).toContain('deactivated');
    await screenshot(vic.page, 'admin-05-signed-out');
  });

  it('archives a channel', async () => {
    const channel = await api<{ id: string }>('/channels', { method: 'POST', body: { team_id: teamId, name: 'launch-plans', display_name: 'Launch Plans', type: 'O' } });
    await admin.page.getByRole('link', { name: 'Channels', exact: true }).click();
    await admin.page.waitForURL('**/admin_console/user_management/channels');
    await admin.page.getByLabel('Search').fill('launch');
    const row = admin.page.locator('tr[data-channel="launch-plans"]');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.getByRole('link').click();
    await expect.poll(() => admin.page.locator('.admin-page-header h1').textContent()).toBe('Launch Plans');
    await admin.page.getByRole('button', { name: 'Archive' }).click();
    await admin.page.getByRole('dialog', { name: 'Archive Launch Plans?' }).getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => admin.page.getByRole('button', { name: 'Unarchive' }).count()).toBe(1);
    expect((await api<{ delete_at: number }>(`/channels/${channel.id}`)).delete_at).toBeGreaterThan(0);
    await screenshot(admin.page, 'admin-06-archived');
  });

  it('moderates a channel: members lose posting there and nowhere else', async () => {
    const channel = await api<{ id: string }>('/channels', { method: 'POST', body: { team_id: teamId, name: 'quiet-room', display_name: 'Quiet Room', type: 'O' } });
    await createMember('mia');
    await api(`/channels/${channel.id}/members`, { method: 'POST', body: { user_id: ids.mia } });
    await admin.page.getByRole('link', { name: 'Channels', exact: true }).click();
    await admin.page.getByLabel('Search').fill('quiet');
    const row = admin.page.locator('tr[data-channel="quiet-room"]');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.getByRole('link').click();
    const box = admin.page.getByLabel('Create posts: All Members');
    await expect.poll(() => box.isChecked(), { timeout: 10_000 }).toBe(true);
    await box.uncheck();
    await admin.page.getByRole('button', { name: 'Save moderation' }).click();
    await expect.poll(async () => (await api<{ name: string; roles: { members: { value: boolean } } }[]>(`/channels/${channel.id}/moderations`))
      .find((m) => m.name === 'create_post')?.roles.members.value).toBe(false);
    const login = await fetch(`${server.url}/api/v4/users/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login_id: 'mia', password }) });
    const miaToken = login.headers.get('token') ?? '';
    const postAs = (channelId: string) => fetch(`${server.url}/api/v4/posts`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${miaToken}` }, body: JSON.stringify({ channel_id: channelId, message: 'hello' }),
    }).then((r) => r.status);
    expect(await postAs(channel.id)).toBe(403);
    const townSquare = await api<{ id: string }>(`/teams/${teamId}/channels/name/town-square`);
    expect(await postAs(townSquare.id)).toBe(201);
  });

  it('shows the audit log filtered by user and action', async () => {
    await admin.page.getByRole('link', { name: 'Audit Log', exact: true }).click();
    await admin.page.waitForURL('**/admin_console/compliance/audits');
    await admin.page.getByLabel('User').fill('@nora');
    await admin.page.getByLabel('Action starts with').fill('user.login');
    await admin.page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = admin.page.locator('.admin-table tbody tr');
    await expect.poll(() => rows.first().locator('td').nth(1).textContent(), { timeout: 10_000 }).toBe('@nora');
    const users = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent));
    expect(new Set(users)).toEqual(new Set(['@nora']));
    await screenshot(admin.page, 'admin-07-audits');

    await admin.page.getByLabel('User').fill('nobody-by-this-name');
    await admin.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => admin.page.locator('form[role="search"] [role="alert"]').textContent()).toContain('Could not find @nobody-by-this-name');
  });

  it('ran without a Content-Security-Policy violation', () => {
    expect(admin.cspViolations).toEqual([]);
    expect(nora.cspViolations).toEqual([]);
    expect(vic.cspViolations).toEqual([]);
  });
});
