import type { Post, PostList } from '@mattermost/types/posts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../harness.js';
import { newChannel, newTeam } from '../team_fixtures.js';

// A post list holds at most postListMaxBytes of post JSON (here a small budget), whatever its posts carry. A page
// cut short must leave cursors that lead, page by page as Mattermost's clients follow them, to every post once.

const BUDGET = 40_000;
const POSTS = 40;

let server: TestServer;
let owner: TestUser;
let channelId: string;
/** Every post of the channel, oldest first. */
const posted: Post[] = [];

/** Bytes of post JSON a list carries (what the budget bounds). */
const listBytes = (list: PostList): number => Object.values(list.posts).reduce((sum, p) => sum + Buffer.byteLength(JSON.stringify(p)), 0);

function expectWithinBudget(list: PostList): void {
  expect(list.order.length).toBeGreaterThan(0);
  if (list.order.length > 1) expect(listBytes(list)).toBeLessThanOrEqual(BUDGET);
}

beforeAll(async () => {
  server = await startTestServer({ postListMaxBytes: BUDGET });
  owner = await createUser(server, 'budget');
  const team = await newTeam(owner.client);
  channelId = (await newChannel(owner.client, team.id)).id;
  for (let i = 0; i < POSTS; i++) {
    // Sizes from 1 KB to 9 KB, and every fifth post a reply to the one before it, so roots ride along.
    const rootId = i % 5 === 4 ? posted[i - 1].root_id || posted[i - 1].id : '';
    posted.push(await owner.client.createPost({
      channel_id: channelId, message: `post ${i}`, root_id: rootId, props: { blob: 'x'.repeat(1000 + (i % 9) * 1000) },
    } as unknown as Post));
  }
});
afterAll(async () => {
  await server?.close();
});

