import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Client4 } from '@mattermost/client';
import type { AdminConfig } from '@mattermost/types/config';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext, logIn } from './browser';

/**
 * Integrations in Chromium against a real server: the Integrations pages (webhooks, slash commands, bots, OAuth apps),
 * the composer's command autocomplete, personal access tokens in the settings and the console's integration settings.
 */
describe('Integrations', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let admin: UserContext;
  let api: Client4;
  let root: UserProfile;
  const password = 'correct-horse-9';
  const team = 'acme';

  const composer = (page: Page) => page.locator('.channel-view .composer textarea');
  const suggestions = (page: Page) => page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    // The first account on a new server is its system admin.
    api = apiClient(server);
    root = await api.createUser({ username: 'root', email: 'root@example.com', password } as UserProfile, '', '');
    await api.login('root', password);
    const acme = await api.createTeam({ name: team, display_name: 'Acme', type: 'O' } as Team);
    const mia = await api.createUser({ username: 'mia', email: 'mia@example.com', password } as UserProfile, '', '');
    await api.addToTeam(acme.id, mia.id);
    await api.patchConfig({ ServiceSettings: { EnableUserAccessTokens: true, EnableBotAccountCreation: true } } as unknown as AdminConfig);
    admin = await newUserContext(chrome.browser, server.url);
    await logIn(admin.page, 'root', password, new RegExp(`/${team}/`));
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(admin.page, `failed-integrations-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('an admin adds an incoming webhook from the team menu and a request to its URL posts in the channel', async () => {
    const page = admin.page;
    await page.getByRole('button', { name: 'Team menu' }).click();
    await page.getByRole('menuitem', { name: 'Integrations' }).click();
    await page.waitForURL(`**/${team}/integrations/incoming_webhooks`);
    await page.getByRole('button', { name: 'Add incoming webhook' }).click();
    const form = page.getByRole('dialog', { name: 'Add incoming webhook' });
    await form.getByLabel('Title').fill('Build server');
    await form.getByLabel('Channel', { exact: true }).selectOption({ label: 'Town Square' });
    await form.getByRole('button', { name: 'Create' }).click();

    const created = page.getByRole('dialog', { name: 'Incoming webhook created' });
    const url = (await created.getByLabel('URL', { exact: true }).textContent()) ?? '';
    expect(url).toMatch(new RegExp(`^${server.url}/hooks/[a-z0-9]{26}$`));
    await screenshot(page, 'integrations-incoming-created');
    await created.getByRole('button', { name: 'Done' }).click();
    const item = page.getByRole('listitem', { name: 'Build server' });
    expect(await item.getByLabel('URL', { exact: true }).textContent()).toBe(url);
    await screenshot(page, 'integrations-incoming');

    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'Build 42 passed' }) });
    expect(response.status).toBe(200);
    await page.getByRole('link', { name: 'Back to Acme' }).click();
    await page.locator('.channel-view article.post', { hasText: 'Build 42 passed' }).waitFor();
  });

  it('a slash command added on its page is offered in the composer with the built-ins; /away sets the status, /join opens the channel', async () => {
    const page = admin.page;
    await page.goto(`/${team}/integrations/commands`);
    await page.getByRole('button', { name: 'Add slash command' }).click();
    const form = page.getByRole('dialog', { name: 'Add slash command' });
    await form.getByLabel('Title').fill('Weather');
    await form.getByLabel('Command trigger word').fill('weather');
    await form.getByLabel('Request URL').fill('https://example.com/weather');
    await form.getByLabel('Autocomplete', { exact: true }).check();
    await form.getByLabel('Autocomplete hint').fill('[city]');
    await form.getByLabel('Autocomplete description').fill('Weather today');
    await screenshot(page, 'integrations-command-form');
    await form.getByRole('button', { name: 'Create' }).click();
    const created = page.getByRole('dialog', { name: 'Slash command created' });
    expect(await created.getByLabel('Token', { exact: true }).textContent()).toMatch(/^[a-z0-9]{26}$/);
    await created.getByRole('button', { name: 'Done' }).click();
    const command = page.getByRole('listitem', { name: 'Weather – /weather' });
    const token = command.getByLabel('Token', { exact: true });
    const firstToken = await token.textContent();
    await command.getByRole('button', { name: 'Regenerate token' }).click();
    await expect.poll(() => token.textContent()).not.toBe(firstToken);
    await command.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit slash command' });
    expect(await edit.getByLabel('Command trigger word').inputValue()).toBe('weather');
    await edit.getByLabel('Autocomplete description').fill('Forecast for a city');
    await edit.getByRole('button', { name: 'Save' }).click();
    await command.getByText('Forecast for a city').waitFor();
    await screenshot(page, 'integrations-commands');

    await page.getByRole('link', { name: 'Back to Acme' }).click();
    await composer(page).fill('/');
    const weather = suggestions(page).filter({ hasText: '/weather' });
    await weather.waitFor();
    expect(await weather.textContent()).toContain('[city]');
    expect(await weather.textContent()).toContain('Forecast for a city');
    await suggestions(page).filter({ hasText: '/away' }).waitFor();
    expect(await suggestions(page).count()).toBeGreaterThan(10);
    await screenshot(page, 'composer-command-suggestions');

    await composer(page).fill('/wea');
    await expect.poll(() => suggestions(page).allTextContents()).toEqual([expect.stringContaining('/weather')]);

    await composer(page).fill('/aw');
    await suggestions(page).filter({ hasText: '/away' }).waitFor();
    await composer(page).press('Tab');
    expect(await composer(page).inputValue()).toBe('/away ');
    await composer(page).press('Enter');
    await expect.poll(async () => (await api.getStatus(root.id)).status).toBe('away');
    expect(await composer(page).inputValue()).toBe('');

    // A command that answers with a place in the app (goto_location) takes the user there.
    await composer(page).fill('/join off-topic');
    await composer(page).press('Enter');
    await page.waitForURL(`**/${team}/channels/off-topic`);
  });

  it('a personal access token created in the settings authenticates API requests', async () => {
    const page = admin.page;
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    const tokens = page.getByRole('region', { name: 'Personal access tokens' });
    await tokens.getByRole('button', { name: 'Create token' }).click();
    await tokens.getByLabel('Token description').fill('deploy script');
    await tokens.getByRole('button', { name: 'Save token' }).click();
    const token = (await tokens.getByLabel('Access token', { exact: true }).textContent()) ?? '';
    expect(token).toMatch(/^[a-z0-9]{26}$/);
    await tokens.getByRole('listitem', { name: 'deploy script' }).waitFor();
    await screenshot(page, 'settings-access-tokens');

    const me = await fetch(`${server.url}/api/v4/users/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as UserProfile).username).toBe('root');

    await tokens.getByRole('button', { name: 'Deactivate' }).click();
    await tokens.getByRole('button', { name: 'Activate' }).waitFor();
    const refused = await fetch(`${server.url}/api/v4/users/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    await page.keyboard.press('Escape');
  });

  it('bots and OAuth apps are added on their pages, with their secrets shown once', async () => {
    const page = admin.page;
    await page.goto(`/${team}/integrations/bots`);
    await page.getByRole('button', { name: 'Add bot account' }).click();
    const botForm = page.getByRole('dialog', { name: 'Add bot account' });
    await botForm.getByLabel('Username').fill('deploybot');
    await botForm.getByLabel('Title').fill('Deploy Bot');
    await botForm.getByRole('button', { name: 'Create' }).click();
    const bot = page.getByRole('listitem', { name: 'Deploy Bot (@deploybot)' });
    await bot.waitFor();
    expect(await bot.textContent()).toContain('@root');
    await screenshot(page, 'integrations-bots');
    // A bot signs in with an access token made for it here.
    await bot.getByRole('button', { name: 'Tokens' }).click();
    const tokens = page.getByRole('dialog', { name: 'Access tokens of @deploybot' });
    await tokens.getByRole('button', { name: 'Create token' }).click();
    await tokens.getByLabel('Token description').fill('ci');
    await tokens.getByRole('button', { name: 'Save token' }).click();
    const botToken = (await tokens.getByLabel('Access token', { exact: true }).textContent()) ?? '';
    const asBot = await fetch(`${server.url}/api/v4/users/me`, { headers: { Authorization: `Bearer ${botToken}` } });
    expect(((await asBot.json()) as UserProfile).username).toBe('deploybot');
    await tokens.getByRole('button', { name: 'Close' }).click();
    await bot.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog', { name: 'Disable bot account' }).getByRole('button', { name: 'Disable' }).click();
    await bot.getByRole('button', { name: 'Enable' }).click();
    await bot.getByRole('button', { name: 'Disable' }).waitFor();

    await page.getByRole('link', { name: 'OAuth 2.0 Applications' }).click();
    await page.getByRole('button', { name: 'Add OAuth 2.0 application' }).click();
    const appForm = page.getByRole('dialog', { name: 'Add OAuth 2.0 application' });
    await appForm.getByLabel('Trusted').check();
    await appForm.getByLabel('Display name').fill('Wiki');
    await appForm.getByLabel('Description').fill('The team wiki');
    await appForm.getByLabel('Homepage').fill('https://wiki.example.com');
    await appForm.getByLabel('Callback URLs').fill('https://wiki.example.com/oauth/callback');
    await appForm.getByRole('button', { name: 'Create' }).click();
    const created = page.getByRole('dialog', { name: 'OAuth 2.0 application created' });
    const clientId = (await created.getByLabel('Client ID', { exact: true }).textContent()) ?? '';
    expect(clientId).toMatch(/^[a-z0-9]{26}$/);
    expect(await created.getByLabel('Client secret', { exact: true }).textContent()).toMatch(/^[a-z0-9]{26}$/);
    await screenshot(page, 'integrations-oauth-created');
    await created.getByRole('button', { name: 'Done' }).click();
    const app = page.getByRole('listitem', { name: 'Wiki' });
    expect(await app.getByLabel('Client ID', { exact: true }).textContent()).toBe(clientId);
    expect(await app.textContent()).toContain('Trusted');
    await screenshot(page, 'integrations-oauth');

    await page.getByRole('link', { name: 'Outgoing Webhooks' }).click();
    await page.getByRole('button', { name: 'Add outgoing webhook' }).click();
    const hookForm = page.getByRole('dialog', { name: 'Add outgoing webhook' });
    await hookForm.getByLabel('Title').fill('Deploys');
    await hookForm.getByLabel('Trigger words').fill('deploy\nrollback');
    await hookForm.getByLabel('Callback URLs').fill('https://ci.example.com/hook');
    await hookForm.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('dialog', { name: 'Outgoing webhook created' }).getByRole('button', { name: 'Done' }).click();
    const hook = page.getByRole('listitem', { name: 'Deploys' });
    expect(await hook.textContent()).toContain('deploy, rollback');
    await screenshot(page, 'integrations-outgoing');
    await hook.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete outgoing webhook' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No outgoing webhooks yet.').waitFor();
  });

  it('a member is offered only the sections their role may manage', async () => {
    const member = await newUserContext(chrome.browser, server.url);
    try {
      await logIn(member.page, 'mia', password, new RegExp(`/${team}/`));
      await member.page.goto(`/${team}/integrations/oauth2-apps`);
      // Not allowed here: sent to the first section the member may manage.
      await member.page.waitForURL(`**/${team}/integrations/incoming_webhooks`);
      const nav = member.page.getByRole('navigation', { name: 'Integrations' });
      await nav.getByRole('link', { name: 'Slash Commands' }).waitFor();
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Incoming Webhooks', 'Outgoing Webhooks', 'Slash Commands']);
      // The admin's webhook is not the member's to see.
      expect(await member.page.getByRole('listitem', { name: 'Build server' }).count()).toBe(0);
      await screenshot(member.page, 'integrations-member');
    } finally {
      await member.context.close();
    }
  });

  it('the System Console turns incoming webhooks off, and the config says so', async () => {
    const page = admin.page;
    await page.goto('/admin_console/integrations/integration_management');
    const setting = page.locator('[data-setting="ServiceSettings.EnableIncomingWebhooks"]');
    await setting.getByLabel('False').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await screenshot(page, 'admin-integration-management');
    const config = await api.getConfig();
    expect(config.ServiceSettings.EnableIncomingWebhooks).toBe(false);

    await page.getByRole('link', { name: 'Bot Accounts' }).click();
    await page.locator('[data-setting="ServiceSettings.EnableBotAccountCreation"]').getByLabel('True').waitFor();
    await screenshot(page, 'admin-bot-accounts');

    // With incoming webhooks off, the Integrations page no longer offers them.
    await page.goto(`/${team}/integrations`);
    await page.waitForURL(`**/${team}/integrations/outgoing_webhooks`);
    expect(await page.getByRole('link', { name: 'Incoming Webhooks' }).count()).toBe(0);
  });
});
