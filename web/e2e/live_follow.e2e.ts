import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client4 } from '@mattermost/client';
import type { Post } from '@mattermost/types/posts';
import type { Page } from 'playwright-core';
import { apiClient, seedTeam, startServer, type RunningServer } from './server';
import { launchBrowser, logIn, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/**
 * A reader who stays at the bottom of a channel keeps seeing new posts after earlier posts changed height
 * (a reaction, an edit that adds lines, the thread panel re-wrapping the column, a late image), and a reader
 * who scrolled up gets a "new messages" button instead, which jumps down and goes away at the bottom.
 */
describe('following live messages', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let reader: UserContext;
  let writer: Client4;
  let channelId = '';
  const team = 'acme';
  const password = 'correct-horse-9';
  let sent = 0;

  const scroller = (page: Page) => page.locator('.channel-view .post-scroller');
  const newest = (page: Page) => page.locator('.channel-view article.post').last();

  /** How far the post's bottom lies below the list's visible bottom (≤ 0: fully visible). */
  async function newestOverflow(page: Page, text: string): Promise<number> {
    const target = page.locator('.channel-view article.post', { hasText: text });
    // Not rendered at all: the virtualised list keeps it far below the fold.
    if ((await target.count()) === 0) return Number.POSITIVE_INFINITY;
    const list = await scroller(page).boundingBox();
    const post = await target.boundingBox();
    if (!list || !post) return Number.POSITIVE_INFINITY;
    return post.y + post.height - (list.y + list.height);
  }

  /** The writer posts a few messages; the last one must end up fully inside the reader's list. */
  async function writerPostsAndReaderSeesNewest(): Promise<void> {
    let last = '';
    for (let i = 0; i < 3; i++) {
      last = `live message ${++sent}`;
      await writer.createPost({ channel_id: channelId, message: last } as Post);
    }
    await expect.poll(() => page().locator('.channel-view article.post', { hasText: last }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => newestOverflow(page(), last), { timeout: 5_000 }).toBeLessThanOrEqual(1);
  }

  const page = () => reader.page;

  async function lastPostId(): Promise<string> {
    const id = await newest(page()).getAttribute('data-post-id');
    if (!id) throw new Error('no post in the list');
    return id;
  }

  /** Lets the list settle after a height change: the follow-up must not rely on Virtuoso's short after-append window. */
  const settle = () => page().waitForTimeout(400);

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    const { team: created } = await seedTeam(server, team, ['ana', 'ben'], password);
    writer = apiClient(server);
    await writer.login('ben', password);
    channelId = (await writer.getChannelByName(created.id, 'town-square')).id;
    for (let i = 0; i < 40; i++) await writer.createPost({ channel_id: channelId, message: `history ${i}` } as Post);
    // The reader has read the history, so the channel opens at its bottom rather than at a new-messages line.
    const anaApi = apiClient(server);
    await anaApi.login('ana', password);
    await anaApi.viewMyChannel(channelId);
    reader = await newUserContext(chrome.browser, server.url);
    await logIn(page(), 'ana', password, `**/${team}/channels/town-square`);
    await page().locator('.channel-view article.post', { hasText: 'history 39' }).waitFor();
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page(), `failed-live-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('follows new posts on a fresh tab', async () => {
    await writerPostsAndReaderSeesNewest();
  });

  it('follows after a reaction made the last post taller', async () => {
    const id = await lastPostId();
    await writer.addReaction((await writer.getMe()).id, id, 'tada');
    await expect.poll(() => page().locator(`article[data-post-id="${id}"] .reaction`).count(), { timeout: 10_000 }).toBe(1);
    await settle();
    await writerPostsAndReaderSeesNewest();
  });

  it('follows after an edit added lines to the last post', async () => {
    const id = await lastPostId();
    await writer.patchPost({ id, message: 'edited\n\nwith\n\nmany\n\nmore\n\nlines' } as Post);
    await expect.poll(() => page().locator(`article[data-post-id="${id}"] .edited`).count(), { timeout: 10_000 }).toBe(1);
    await settle();
    await writerPostsAndReaderSeesNewest();
  });

  it('follows after the thread panel opened and closed (the column re-wrapped)', async () => {
    const long = `a long line ${'that wraps differently when the column gets narrower '.repeat(12)}`;
    await writer.createPost({ channel_id: channelId, message: long } as Post);
    await expect.poll(() => newestOverflow(page(), 'a long line'), { timeout: 10_000 }).toBeLessThanOrEqual(1);
    const id = await lastPostId();
    await page().locator(`article[data-post-id="${id}"]`).hover();
    await page().locator(`article[data-post-id="${id}"]`).getByRole('button', { name: 'Reply', exact: true }).click();
    await expect.poll(() => page().locator('aside.rhs').count()).toBe(1);
    await settle();
    await writerPostsAndReaderSeesNewest();
    await page().locator('aside.rhs').getByRole('button', { name: 'Close panel' }).click();
    await expect.poll(() => page().locator('aside.rhs').count()).toBe(0);
    await settle();
    await writerPostsAndReaderSeesNewest();
  });

  it('follows after the window was resized', async () => {
    await page().setViewportSize({ width: 900, height: 700 });
    await settle();
    await writerPostsAndReaderSeesNewest();
    await page().setViewportSize({ width: 1440, height: 900 });
    await settle();
    await writerPostsAndReaderSeesNewest();
  });

  it('shows "N new messages" to a reader who scrolled up, and jumps down with it', async () => {
    const list = scroller(page());
    const box = await list.boundingBox();
    if (!box) throw new Error('no list');
    await page().mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page().mouse.wheel(0, -1500);
    await expect.poll(() => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeGreaterThan(200);
    for (const text of ['while you were away 1', 'while you were away 2']) await writer.createPost({ channel_id: channelId, message: text } as Post);
    const toast = page().locator('.channel-view .new-messages-toast');
    await expect.poll(() => toast.textContent(), { timeout: 10_000 }).toBe('2 new messages');
    // The reader stays where they were: the new posts are not scrolled into view.
    expect(await newestOverflow(page(), 'while you were away 2')).toBeGreaterThan(0);
    await toast.getByRole('button', { name: 'Jump to 2 new messages' }).click();
    await expect.poll(() => newestOverflow(page(), 'while you were away 2'), { timeout: 5_000 }).toBeLessThanOrEqual(1);
    await expect.poll(() => toast.count()).toBe(0);
    // Back at the bottom, new posts follow again.
    await writerPostsAndReaderSeesNewest();
  });
});
