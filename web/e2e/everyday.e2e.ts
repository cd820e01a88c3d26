import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client4 } from '@mattermost/client';
import type { Channel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import type { Page } from 'playwright-core';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, logIn, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/**
 * Everyday features against a real server: the sign-up page (first-account text, invite links, the username rule),
 * archived channels (browse, read-only view, archiving while open, unarchive), the confirmation before leaving a
 * private channel, and people shown with their full name, nickname and position.
 */
describe('everyday features', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let root: UserContext;
  let ben: UserContext;
  let admin: Client4;
  let team: Team;
  let benUser: UserProfile;
  const password = 'correct-horse-9';
  const FIRST_ACCOUNT = 'The first account on a new server becomes its administrator.';
  const ARCHIVED_NOTE = 'You are viewing an archived channel. New messages cannot be posted.';

  const composer = (page: Page) => page.locator('.channel-view .composer textarea');
  const archivedNote = (page: Page) => page.locator('.channel-view .archived-note');

  async function newChannel(name: string, type: 'O' | 'P', members: string[]): Promise<Channel> {
    const channel = await admin.createChannel({ team_id: team.id, name, display_name: name.replace(/-/g, ' '), type } as Channel);
    for (const id of members) await admin.addToChannel(id, channel.id);
    return channel;
  }

  async function openChannelMenu(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Channel menu' }).click();
  }

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    root = await newUserContext(chrome.browser, server.url);
    ben = await newUserContext(chrome.browser, server.url);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const name = `failed-everyday-${task.name.replace(/\W+/g, '-')}`;
      await screenshot(root.page, `${name}-root`).catch(() => undefined);
      await screenshot(ben.page, `${name}-ben`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('sign-up: lowercases as typed and refuses exactly the usernames the server refuses, with the hint\'s words', async () => {
    const page = root.page;
    await page.goto('/signup_user_complete');
    // A server without accounts: this sign-up makes the administrator, and the page says so.
    await page.getByText(FIRST_ACCOUNT).waitFor();
    const field = page.getByLabel('Username');
    await field.pressSequentially('RooT');
    expect(await field.inputValue()).toBe('root');
    expect(await page.locator('#signup-username-hint').textContent()).toContain('Capitals become lowercase as you type.');
    await page.getByLabel('Email').fill('root@example.com');
    await page.getByLabel('Password').fill(password);

    const api = apiClient(server);
    for (const [name, message] of [
      ['9lives', 'This username cannot be used: it must start with a letter'],
      ['all', '“all” is reserved.'],
      ['', 'This username cannot be used'],
    ] as const) {
      await field.fill(name);
      // `required` would stop an empty name before the form's own check: this proves the rule, not the browser's.
      await field.evaluate((input) => input.removeAttribute('required'));
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain(message);
      // The server refuses the same name.
      await expect(api.createUser({ username: name, email: `x${Date.now()}@example.com`, password } as UserProfile, '', '')).rejects.toMatchObject({ status_code: 400 });
    }
    // 64 characters at most, as the server: the field takes no more.
    await field.fill('');
    await field.pressSequentially(`r${'x'.repeat(70)}`);
    expect((await field.inputValue()).length).toBe(64);
    await expect(api.createUser({ username: `r${'x'.repeat(64)}`, email: 'long@example.com', password } as UserProfile, '', '')).rejects.toMatchObject({ status_code: 400 });
    await screenshot(page, 'everyday-01-signup-rule');

    await field.fill('Root');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Team name').fill('Acme');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.waitForURL('**/acme/channels/town-square');

    admin = apiClient(server);
    await admin.login('root', password);
    team = await admin.getTeamByName('acme');
    benUser = await admin.createUser({ username: 'ben', email: 'ben@example.com', password } as UserProfile, '', '');
    const carla = await admin.createUser({
      username: 'carla', email: 'carla@example.com', password, first_name: 'Carla', last_name: 'Diaz', nickname: 'cd', position: 'Release engineer',
    } as UserProfile, '', '');
    for (const user of [benUser, carla]) await admin.addToTeam(team.id, user.id);
  });

  it('an invite link names its team and never promises administration', async () => {
    const guest = await newUserContext(chrome.browser, server.url);
    await guest.page.goto(`/signup_user_complete/?id=${team.invite_id}`);
    await guest.page.getByRole('heading', { name: 'You\'ve been invited to join Acme' }).waitFor();
    await guest.page.getByText('Create your account to join the team.').waitFor();
    expect(await guest.page.getByText(FIRST_ACCOUNT).count()).toBe(0);
    await screenshot(guest.page, 'everyday-02-invite-link');

    await guest.page.goto(`/signup_user_complete/?id=${'z'.repeat(26)}`);
    await guest.page.getByText('This invite link is not valid any more.').waitFor();
    // Without an invitation, on a server that has accounts: no first-account promise either.
    await guest.page.goto('/signup_user_complete');
    await guest.page.getByRole('heading', { name: 'Create your account' }).waitFor();
    expect(await guest.page.getByText(FIRST_ACCOUNT).count()).toBe(0);
    await guest.context.close();
  });

  it('people are shown with full name, nickname and position in the @-autocomplete and the DM picker', async () => {
    await logIn(ben.page, 'ben', password, '**/acme/channels/town-square');
    await composer(ben.page).pressSequentially('hi @car');
    const suggestion = ben.page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: /@carla/ });
    await expect.poll(() => suggestion.textContent(), { timeout: 10_000 }).toBe('@carla - Carla Diaz (cd) Release engineer');
    expect(await suggestion.locator('.person-position').textContent()).toContain('Release engineer');
    await screenshot(ben.page, 'everyday-03-autocomplete');
    await composer(ben.page).fill('');

    await ben.page.getByRole('button', { name: 'Open a direct message' }).first().click();
    const dialog = ben.page.getByRole('dialog', { name: 'Direct messages' });
    await dialog.getByLabel('Search people').fill('carla');
    const row = dialog.locator('.picker-item', { hasText: '@carla' });
    await expect.poll(() => row.locator('.person-label').textContent(), { timeout: 10_000 }).toBe('@carla - Carla Diaz (cd) Release engineer');
    await screenshot(ben.page, 'everyday-04-dm-picker');
    await ben.page.keyboard.press('Escape');
  });

  it('archiving the open channel turns it read-only in place; a plain member is offered no unarchive', async () => {
    const channel = await newChannel('old-plans', 'O', [benUser.id]);
    await admin.createPost({ channel_id: channel.id, message: 'The old plan, kept for the record' } as never);
    await ben.page.goto('/acme/channels/old-plans');
    await composer(ben.page).waitFor();
    await admin.deleteChannel(channel.id);

    await expect.poll(() => archivedNote(ben.page).textContent(), { timeout: 10_000 }).toBe(ARCHIVED_NOTE);
    expect(await composer(ben.page).count()).toBe(0);
    expect(ben.page.url()).toContain('/acme/channels/old-plans');
    // Still reachable from the sidebar while open, with no way to react, reply or edit.
    expect(await ben.page.locator('.channel-sidebar [data-channel-name="old-plans"]').count()).toBe(1);
    const post = ben.page.locator('.channel-view article.post', { hasText: 'The old plan' });
    await post.hover();
    expect(await post.getByRole('button', { name: 'Add reaction' }).count()).toBe(0);
    expect(await post.getByRole('button', { name: 'Reply' }).count()).toBe(0);
    await post.getByRole('button', { name: 'More actions' }).click();
    expect(await ben.page.getByRole('menuitem', { name: 'Edit' }).count()).toBe(0);
    expect(await ben.page.getByRole('menuitem', { name: 'Copy link' }).count()).toBe(1);
    await ben.page.keyboard.press('Escape');
    await openChannelMenu(ben.page);
    expect(await ben.page.getByRole('menuitem', { name: 'Leave channel' }).count()).toBe(1);
    expect(await ben.page.getByRole('menuitem', { name: 'Unarchive channel' }).count()).toBe(0);
    await ben.page.keyboard.press('Escape');
    await screenshot(ben.page, 'everyday-05-archived-in-place');
  });

  it('browse shows archived public channels and the archived private channels one was in, and opens them read-only', async () => {
    await newChannel('secret-ops', 'P', [benUser.id]).then((c) => admin.deleteChannel(c.id));
    await newChannel('hidden-ops', 'P', []).then((c) => admin.deleteChannel(c.id));
    await ben.page.goto('/acme/channels/town-square');
    await composer(ben.page).waitFor();
    await ben.page.locator('.sidebar-browse').click();
    const dialog = ben.page.getByRole('dialog', { name: 'Browse channels' });
    const names = async (): Promise<string[]> => (await dialog.locator('.browse-name').allTextContents()).map((n) => n.trim());
    await expect.poll(names).toContain('Town Square');
    expect(await names()).not.toContain('old plans');
    await dialog.getByLabel('Channel type').selectOption({ label: 'Archived channels' });
    await expect.poll(names).toEqual(['old plans', 'secret ops']);
    await screenshot(ben.page, 'everyday-06-browse-archived');
    await dialog.getByRole('button', { name: /secret ops/ }).click();
    await ben.page.waitForURL('**/acme/channels/secret-ops');
    await expect.poll(() => archivedNote(ben.page).textContent()).toBe(ARCHIVED_NOTE);
    expect(await composer(ben.page).count()).toBe(0);
  });

  it('an admin unarchives from the channel menu and the composer comes back, for everyone viewing it', async () => {
    await ben.page.goto('/acme/channels/old-plans');
    await archivedNote(ben.page).waitFor();
    await root.page.goto('/acme/channels/town-square');
    await composer(root.page).waitFor();
    await root.page.locator('.sidebar-browse').click();
    const dialog = root.page.getByRole('dialog', { name: 'Browse channels' });
    await dialog.getByLabel('Channel type').selectOption({ label: 'Archived channels' });
    await dialog.getByRole('button', { name: /old plans/ }).click();
    await root.page.waitForURL('**/acme/channels/old-plans');
    await archivedNote(root.page).waitFor();
    await openChannelMenu(root.page);
    await root.page.getByRole('menuitem', { name: 'Unarchive channel' }).click();
    await composer(root.page).waitFor();
    expect(await archivedNote(root.page).count()).toBe(0);
    await composer(ben.page).waitFor({ timeout: 10_000 });
    await screenshot(root.page, 'everyday-07-unarchived');
  });

  it('leaving a private channel asks first; Cancel keeps the membership, Leave (also by /leave) leaves', async () => {
    const channel = await newChannel('war-room', 'P', [benUser.id]);
    await ben.page.goto('/acme/channels/war-room');
    await composer(ben.page).waitFor();
    await openChannelMenu(ben.page);
    await ben.page.getByRole('menuitem', { name: 'Leave channel' }).click();
    const dialog = ben.page.getByRole('dialog', { name: 'Leave private channel' });
    expect(await dialog.textContent()).toContain('Leave private channel war room? You won\'t be able to rejoin unless invited.');
    await screenshot(ben.page, 'everyday-08-leave-private');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    expect(ben.page.url()).toContain('/acme/channels/war-room');
    expect((await admin.getChannelMember(channel.id, benUser.id)).user_id).toBe(benUser.id);

    await composer(ben.page).fill('/leave');
    await composer(ben.page).press('Enter');
    await dialog.getByRole('button', { name: 'Leave' }).click();
    await ben.page.waitForURL('**/acme/channels/town-square');
    await expect(admin.getChannelMember(channel.id, benUser.id)).rejects.toMatchObject({ status_code: 404 });
  });

  it('with ExperimentalViewArchivedChannels off, archived channels can be neither browsed nor opened', async () => {
    await admin.patchConfig({ TeamSettings: { ExperimentalViewArchivedChannels: false } } as unknown as Parameters<Client4['patchConfig']>[0]);
    await ben.page.goto('/acme/channels/secret-ops');
    await ben.page.waitForURL('**/acme/channels/town-square');
    await ben.page.locator('.sidebar-browse').click();
    const filter = ben.page.getByRole('dialog', { name: 'Browse channels' }).getByLabel('Channel type');
    await expect.poll(() => filter.locator('option').allTextContents()).toEqual(['All channel types', 'Public channels', 'Private channels']);
    await ben.page.keyboard.press('Escape');
  });
});
