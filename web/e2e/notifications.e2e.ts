import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Client4 } from '@mattermost/client';
import type { Channel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

interface Shown {
  title: string;
  body: string;
}

/**
 * Desktop notifications in Chromium against a real server: Nina's tab is hidden and every Notification she is
 * shown is recorded (then passed to the real constructor) while Omar posts through the API. Also the channel's
 * notification preferences dialog, the @channel confirmation and Settings > Notifications.
 */
describe('notifications in the browser', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let nina: UserContext;
  let omar: Client4;
  /** Nina's own API session, to read what her browser saved. */
  let ninaApi: Client4;
  let launch: Channel;
  const password = 'correct-horse-9';
  const team = 'acme';


  async function user(api: Client4, username: string, extra: Partial<UserProfile> = {}): Promise<UserProfile> {
    return api.createUser({ username, email: `${username}@example.com`, password, ...extra } as UserProfile, '', '');
  }

  const shown = (page: Page): Promise<Shown[]> => page.evaluate(() => (window as unknown as { shownNotifications: Shown[] }).shownNotifications);
  const setHidden = (page: Page, hidden: boolean): Promise<void> =>
    page.evaluate((h) => {
      (window as unknown as { tabHidden: boolean }).tabHidden = h;
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  const say = (message: string): Promise<unknown> => omar.createPost({ channel_id: launch.id, message } as never);

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    const api = apiClient(server);
    // The first account is the system admin; it sets up the team and a channel of seven members.
    await user(api, 'root');
    await api.login('root', password);
    const created = await api.createTeam({ name: team, display_name: 'Acme', type: 'O' } as Team);
    launch = await api.createChannel({ team_id: created.id, name: 'launch', display_name: 'Launch', type: 'O' } as Channel);
    const names = ['nina', 'omar', 'pia', 'quinn', 'raj', 'sam'];
    for (const name of names) {
      const u = await user(api, name, name === 'nina' ? { first_name: 'Nina' } : {});
      await api.addToTeam(created.id, u.id);
      await api.addToChannel(u.id, launch.id);
    }
    omar = apiClient(server);
    await omar.login('omar', password);
    ninaApi = apiClient(server);
    await ninaApi.login('nina', password);

    nina = await newUserContext(chrome.browser, server.url);
    await nina.context.grantPermissions(['notifications'], { origin: server.url });
    await nina.context.addInitScript(() => {
      const w = window as unknown as { shownNotifications: Shown[]; shownObjects: Notification[]; tabHidden: boolean };
      w.shownNotifications = [];
      w.shownObjects = [];
      w.tabHidden = false;
      // A hidden tab, as when the user looks at another window: the app reads visibilityState and hidden.
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (w.tabHidden ? 'hidden' : 'visible') });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => w.tabHidden });
      const Real = window.Notification;
      class Recording extends Real {
        constructor(title: string, options?: NotificationOptions) {
          w.shownNotifications.push({ title, body: options?.body ?? '' });
          super(title, options);
          w.shownObjects.push(this);
        }
      }
      Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: Recording });
    });
    await nina.page.goto('/login');
    await nina.page.getByLabel('Email or username').fill('nina');
    await nina.page.getByLabel('Password').fill(password);
    await nina.page.getByRole('button', { name: 'Log in' }).click();
    await nina.page.waitForURL(`**/${team}/channels/town-square`);
    await nina.page.locator('.sidebar-item[data-channel-name="launch"]').waitFor();
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(nina.page, `failed-notifications-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('the browser has granted notifications and the tab reads as hidden', async () => {
    await setHidden(nina.page, true);
    expect(await nina.page.evaluate(() => [Notification.permission, document.visibilityState, document.hidden])).toEqual(['granted', 'hidden', true]);
  });

  it('shows exactly one notification when another user mentions her; a click opens the post', async () => {
    const posted = (await say('@nina please review the **launch plan**')) as { id: string };
    await expect.poll(() => shown(nina.page), { timeout: 10_000 }).toEqual([{ title: 'Launch', body: '@omar: @nina please review the launch plan' }]);
    await nina.page.evaluate(() => {
      const n = (window as unknown as { shownObjects: Notification[] }).shownObjects[0];
      n.onclick?.(new Event('click'));
    });
    await nina.page.waitForURL(`**/${team}/channels/launch`);
    await expect.poll(() => nina.page.locator(`article.post[data-post-id="${posted.id}"]`).getAttribute('class')).toContain('highlighted');
    await nina.page.locator('.sidebar-item[data-channel-name="town-square"]').click();
    await nina.page.waitForURL(`**/${team}/channels/town-square`);
  });

  it('shows none for a message without a mention on the "mentions" level', async () => {
    await say('Just chatting about lunch');
    // A mention sent after it arrives after it: once it shows, the first one has been decided.
    await say('And @nina, lunch at noon?');
    await expect.poll(async () => (await shown(nina.page)).length, { timeout: 10_000 }).toBe(2);
    expect((await shown(nina.page)).map((n) => n.body)).toEqual(['@omar: @nina please review the launch plan', '@omar: And @nina, lunch at noon?']);
  });

  it('mutes the channel from its notification preferences: then a message without a mention shows none', async () => {
    const page = nina.page;
    await setHidden(page, false);
    await page.locator('.sidebar-item[data-channel-name="launch"]').click();
    await page.waitForURL(`**/${team}/channels/launch`);
    await page.getByRole('button', { name: 'Channel menu' }).click();
    await page.getByRole('menuitem', { name: 'Notification preferences' }).click();
    const dialog = page.getByRole('dialog', { name: 'Notification preferences' });
    // The channel follows the user's level until set: "Default (Mentions, direct and group messages)".
    expect(await dialog.getByRole('radio', { name: /^Default \(Mentions/ }).isChecked()).toBe(true);
    await screenshot(page, 'notifications-channel-dialog');
    await dialog.getByRole('checkbox', { name: 'Mute channel' }).check();
    await screenshot(page, 'notifications-channel-dialog-muted');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.locator('.sidebar-item[data-channel-name="launch"]').getAttribute('class')).toContain('muted');
    expect((await ninaApi.getMyChannelMember(launch.id)).notify_props.mark_unread).toBe('mention');

    await page.locator('.sidebar-item[data-channel-name="town-square"]').click();
    await setHidden(page, true);
    const before = (await shown(page)).length;
    await say('More chatter nobody needs to hear');
    // Naming her still reaches her in a muted channel; it also marks the moment the chatter was decided.
    await say('@nina the muted channel still reaches you by name');
    await expect.poll(async () => (await shown(page)).length, { timeout: 10_000 }).toBe(before + 1);
    expect((await shown(page)).at(-1)).toEqual({ title: 'Launch', body: '@omar: @nina the muted channel still reaches you by name' });
  });

  it('asks before notifying a channel of more than five members, and Cancel keeps the draft', async () => {
    const page = nina.page;
    await setHidden(page, false);
    await page.locator('.sidebar-item[data-channel-name="launch"]').click();
    await page.waitForURL(`**/${team}/channels/launch`);
    const box = page.locator('.channel-view .composer textarea');
    await box.fill('Heads up @channel, the launch moves');
    await box.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Send notifications to 6 people?' });
    await dialog.waitFor();
    await screenshot(page, 'notifications-channel-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await box.inputValue()).toBe('Heads up @channel, the launch moves');
    expect(await page.locator('.channel-view article.post', { hasText: 'Heads up' }).count()).toBe(0);
    // Confirming sends it.
    await box.press('Enter');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.locator('.channel-view article.post', { hasText: 'Heads up' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await box.inputValue()).toBe('');
  });

  it('tells the author a mentioned team member outside the channel was not notified, and adds them on request', async () => {
    const admin = apiClient(server);
    await admin.login('root', password);
    const acme = await admin.getTeamByName(team);
    const tara = await user(admin, 'tara');
    await admin.addToTeam(acme.id, tara.id);
    const page = nina.page;
    await setHidden(page, false);
    await page.locator('.sidebar-item[data-channel-name="launch"]').click();
    const box = page.locator('.channel-view .composer textarea');
    await box.fill('@tara can you join the launch?');
    await box.press('Enter');
    const note = page.locator('.channel-view .system-message', { hasText: '@tara did not get notified by this mention' });
    await note.waitFor({ timeout: 10_000 });
    await screenshot(page, 'notifications-not-in-channel');
    await note.getByRole('button', { name: 'Add them to the channel' }).click();
    await note.getByText('@tara added to the channel.').waitFor();
    const members = await admin.getChannelMembers(launch.id);
    expect(members.map((m) => m.user_id)).toContain(tara.id);
  });

  it('saves Settings > Notifications, and a reload shows the saved values', async () => {
    const page = nina.page;
    const open = async () => {
      await page.getByRole('button', { name: 'Account menu' }).click();
      await page.getByRole('menuitem', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByRole('tab', { name: 'Notifications' }).click();
      return dialog;
    };
    let dialog = await open();
    await dialog.getByRole('radio', { name: 'All activity' }).check();
    await dialog.getByRole('radiogroup', { name: 'Notification sound' }).getByText('Off').click();
    await dialog.getByRole('checkbox', { name: 'Your case-sensitive first name "Nina"' }).check();
    await dialog.getByRole('checkbox', { name: /^Channel-wide mentions/ }).uncheck();
    const keyword = dialog.getByLabel('Add a keyword');
    await keyword.fill('Rocket');
    await keyword.press('Enter');
    await keyword.fill('deploy');
    await keyword.press('Enter');
    await dialog.getByRole('button', { name: 'Remove keyword Rocket' }).click();
    await dialog.getByRole('radio', { name: 'Replies to threads I start', exact: true }).check();
    await screenshot(page, 'notifications-settings');
    await expect
      .poll(async () => {
        const p = (await ninaApi.getMe()).notify_props as unknown as Record<string, string>;
        return [p.desktop, p.desktop_sound, p.first_name, p.channel, p.mention_keys, p.comments];
      }, { timeout: 10_000 })
      .toEqual(['all', 'false', 'true', 'false', 'deploy', 'root']);

    await page.reload();
    dialog = await open();
    expect(await dialog.getByRole('radio', { name: 'All activity' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radiogroup', { name: 'Notification sound' }).getByRole('radio', { name: 'Off' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Your case-sensitive first name "Nina"' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /^Channel-wide mentions/ }).isChecked()).toBe(false);
    expect(await dialog.getByRole('listitem').allTextContents()).toEqual(['deploy']);
    expect(await dialog.getByRole('radio', { name: 'Replies to threads I start', exact: true }).isChecked()).toBe(true);
    // No email or push sections: this server sends neither.
    expect(await dialog.getByText('Email notifications').count()).toBe(0);
    expect(await dialog.getByText('Push notifications').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('opens Settings > Notifications from the link in notification emails', async () => {
    const page = nina.page;
    await page.goto(`${server.url}/${team}/channels/launch?settings=notifications`);
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect.poll(() => dialog.getByRole('tab', { name: 'Notifications' }).getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
    expect(new URL(page.url()).search).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('ran without a Content-Security-Policy violation', () => {
    expect(nina.cspViolations).toEqual([]);
  });
});
