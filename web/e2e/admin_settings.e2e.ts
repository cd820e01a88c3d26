import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext, logIn } from './browser';

/**
 * The System Console's settings and permission pages in Chromium against a real server: an admin edits the
 * config document and a team scheme, and a member in another browser sees the effects.
 */
describe('System Console settings and permissions', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let admin: UserContext;
  let member: UserContext;
  const password = 'correct-horse-9';
  const team = 'acme';


  const setting = (page: Page, path: string) => page.locator(`[data-setting="${path}"]`);

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    // The first account on a new server is its system admin.
    const api = apiClient(server);
    await api.createUser({ username: 'root', email: 'root@example.com', password } as UserProfile, '', '');
    await api.login('root', password);
    const created = await api.createTeam({ name: team, display_name: 'Acme', type: 'O' } as Team);
    const mia = await api.createUser({ username: 'mia', email: 'mia@example.com', password } as UserProfile, '', '');
    await api.addToTeam(created.id, mia.id);
    admin = await newUserContext(chrome.browser, server.url);
    member = await newUserContext(chrome.browser, server.url);
    await logIn(admin.page, 'root', password, new RegExp(`/${team}/`));
    await logIn(member.page, 'mia', password, new RegExp(`/${team}/`));
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const name = `failed-admin-settings-${task.name.replace(/\W+/g, '-')}`;
      await screenshot(admin.page, `${name}-admin`).catch(() => undefined);
      await screenshot(member.page, `${name}-member`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('an admin changes the site name and a signed-in user sees it after a reload', async () => {
    const page = admin.page;
    await page.goto('/admin_console/site_config/customization');
    const save = page.getByRole('button', { name: 'Save' });
    const siteName = page.getByLabel('Site name');
    await expect.poll(() => siteName.inputValue()).toBe('Parley');
    expect(await save.isDisabled()).toBe(true);
    await siteName.fill('Acme Chat');
    expect(await save.isEnabled()).toBe(true);
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await save.isDisabled()).toBe(true);
    await screenshot(page, 'admin-settings-customization');

    // Saved on the server, not just in the form.
    await page.reload();
    await expect.poll(() => page.getByLabel('Site name').inputValue()).toBe('Acme Chat');

    await member.page.reload();
    await member.page.locator('.top-bar .brand', { hasText: 'Acme Chat' }).waitFor();
    await expect.poll(() => member.page.title()).toContain('Acme Chat');
  });

  it('shows a validation error from the server beside the field it concerns', async () => {
    const page = admin.page;
    await page.goto('/admin_console/environment/web_server');
    const siteUrl = page.getByLabel('Site URL');
    await siteUrl.waitFor();
    await siteUrl.fill('chat example');
    await page.getByRole('button', { name: 'Save' }).click();
    const error = setting(page, 'ServiceSettings.SiteURL').locator('.setting-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/SiteURL/);
    expect(await siteUrl.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.admin-settings-error').count()).toBe(0);
    await screenshot(page, 'admin-settings-validation');

    // Correcting the value clears the error and saves.
    await siteUrl.fill(server.url);
    expect(await error.count()).toBe(0);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  });

  it('an admin sizes the database pool on the Database page; the driver is shown, not edited', async () => {
    const page = admin.page;
    await page.goto('/admin_console/environment/database');
    const maxOpen = page.getByLabel('Maximum open connections');
    await expect.poll(() => maxOpen.inputValue()).toBe('20');
    expect(await setting(page, 'SqlSettings.DriverName').textContent()).toContain('sqlite3');
    await maxOpen.fill('8');
    await page.getByLabel('Maximum connection idle time (milliseconds)').fill('60000');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await screenshot(page, 'admin-settings-database');

    const api = apiClient(server);
    await api.login('root', password);
    expect((await api.getConfig()).SqlSettings).toMatchObject({ MaxOpenConns: 8, ConnMaxIdleTimeMilliseconds: 60000, DriverName: 'sqlite3' });
    await page.reload();
    await expect.poll(() => page.getByLabel('Maximum open connections').inputValue()).toBe('8');
  });

  it('shows keys set by the environment disabled, with the reason', async () => {
    const page = admin.page;
    // The e2e server is started with PARLEY_METRICS_ENABLE=false.
    await page.goto('/admin_console/environment/performance_monitoring');
    const enable = setting(page, 'MetricsSettings.Enable');
    await enable.getByText("Set by the server's environment or config file.").waitFor();
    expect(await enable.getByLabel('True').isDisabled()).toBe(true);
    expect(await enable.getByLabel('False').isDisabled()).toBe(true);
    expect(await enable.getByLabel('False').isChecked()).toBe(true);
    await screenshot(page, 'admin-settings-environment');
  });

  it('shows the announcement banner to every user, dismissible and remembered per text, updated live', async () => {
    const page = admin.page;
    await page.goto('/admin_console/site_config/announcement_banner');
    await setting(page, 'AnnouncementSettings.EnableBanner').getByLabel('True').check();
    await page.getByLabel('Banner text', { exact: true }).fill('Maintenance on Friday at 18:00');
    await setting(page, 'AnnouncementSettings.AllowBannerDismissal').getByLabel('True').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const banner = member.page.locator('.announcement-banner');
    await member.page.reload();
    await banner.filter({ hasText: 'Maintenance on Friday at 18:00' }).waitFor();
    await screenshot(member.page, 'admin-settings-banner');
    await member.page.getByRole('button', { name: 'Dismiss announcement' }).click();
    expect(await banner.count()).toBe(0);
    await member.page.reload();
    await member.page.locator('.top-bar').waitFor();
    expect(await banner.count()).toBe(0);

    await page.getByLabel('Banner text', { exact: true }).fill('Maintenance moved to Saturday');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    // A new text shows again, at once: open tabs get the client config with config_changed.
    await banner.filter({ hasText: 'Maintenance moved to Saturday' }).waitFor();
  });

  it('a team scheme without "create posts" keeps the team’s members from posting', async () => {
    const page = admin.page;
    await page.goto('/admin_console/user_management/permissions');
    await page.getByRole('link', { name: 'New Team Override Scheme' }).click();
    await page.waitForURL(/team_override_scheme$/);
    await page.getByLabel('Name', { exact: true }).fill('Read-only Acme');
    await page.getByLabel('Add team').first().selectOption({ label: 'Acme' });
    await page.getByRole('button', { name: 'Add team' }).click();
    await page.locator('.scheme-teams', { hasText: 'Acme' }).waitFor();
    const createPosts = page.getByLabel('Create posts: All Members');
    expect(await createPosts.isChecked()).toBe(true);
    await createPosts.uncheck();
    await screenshot(page, 'admin-settings-team-scheme');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/team_override_scheme\/[a-z0-9]{26}$/);
    // The saved scheme reads back as edited.
    await expect.poll(() => page.getByLabel('Create posts: All Members').isChecked()).toBe(false);
    expect(await page.getByLabel('Edit own posts: All Members').isChecked()).toBe(true);

    await page.goto('/admin_console/user_management/permissions');
    await page.locator('.scheme-table tr', { hasText: 'Read-only Acme' }).filter({ hasText: 'Acme' }).waitFor();
    // The scheme's roles are its own: the system scheme still lets members post.
    await page.locator('.scheme-card').first().getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/system_scheme$/);
    await expect.poll(() => page.getByLabel('Create posts: All Members').isChecked()).toBe(true);

    const chat = member.page;
    await chat.goto(`/${team}/channels/town-square`);
    const box = chat.locator('.channel-view .composer textarea');
    await box.fill('Can I still post here?');
    await box.press('Enter');
    await chat.locator('article.post.failed', { hasText: 'Can I still post here?' }).waitFor();
    await chat.locator('.toast').waitFor();
    expect(await chat.locator('.toast').textContent()).toMatch(/permission/i);
    await screenshot(chat, 'admin-settings-member-cannot-post');
  });
});