describe('post list byte budget', () => {
  it('cuts the newest page short and reaches every post once by following prev_post_id with before=', async () => {
    const seen: string[] = [];
    let list = await owner.client.getPosts(channelId, 0, 60);
    let pages = 1;
    for (;;) {
      expectWithinBudget(list);
      seen.push(...list.order);
      if (list.prev_post_id === '') break;
      // The official client's next page: before the oldest post it has; the cursor is the post right after it.
      const oldest = list.order[list.order.length - 1];
      expect(list.prev_post_id).toBe(posted[posted.findIndex((p) => p.id === oldest) - 1].id);
      list = await owner.client.getPostsBefore(channelId, oldest, 0, 60);
      pages++;
    }
    expect(pages).toBeGreaterThan(3);
    expect(seen).toEqual(posted.map((p) => p.id).reverse());
  });

  it('cuts pages after a post short and reaches every newer post once by following next_post_id with after=', async () => {
    const seen: string[] = [];
    let list = await owner.client.getPostsAfter(channelId, posted[0].id, 0, 60);
    for (;;) {
      expectWithinBudget(list);
      seen.unshift(...list.order);
      if (list.next_post_id === '') break;
      const newest = list.order[0];
      expect(list.next_post_id).toBe(posted[posted.findIndex((p) => p.id === newest) + 1].id);
      list = await owner.client.getPostsAfter(channelId, newest, 0, 60);
    }
    expect(seen).toEqual(posted.slice(1).map((p) => p.id).reverse());
  });

  it('reads a page of small posts across its read chunks in order, with exact cursors, by keyset and by offset', async () => {
    const team = await newTeam(owner.client);
    const small = await newChannel(owner.client, team.id);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await owner.client.createPost({ channel_id: small.id, message: `s${i}` } as Post)).id);
    const newestFirst = [...ids].reverse();
    const newest = await owner.client.getPosts(small.id, 0, 35);
    expect(newest.order).toEqual(newestFirst.slice(0, 35));
    expect(newest.prev_post_id).toBe(newestFirst[35]);
    const before = await owner.client.getPostsBefore(small.id, ids[39], 0, 30);
    expect(before.order).toEqual(newestFirst.slice(1, 31));
    expect([before.next_post_id, before.prev_post_id]).toEqual([ids[39], newestFirst[31]]);
    const second = await owner.client.getPosts(small.id, 1, 18);
    expect(second.order).toEqual(newestFirst.slice(18, 36));
    expect([second.next_post_id, second.prev_post_id]).toEqual([newestFirst[17], newestFirst[36]]);
    const after = await owner.client.getPostsAfter(small.id, ids[0], 0, 30);
    expect(after.order).toEqual(ids.slice(1, 31).reverse());
    expect([after.next_post_id, after.prev_post_id]).toEqual([ids[31], ids[0]]);
  });

  it('lists a lone post bigger than the whole budget', async () => {
    const team = await newTeam(owner.client);
    const lonely = await newChannel(owner.client, team.id);
    const big = await owner.client.createPost({ channel_id: lonely.id, message: 'big', props: { blob: 'y'.repeat(BUDGET * 2) } } as unknown as Post);
    const list = await owner.client.getPosts(lonely.id, 0, 60);
    expect(list.order).toContain(big.id);
    expect(list.order.length).toBeGreaterThan(0);
  });

  it('bounds the other post lists: unread window, thread, pinned, saved, since and by ids', async () => {
    const ids = posted.map((p) => p.id);
    const lists: PostList[] = [
      await owner.client.getPostsUnread(channelId, owner.user.id, 60, 60),
      await owner.client.getPostsSince(channelId, posted[0].create_at - 1),
    ];
    const root = posted[0];
    for (let i = 0; i < 12; i++) {
      await owner.client.createPost({ channel_id: channelId, root_id: root.id, message: `reply ${i}`, props: { blob: 'z'.repeat(5000) } } as unknown as Post);
    }
    const thread = await owner.client.getPostThread(root.id);
    expect(thread.has_next).toBe(true);
    lists.push(thread);
    for (const p of posted) await owner.client.pinPost(p.id);
    lists.push(await owner.client.getPinnedPosts(channelId));
    await owner.client.savePreferences(owner.user.id, ids.map((id) => ({ user_id: owner.user.id, category: 'flagged_post', name: id, value: 'true' })));
    lists.push(await owner.client.getFlaggedPosts(owner.user.id, channelId, undefined, 0, 60));
    for (const list of lists) {
      expectWithinBudget(list);
      expect(list.order.length).toBeLessThan(POSTS);
    }
    const byIds = await owner.client.getPostsByIds(ids);
    expect(byIds.length).toBeGreaterThan(0);
    expect(byIds.length).toBeLessThan(POSTS);
    expect(byIds.reduce((sum, p) => sum + Buffer.byteLength(JSON.stringify(p)), 0)).toBeLessThanOrEqual(BUDGET);
  });

  it('bounds a page of followed threads by their roots\' bytes, and pages on with before= to every thread once', async () => {
    const team = await newTeam(owner.client);
    const channel = await newChannel(owner.client, team.id);
    const roots: Post[] = [];
    for (let i = 0; i < 6; i++) {
      const root = await owner.client.createPost({ channel_id: channel.id, message: `thread ${i}`, props: { blob: 'r'.repeat(15_000) } } as unknown as Post);
      await owner.client.createPost({ channel_id: channel.id, root_id: root.id, message: `reply ${i}` } as Post);
      roots.push(root);
    }
    const seen: string[] = [];
    let before = '';
    for (let pages = 0; pages < 10; pages++) {
      const list = await raw(server, 'GET', `/users/me/teams/${team.id}/threads?per_page=25${before ? `&before=${before}` : ''}`, { token: owner.token });
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(6);
      const threads = list.body.threads as { id: string }[];
      if (threads.length === 0) break;
      expect(threads.length).toBeLessThan(6);
      if (threads.length > 1) expect(Buffer.byteLength(JSON.stringify(threads))).toBeLessThanOrEqual(BUDGET + 1000);
      seen.push(...threads.map((t) => t.id));
      before = threads[threads.length - 1].id;
    }
    expect(seen).toEqual(roots.map((r) => r.id).reverse());
  });
});
