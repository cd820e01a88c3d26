import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client4 } from '@mattermost/client';
import type { Post } from '@mattermost/types/posts';
import type { Page } from 'playwright-core';
import { apiClient, seedTeam, startServer, type RunningServer } from './server';
import { launchBrowser, logIn, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/**
 * The "…" menu on a post in Chromium against a real server: copy text and link to the clipboard, follow and
 * unfollow the thread, mark as unread (the channel turns unread and the new-messages line moves), and a reminder
 * confirmed by the server's ephemeral post.
 */
describe('post menu', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let reader: UserContext;
  let writer: Client4;
  const posts: Record<string, Post> = {};
  const team = 'acme';
  const password = 'correct-horse-9';

  const page = (): Page => reader.page;
  const article = (id: string) => page().locator(`.channel-view article[data-post-id="${id}"]`);

  async function choose(id: string, item: string): Promise<void> {
    await article(id).hover();
    await article(id).getByRole('button', { name: 'More actions' }).click();
    await page().getByRole('menuitem', { name: item, exact: true }).click();
  }

  async function menuLabels(id: string): Promise<string[]> {
    await article(id).hover();
    await article(id).getByRole('button', { name: 'More actions' }).click();
    const labels = await page().getByRole('menuitem').allTextContents();
    await page().keyboard.press('Escape');
    return labels;
  }

  const clipboard = () => page().evaluate(() => navigator.clipboard.readText());

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    const { admin, team: created } = await seedTeam(server, team, ['ana', 'ben'], password);
    await admin.patchConfig({ ServiceSettings: { CollapsedThreads: 'always_on' } } as unknown as Parameters<Client4['patchConfig']>[0]);
    writer = apiClient(server);
    await writer.login('ben', password);
    const channelId = (await writer.getChannelByName(created.id, 'town-square')).id;
    for (const [key, message] of [['first', 'the first of three'], ['copy', 'copy **this** exactly'], ['last', 'the last of three']]) {
      posts[key] = await writer.createPost({ channel_id: channelId, message } as Post);
    }
    const anaApi = apiClient(server);
    await anaApi.login('ana', password);
    await anaApi.viewMyChannel(channelId);
    reader = await newUserContext(chrome.browser, server.url);
    await reader.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await logIn(page(), 'ana', password, `**/${team}/channels/town-square`);
    await article(posts.last.id).waitFor();
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page(), `failed-post-menu-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('copies the raw message text', async () => {
    await choose(posts.copy.id, 'Copy text');
    await expect.poll(clipboard).toBe('copy **this** exactly');
    await expect.poll(() => page().locator('.toast').textContent()).toBe('Text copied');
  });

  it('copies the permalink', async () => {
    await choose(posts.copy.id, 'Copy link');
    await expect.poll(clipboard).toBe(`${server.url}/${team}/pl/${posts.copy.id}`);
  });

  it('follows and unfollows the thread, the label following the state', async () => {
    expect(await menuLabels(posts.first.id)).toContain('Follow thread');
    await choose(posts.first.id, 'Follow thread');
    await expect.poll(() => menuLabels(posts.first.id)).toContain('Unfollow thread');
    await choose(posts.first.id, 'Unfollow thread');
    await expect.poll(() => menuLabels(posts.first.id)).toContain('Follow thread');
  });

  it('marks the channel unread from a post: new-messages line above it, unread in the sidebar', async () => {
    const line = page().locator('.channel-view .new-messages-line');
    expect(await line.count()).toBe(0);
    await choose(posts.copy.id, 'Mark as unread');
    await expect.poll(() => line.count()).toBe(1);
    // The line sits right above the post that was marked: the first post after it.
    const firstAfterLine = await line.evaluate((el) => el.closest('[data-index]')?.nextElementSibling?.querySelector('article')?.dataset.postId);
    expect(firstAfterLine).toBe(posts.copy.id);
    const townSquare = page().locator('.sidebar-item', { hasText: 'Town Square' });
    await page().locator('.sidebar-item', { hasText: 'Off-Topic' }).click();
    await page().waitForURL(`**/${team}/channels/off-topic`);
    await expect.poll(() => townSquare.getAttribute('class')).toContain('unread');
    await townSquare.click();
    await page().waitForURL(`**/${team}/channels/town-square`);
    await expect.poll(() => line.count()).toBe(1);
  });

  it('sets a reminder and shows the server\'s confirmation', async () => {
    await choose(posts.last.id, 'Remind me');
    const dialog = page().getByRole('dialog', { name: 'Set a reminder' });
    await dialog.getByRole('button', { name: 'In 30 minutes' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const confirmation = page().locator('.channel-view', { hasText: 'You will be reminded at' });
    await expect.poll(() => confirmation.count(), { timeout: 10_000 }).toBe(1);
    expect(await page().locator('.channel-view').textContent()).toContain('about this message from @ben');
  });
});
