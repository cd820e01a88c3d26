import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/**
 * Two people in two browser contexts against a real Parley server: sign-up, team, channel,
 * real-time messaging, threads, reactions, edit, delete, pin, the switcher, unread badges, reload.
 */
describe('Parley in the browser', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let ana: UserContext;
  let ben: UserContext;
  const team = 'acme';
  const password = 'correct-horse-9';

  async function signUp(page: Page, username: string): Promise<void> {
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByRole('link', { name: 'Create account' }).click();
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
  }

  async function send(page: Page, text: string): Promise<void> {
    const box = page.locator('.channel-view .composer textarea');
    await box.fill(text);
    await box.press('Enter');
  }

  const post = (page: Page, text: string) => page.locator('.channel-view article.post', { hasText: text });

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    ana = await newUserContext(chrome.browser, server.url);
    ben = await newUserContext(chrome.browser, server.url);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const name = `failed-${task.name.replace(/\W+/g, '-')}`;
      await screenshot(ana.page, `${name}-ana`).catch(() => undefined);
      await screenshot(ben.page, `${name}-ben`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('serves the app under a strict Content-Security-Policy that the browser enforces', async () => {
    const response = await fetch(server.url);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    // A throwaway context proves the policy is live and the violation recorder works, without adding to the users' records.
    const probe = await newUserContext(chrome.browser, server.url);
    await probe.page.goto('/login');
    await probe.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
    });
    await expect.poll(() => probe.cspViolations.length).toBeGreaterThan(0);
    expect(await probe.page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    await probe.context.close();
  });

  it('signs up the first user and creates a team', async () => {
    await signUp(ana.page, 'ana');
    await ana.page.getByLabel('Team name').fill('Acme');
    await screenshot(ana.page, '01-create-team');
    await ana.page.getByRole('button', { name: 'Create team' }).click();
    await ana.page.waitForURL(`**/${team}/channels/town-square`);
    await expect.poll(() => ana.page.locator('.channel-title').textContent()).toContain('Town Square');
    await screenshot(ana.page, '02-town-square');
  });

  it('creates a channel', async () => {
    await ana.page.getByRole('button', { name: 'Add channels' }).click();
    await ana.page.getByRole('menuitem', { name: 'Create new channel' }).click();
    await ana.page.getByLabel('Name', { exact: true }).fill('Launch Plans');
    await ana.page.getByLabel('Purpose (optional)').fill('Everything about the launch');
    await ana.page.getByRole('button', { name: 'Create channel' }).click();
    await ana.page.waitForURL(`**/${team}/channels/launch-plans`);
    await expect.poll(() => ana.page.locator('.channel-title').textContent()).toContain('Launch Plans');
  });

  it('lets a second user join the team and the channel', async () => {
    await signUp(ben.page, 'ben');
    await ben.page.getByRole('button', { name: 'Join' }).click();
    await ben.page.waitForURL(`**/${team}/channels/town-square`);
    await ben.page.goto(`/${team}/channels/launch-plans`);
    await expect.poll(() => ben.page.locator('.channel-title').textContent()).toContain('Launch Plans');
  });

  it('delivers messages both ways in real time', async () => {
    await send(ana.page, 'Hello **Ben**, the launch is on :rocket:');
    await expect.poll(() => post(ben.page, 'the launch is on').count(), { timeout: 10_000 }).toBe(1);
    expect(await post(ben.page, 'the launch is on').locator('strong').textContent()).toBe('Ben');
    await send(ben.page, 'Great news @ana, thanks');
    await expect.poll(() => post(ana.page, 'Great news').count(), { timeout: 10_000 }).toBe(1);
    // The sender sees exactly one copy (the pending post is replaced, the echo is not added twice).
    expect(await post(ana.page, 'the launch is on').count()).toBe(1);
    await screenshot(ana.page, '03-conversation');
  });

  it('shows the typing indicator', async () => {
    // The server drops repeats within a second and the client re-announces every 3 s while typing, so type for a while.
    await ben.page.locator('.channel-view .composer textarea').pressSequentially('typing something longer', { delay: 160 });
    await expect.poll(() => ana.page.locator('.channel-view .typing-indicator').textContent(), { timeout: 10_000 }).toContain('ben is typing');
    await ben.page.locator('.channel-view .composer textarea').fill('');
  });

  it('replies in a thread from the right-hand panel', async () => {
    const root = post(ben.page, 'the launch is on');
    await root.hover();
    await root.getByRole('button', { name: 'Reply' }).click();
    const panel = ben.page.locator('aside.rhs');
    await expect.poll(() => panel.locator('article.post').count()).toBe(1);
    await panel.locator('textarea').fill('Replying in the thread');
    await panel.locator('textarea').press('Enter');
    await expect.poll(() => panel.locator('article.post', { hasText: 'Replying in the thread' }).count()).toBe(1);
    await expect.poll(() => ana.page.locator('article.post', { hasText: 'Replying in the thread' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(ben.page, '04-thread');
    await panel.getByRole('button', { name: 'Close panel' }).click();
  });

  it('adds a reaction that the other user sees with a count and who reacted', async () => {
    const target = post(ana.page, 'Great news');
    await target.hover();
    await target.getByRole('button', { name: 'React with +1' }).click();
    const reaction = post(ben.page, 'Great news').locator('.reaction');
    await expect.poll(() => reaction.count(), { timeout: 10_000 }).toBe(1);
    expect(await reaction.locator('.reaction-count').textContent()).toBe('1');
    expect(await reaction.getAttribute('title')).toContain('ana');
  });

  it('edits the last message with the Up arrow', async () => {
    const box = ana.page.locator('.channel-view .composer textarea');
    await box.click();
    await box.press('ArrowUp');
    const editor = ana.page.locator('.edit-box textarea');
    await editor.fill('Hello Ben, the launch moved to Friday');
    await editor.press('Enter');
    await expect.poll(() => post(ben.page, 'moved to Friday').count(), { timeout: 10_000 }).toBe(1);
    expect(await post(ben.page, 'moved to Friday').locator('.edited').count()).toBe(1);
  });

  it('pins a message and lists it in the pinned panel', async () => {
    const target = post(ana.page, 'moved to Friday');
    await target.hover();
    await target.getByRole('button', { name: 'More actions' }).click();
    await ana.page.getByRole('menuitem', { name: 'Pin to channel' }).click();
    await expect.poll(() => post(ben.page, 'moved to Friday').locator('.post-flag.pinned').count(), { timeout: 10_000 }).toBe(1);
    await ben.page.locator('.channel-header').getByRole('button', { name: 'Pinned messages' }).click();
    await expect.poll(() => ben.page.locator('aside.rhs article.post', { hasText: 'moved to Friday' }).count(), { timeout: 10_000 }).toBe(1);
    await screenshot(ben.page, '05-pinned');
    await ben.page.locator('aside.rhs').getByRole('button', { name: 'Close panel' }).click();
  });

  it('deletes a message after confirmation, for everyone', async () => {
    await send(ana.page, 'This one is a mistake');
    await expect.poll(() => post(ben.page, 'a mistake').count(), { timeout: 10_000 }).toBe(1);
    const target = post(ana.page, 'a mistake');
    await target.hover();
    await target.getByRole('button', { name: 'More actions' }).click();
    await ana.page.getByRole('menuitem', { name: 'Delete' }).click();
    await ana.page.getByRole('dialog', { name: 'Delete message' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => post(ana.page, 'a mistake').count()).toBe(0);
    await expect.poll(() => post(ben.page, 'a mistake').count(), { timeout: 10_000 }).toBe(0);
  });

  it('switches channels with Ctrl+K', async () => {
    await ana.page.keyboard.press('Control+k');
    const input = ana.page.getByRole('combobox');
    await input.fill('town');
    await input.press('Enter');
    await ana.page.waitForURL(`**/${team}/channels/town-square`);
    await expect.poll(() => ana.page.locator('.channel-title').textContent()).toContain('Town Square');
    // Alt+Up walks the sidebar: Launch Plans, Off-Topic, Town Square.
    await ana.page.keyboard.press('Alt+ArrowUp');
    await ana.page.waitForURL(`**/${team}/channels/off-topic`);
    await ana.page.keyboard.press('Alt+ArrowDown');
    await ana.page.waitForURL(`**/${team}/channels/town-square`);
  });

  it('shows an unread mention badge that clears when the channel is opened', async () => {
    await send(ben.page, 'Are you there @ana?');
    const item = ana.page.locator('.sidebar-item[data-channel-name="launch-plans"]');
    await expect.poll(() => item.locator('.badge').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await item.getAttribute('class')).toContain('unread');
    await expect.poll(() => ana.page.title()).toMatch(/^\(1\)/);
    await screenshot(ana.page, '06-unread-badge');
    await item.click();
    await ana.page.waitForURL(`**/${team}/channels/launch-plans`);
    await expect.poll(() => item.locator('.badge').count()).toBe(0);
    expect(await item.getAttribute('class')).not.toContain('unread');
    await expect.poll(() => ana.page.title()).not.toMatch(/^\(/);
  });

  it('keeps the session and the channel across a reload', async () => {
    await ana.page.reload();
    await expect.poll(() => ana.page.locator('.channel-title').textContent(), { timeout: 10_000 }).toContain('Launch Plans');
    await expect.poll(() => post(ana.page, 'Are you there').count(), { timeout: 10_000 }).toBe(1);
    expect(await post(ana.page, 'moved to Friday').locator('.reaction, .post-flag.pinned').count()).toBeGreaterThan(0);
    expect(new URL(ana.page.url()).pathname).toBe(`/${team}/channels/launch-plans`);
  });

  it('opens a direct message from the profile popover', async () => {
    await ana.page.locator('.channel-view .post-author', { hasText: /^ben$/ }).last().click({ timeout: 10_000 });
    await ana.page.getByRole('dialog', { name: 'Profile of ben' }).getByRole('button', { name: 'Message' }).click({ timeout: 10_000 });
    await ana.page.waitForURL(`**/${team}/messages/@ben`, { timeout: 10_000 });
    await expect.poll(() => ana.page.locator('.channel-title').textContent(), { timeout: 10_000 }).toBe('ben');
    await send(ana.page, 'A private word');
    const dm = ben.page.locator('.sidebar-section[aria-label="Direct messages"] .sidebar-item');
    await expect.poll(() => dm.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => dm.locator('.badge').textContent(), { timeout: 10_000 }).toBe('1');
    await dm.click();
    await ben.page.waitForURL(`**/${team}/messages/@ana`);
    await expect.poll(() => post(ben.page, 'A private word').count()).toBe(1);
    await screenshot(ben.page, '07-direct-message');
  });

  it('jumps to a permalink and highlights the post', async () => {
    await ana.page.goto(`/${team}/channels/launch-plans`);
    const id = await post(ana.page, 'moved to Friday').getAttribute('data-post-id');
    expect(id).toBeTruthy();
    await ana.page.goto(`/${team}/channels/town-square`);
    await expect.poll(() => ana.page.locator('.channel-title').textContent()).toContain('Town Square');
    await ana.page.goto(`/${team}/pl/${id}`);
    await ana.page.waitForURL(`**/${team}/channels/launch-plans`);
    await expect.poll(() => ana.page.locator(`article.post[data-post-id="${id}"]`).getAttribute('class')).toContain('highlighted');
  });

  it('saves a message and lists it under saved messages', async () => {
    const target = post(ana.page, 'Great news');
    await target.hover();
    await target.getByRole('button', { name: 'More actions' }).click();
    await ana.page.getByRole('menuitem', { name: 'Save', exact: true }).click();
    await ana.page.locator('.channel-header').getByRole('button', { name: 'Saved messages' }).click();
    await expect.poll(() => ana.page.locator('aside.rhs article.post', { hasText: 'Great news' }).count(), { timeout: 10_000 }).toBe(1);
    await ana.page.locator('aside.rhs').getByRole('button', { name: 'Close panel' }).click();
  });

  it('keeps unread state in step across two tabs', async () => {
    const second = await ana.context.newPage();
    await second.goto(`/${team}/channels/town-square`);
    await expect.poll(() => second.locator('.channel-title').textContent(), { timeout: 10_000 }).toContain('Town Square');
    await ana.page.goto(`/${team}/channels/town-square`);
    await expect.poll(() => ana.page.locator('.channel-title').textContent()).toContain('Town Square');
    await ben.page.goto(`/${team}/channels/off-topic`);
    await expect.poll(() => ben.page.locator('.channel-title').textContent()).toContain('Off-Topic');
    await send(ben.page, 'Lunch at noon?');
    const item = (p: Page) => p.locator('.sidebar-item[data-channel-name="off-topic"]');
    await expect.poll(() => item(ana.page).getAttribute('class'), { timeout: 10_000 }).toContain('unread');
    await expect.poll(() => item(second).getAttribute('class'), { timeout: 10_000 }).toContain('unread');
    await item(ana.page).click();
    await expect.poll(() => item(second).getAttribute('class'), { timeout: 10_000 }).not.toContain('unread');
    await second.close();
  });

  it('shows a banner while disconnected and catches up without duplicates', async () => {
    let blocked = false;
    let sockets: Array<{ close: () => Promise<void> }> = [];
    await ana.page.routeWebSocket(/\/api\/v4\/websocket/, (ws) => {
      if (blocked) {
        void ws.close();
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    await ana.page.reload();
    await expect.poll(() => ana.page.locator('.channel-title').textContent(), { timeout: 10_000 }).toContain('Off-Topic');
    await expect.poll(() => sockets.length, { timeout: 10_000 }).toBeGreaterThan(0);
    blocked = true;
    for (const ws of sockets) await ws.close();
    sockets = [];
    await expect.poll(() => ana.page.locator('.reconnect-banner').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(ana.page, '08-reconnecting');
    await send(ben.page, 'Posted while you were away');
    blocked = false;
    await expect.poll(() => ana.page.locator('.reconnect-banner').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => post(ana.page, 'Posted while you were away').count(), { timeout: 10_000 }).toBe(1);
    await send(ben.page, 'And one after');
    await expect.poll(() => post(ana.page, 'And one after').count(), { timeout: 10_000 }).toBe(1);
    expect(await post(ana.page, 'Posted while you were away').count()).toBe(1);
  });

  it('shows what was posted while the page was still connecting, in the open channel and the sidebar', async () => {
    const page = await ana.context.newPage();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.routeWebSocket(/\/api\/v4\/websocket/, async (ws) => {
      await held;
      ws.connectToServer();
    });
    await page.goto(`/${team}/channels/off-topic`);
    await expect.poll(() => page.locator('.channel-title').textContent(), { timeout: 10_000 }).toContain('Off-Topic');
    await send(ben.page, 'Posted while you were connecting');
    await ben.page.goto(`/${team}/channels/town-square`);
    await send(ben.page, 'Elsewhere while you were connecting');
    release();
    await expect.poll(() => post(page, 'Posted while you were connecting').count(), { timeout: 10_000 }).toBe(1);
    const townSquare = page.locator('.sidebar-item[data-channel-name="town-square"]');
    await expect.poll(() => townSquare.getAttribute('class'), { timeout: 10_000 }).toContain('unread');
    await page.close();
    await ben.page.goto(`/${team}/channels/off-topic`);
  });

  it('completes @mentions, ~channels and :emoji: in the composer', async () => {
    const box = ana.page.locator('.channel-view .composer textarea');
    await box.fill('');
    await box.pressSequentially('ping @be');
    const list = ana.page.getByRole('listbox', { name: 'Suggestions' });
    await expect.poll(() => list.getByRole('option', { name: /@ben/ }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(ana.page, '11-autocomplete');
    await box.press('Enter');
    await box.pressSequentially('see ~launch');
    await expect.poll(() => list.getByRole('option', { name: /Launch Plans/ }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await box.press('Tab');
    await box.pressSequentially('nice :tad');
    await expect.poll(() => list.getByRole('option', { name: /:tada:/ }).count()).toBe(1);
    await box.press('Enter');
    expect(await box.inputValue()).toBe('ping @ben see ~launch-plans nice :tada: ');
    await box.press('Enter');
    const sent = post(ben.page, 'ping');
    await expect.poll(() => sent.count(), { timeout: 10_000 }).toBe(1);
    expect(await sent.locator('.mention').textContent()).toBe('@ben');
    expect(await sent.locator('.channel-mention').textContent()).toBe('~launch-plans');
    expect(await sent.locator('.emoji').textContent()).toBe('🎉');
  });

  it('picks an emoji from the searchable picker', async () => {
    await ana.page.locator('.channel-view .composer').getByRole('button', { name: 'Emoji' }).click();
    const picker = ana.page.getByRole('dialog', { name: 'Emoji picker' });
    await picker.getByRole('textbox', { name: 'Search emoji' }).fill('rock');
    await screenshot(ana.page, '12-emoji-picker');
    await picker.getByRole('option', { name: 'rocket' }).click();
    expect(await ana.page.locator('.channel-view .composer textarea').inputValue()).toBe(':rocket: ');
    await ana.page.locator('.channel-view .composer textarea').fill('');
  });

  it('edits the channel header from the channel menu and renders it as markdown', async () => {
    await ana.page.getByRole('button', { name: 'Channel menu' }).click();
    await ana.page.getByRole('menuitem', { name: 'Edit header' }).click();
    const dialog = ana.page.getByRole('dialog', { name: 'Edit header' });
    await dialog.locator('textarea').fill('Docs at [the wiki](https://wiki.example.com) **now**');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const header = ben.page.locator('.channel-header-text');
    await expect.poll(() => header.locator('a').getAttribute('href'), { timeout: 10_000 }).toBe('https://wiki.example.com');
    expect(await header.locator('strong').textContent()).toBe('now');
  });

  it('marks a message as unread from its menu', async () => {
    const target = post(ana.page, 'And one after');
    await target.hover();
    await target.getByRole('button', { name: 'More actions' }).click();
    await ana.page.getByRole('menuitem', { name: 'Mark as unread' }).click();
    await ana.page.goto(`/${team}/channels/town-square`);
    const item = ana.page.locator('.sidebar-item[data-channel-name="off-topic"]');
    await expect.poll(() => item.getAttribute('class'), { timeout: 10_000 }).toContain('unread');
    await item.click();
    await expect.poll(() => ana.page.locator('.new-messages-line').count(), { timeout: 10_000 }).toBe(1);
  });

  it('lists followed threads with collapsed reply threads turned on', async () => {
    await ben.page.getByRole('button', { name: 'Account menu' }).click();
    await ben.page.getByRole('menuitem', { name: 'Settings' }).click();
    const dialog = ben.page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('tab', { name: 'Display' }).click();
    await dialog.getByRole('radiogroup', { name: 'Collapsed reply threads' }).getByText('On').click();
    await ben.page.keyboard.press('Escape');
    await ben.page.goto(`/${team}/channels/launch-plans`);
    const root = post(ben.page, 'moved to Friday');
    await expect.poll(() => root.locator('.thread-summary').textContent(), { timeout: 10_000 }).toContain('1 reply');
    expect(await ben.page.locator('.channel-view article.post', { hasText: 'Replying in the thread' }).count()).toBe(0);
    await ben.page.locator('.sidebar-links').getByRole('link', { name: 'Threads' }).click();
    await ben.page.waitForURL(`**/${team}/threads`);
    await expect.poll(() => ben.page.locator('.thread-row', { hasText: 'moved to Friday' }).count(), { timeout: 10_000 }).toBe(1);
    await ben.page.locator('.thread-row', { hasText: 'moved to Friday' }).click();
    await expect.poll(() => ben.page.locator('aside.rhs article.post', { hasText: 'Replying in the thread' }).count()).toBe(1);
    await screenshot(ben.page, '13-threads');
  });

  it('switches to the dark theme and to German in settings', async () => {
    await ana.page.getByRole('button', { name: 'Account menu' }).click();
    await ana.page.getByRole('menuitem', { name: 'Settings' }).click();
    const dialog = ana.page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('radio', { name: 'Onyx' }).click();
    await expect.poll(() => ana.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(ana.page, '09-settings-dark');
    await dialog.getByRole('tab', { name: 'Language' }).click();
    await dialog.getByRole('combobox').selectOption('de');
    await expect.poll(() => ana.page.getByRole('dialog', { name: 'Einstellungen' }).count(), { timeout: 10_000 }).toBe(1);
    await ana.page.keyboard.press('Escape');
    await expect.poll(() => ana.page.locator('.sidebar-section-header').first().textContent()).toContain('Kanäle');
    await screenshot(ana.page, '10-dark-german');
    // Preferences live on the server: a reload keeps both.
    await ana.page.reload();
    await expect.poll(() => ana.page.evaluate(() => document.documentElement.dataset.theme), { timeout: 10_000 }).toBe('dark');
    await expect.poll(() => ana.page.locator('.composer textarea').getAttribute('placeholder')).toContain('Nachricht an');
  });

  it('moves a channel into a new custom sidebar category', async () => {
    await ben.page.goto(`/${team}/channels/launch-plans`);
    await expect.poll(() => ben.page.locator('.channel-title').textContent(), { timeout: 10_000 }).toContain('Launch Plans');
    await ben.page.getByRole('button', { name: 'Channel menu' }).click();
    await ben.page.getByRole('menuitem', { name: 'Move to new category' }).click();
    const dialog = ben.page.getByRole('dialog', { name: 'Create new category' });
    await dialog.getByLabel('Category name').fill('Projects');
    await dialog.getByRole('button', { name: 'Create category' }).click();
    const section = ben.page.locator('.sidebar-section[aria-label="Projects"]');
    await expect.poll(() => section.locator('.sidebar-item[data-channel-name="launch-plans"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await ben.page.locator('.sidebar-section[aria-label="Channels"] .sidebar-item[data-channel-name="launch-plans"]').count()).toBe(0);
    await ben.page.reload();
    await expect.poll(() => section.locator('.sidebar-item[data-channel-name="launch-plans"]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => ben.page.locator('.channel-view article.post').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(ben.page, '14-custom-category');
  });

  it('shows a desktop notification for a direct message while the tab is hidden', async () => {
    await ben.page.evaluate(() => {
      const shown: Array<{ title: string; body: string }> = [];
      (window as unknown as { shown: typeof shown }).shown = shown;
      class RecordingNotification {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, options: { body: string }) {
          shown.push({ title, body: options.body });
        }
        close(): void {}
      }
      Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    });
    await ana.page.goto(`/${team}/messages/@ben`);
    await expect.poll(() => ana.page.locator('.channel-title').textContent(), { timeout: 10_000 }).toBe('ben');
    await send(ana.page, 'Ping while you are away');
    await expect
      .poll(() => ben.page.evaluate(() => (window as unknown as { shown: Array<{ title: string; body: string }> }).shown), { timeout: 10_000 })
      .toEqual([{ title: 'ana', body: 'Ping while you are away' }]);
  });

  it('logs out and stays logged out after a reload', async () => {
    await ben.page.evaluate(() => Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true }));
    await ben.page.getByRole('button', { name: 'Account menu' }).click();
    await ben.page.getByRole('menuitem', { name: 'Log out' }).click();
    await ben.page.waitForURL('**/login');
    await ben.page.goto(`/${team}/channels/town-square`);
    await ben.page.waitForURL(/\/login\?redirect_to=/);
    await screenshot(ben.page, '15-login');
    await ben.page.getByLabel('Email or username').fill('ben');
    await ben.page.getByLabel('Password').fill(password);
    await ben.page.getByRole('button', { name: 'Log in' }).click();
    await ben.page.waitForURL(`**/${team}/channels/town-square`);
  });

  it('returns to the login page, saying why, when the session is revoked from elsewhere', async () => {
    const api = (path: string, init: RequestInit & { token?: string } = {}) => fetch(`${server.url}/api/v4${path}`, {
      ...init, headers: { 'Content-Type': 'application/json', ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
    });
    const login = await api('/users/login', { method: 'POST', body: JSON.stringify({ login_id: 'ben', password }) });
    const token = login.headers.get('token') ?? '';
    const me = (await login.json()) as { id: string };
    const sessions = (await (await api(`/users/${me.id}/sessions`, { token })).json()) as Array<{ id: string; create_at: number }>;
    // Every session but the one just opened here (the newest): that is the browser's.
    const newest = sessions.reduce((a, b) => (a.create_at >= b.create_at ? a : b));
    for (const session of sessions.filter((x) => x.id !== newest.id)) {
      expect((await api(`/users/${me.id}/sessions/revoke`, { method: 'POST', token, body: JSON.stringify({ session_id: session.id }) })).status).toBe(200);
    }
    await ben.page.waitForURL('**/login', { timeout: 15_000 });
    await expect.poll(() => ben.page.getByRole('status').textContent()).toContain('Your session has ended');
    await screenshot(ben.page, '16-session-ended');
  });

  it('ran every step above without a Content-Security-Policy violation', () => {
    expect(ana.cspViolations).toEqual([]);
    expect(ben.cspViolations).toEqual([]);
  });
});
