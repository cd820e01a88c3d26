import type { Post, PostList } from '@mattermost/types/posts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PostRecord } from '../../src/model/types.js';
import { raw, startTestServer, type TestServer } from '../harness.js';
import { storePost } from '../team_fixtures.js';
import { channelWith, ensureAdmin, post, teamWith, type TeamWorld } from './post_fixtures.js';

let server: TestServer;
let world: TeamWorld;
beforeAll(async () => {
  server = await startTestServer();
  await ensureAdmin(server);
  world = await teamWith(server, 2);
});
afterAll(async () => {
  await server?.close();
});

describe('creating and reading posts', () => {
  it('creates a post (201) with the Mattermost shape and reads it back by id and in the channel', async () => {
    const { owner } = world;
    const channel = await channelWith(owner, world.team.id, []);
    const created = await raw(server, 'POST', '/posts', {
      token: owner.token, body: { channel_id: channel.id, message: 'Hello #release and #v2.0 friends', pending_post_id: `${owner.user.id}:123` },
    });
    expect(created.status).toBe(201);
    const p = created.body as Post;
    expect(p.id).toMatch(/^[a-z0-9]{26}$/);
    expect(p).toMatchObject({
      channel_id: channel.id, user_id: owner.user.id, root_id: '', message: 'Hello #release and #v2.0 friends', type: '',
      pending_post_id: `${owner.user.id}:123`, hashtags: '#release #v2.0', edit_at: 0, delete_at: 0, is_pinned: false, reply_count: 0,
      metadata: { embeds: [], emojis: [], files: [], images: {} },
    });
    expect(p.update_at).toBe(p.create_at);

    expect((await owner.client.getPost(p.id)).message).toBe(p.message);
    const list = await owner.client.getPosts(channel.id);
    expect(list.order).toEqual([p.id]);
    expect(list.posts[p.id].message).toBe(p.message);
    expect(list).toMatchObject({ next_post_id: '', prev_post_id: '', first_inaccessible_post_time: 0 });
    const channelAfter = await owner.client.getChannel(channel.id);
    expect(channelAfter.total_msg_count).toBe(1);
    expect(channelAfter.last_post_at).toBe(p.create_at);
  });

  it('accepts 16,383 characters and rejects 16,384 with a stable error id', async () => {
    const { owner } = world;
    const channel = await channelWith(owner, world.team.id, []);
    const ok = await post(owner, channel.id, 'x'.repeat(16_383));
    expect(ok.message).toHaveLength(16_383);
    const tooLong = await raw(server, 'POST', '/posts', { token: owner.token, body: { channel_id: channel.id, message: 'x'.repeat(16_384) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.id).toBe('api.post.create_post.message_length.app_error');
  });

  it('rejects system types, unknown file ids, bad ids and strips server-only props', async () => {
    const { owner } = world;
    const channel = await channelWith(owner, world.team.id, []);
    const send = (body: object) => raw(server, 'POST', '/posts', { token: owner.token, body: { channel_id: channel.id, message: 'm', ...body } });
    expect((await send({ type: 'system_join_channel' })).status).toBe(400);
    expect((await send({ file_ids: ['abcdefghijklmnopqrstuvwxyz'] })).status).toBe(400);
    expect((await send({ channel_id: 'nope' })).status).toBe(400);
    expect((await send({ channel_id: 'abcdefghijklmnopqrstuvwxyz' })).status).toBe(404);
    expect((await send({ props: 'not an object' })).status).toBe(400);
    expect((await raw(server, 'POST', '/posts', { token: owner.token, body: '{"channel_id":' })).status).toBe(400);
    const me = await send({ type: 'me', props: { from_webhook: 'true', override_username: 'ceo', custom: 'kept' } });
    expect(me.status).toBe(201);
    expect(me.body.type).toBe('me');
    expect(me.body.props).toEqual({ custom: 'kept' });
  });

  it('validates replies: the root must be a live root post of the same channel', async () => {
    const { owner } = world;
    const channel = await channelWith(owner, world.team.id, []);
    const other = await channelWith(owner, world.team.id, []);
    const root = await post(owner, channel.id, 'root');
    const reply = await post(owner, channel.id, 'reply', { root_id: root.id });
    expect(reply.root_id).toBe(root.id);
    const send = (channelId: string, rootId: string) => raw(server, 'POST', '/posts', { token: owner.token, body: { channel_id: channelId, message: 'r', root_id: rootId } });
    expect((await send(channel.id, reply.id)).body.id).toBe('api.post.create_post.root_id.app_error');
    expect((await send(other.id, root.id)).status).toBe(400);
    expect((await send(channel.id, 'abcdefghijklmnopqrstuvwxyz')).status).toBe(400);
    await owner.client.deletePost(root.id);
    expect((await send(channel.id, root.id)).status).toBe(400);
  });

  it('lets team members read a public channel they have not joined, but only members post', async () => {
    const { owner, members: [outsider] } = world;
    const channel = await channelWith(owner, world.team.id, []);
    const p = await post(owner, channel.id, 'public words');
    expect((await outsider.client.getPosts(channel.id)).order).toEqual([p.id]);
    expect((await outsider.client.getPost(p.id)).id).toBe(p.id);
    await expect(post(outsider, channel.id, 'hi')).rejects.toMatchObject({ status_code: 403 });
  });

  it('refuses posting into an archived channel', async () => {
    const { owner } = world;
    const channel = await channelWith(owner, world.team.id, []);
    await owner.client.deleteChannel(channel.id);
    await expect(post(owner, channel.id, 'too late')).rejects.toMatchObject({
      status_code: 403, server_error_id: 'api.post.create_post.can_not_post_to_deleted.error',
    });
  });

  it('gives posts in one channel distinct times, so posts sent in the same millisecond keep one order for everyone', async () => {
    const { owner } = world;
    const channel = await channelWith(owner, world.team.id, []);
    const frozen = vi.spyOn(Date, 'now').mockReturnValue(Date.now());
    try {
      const sent: Post[] = [];
      for (let i = 0; i < 10; i++) sent.push(await post(owner, channel.id, `same millisecond ${i}`));
      expect(new Set(sent.map((p) => p.create_at)).size).toBe(sent.length);
      const listed = await owner.client.getPosts(channel.id, 0, 10);
      expect(listed.order).toEqual(sent.map((p) => p.id).reverse());
    } finally {
      frozen.mockRestore();
    }
  });

  it('returns the first post for retries with the same pending_post_id, even when they race', async () => {
    const { owner } = world;
    const channel = await channelWith(owner, world.team.id, []);
    const pending = `${owner.user.id}:${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 8 }, () => post(owner, channel.id, 'once', { pending_post_id: pending })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.every((r) => r.pending_post_id === pending)).toBe(true);
    const again = await post(owner, channel.id, 'once', { pending_post_id: pending });
    expect(again.id).toBe(results[0].id);
    expect((await owner.client.getPosts(channel.id)).order).toEqual([results[0].id]);
    expect((await owner.client.getChannel(channel.id)).total_msg_count).toBe(1);
  });
});

describe('editing and deleting', () => {
  it('patches and updates the message (edit_at, hashtags) for the author only', async () => {
    const { owner, members: [other] } = world;
    const channel = await channelWith(owner, world.team.id, [other]);
    const p = await post(owner, channel.id, 'first #draft');
    const patched = await owner.client.patchPost({ id: p.id, message: 'second #final' } as Post);
    expect(patched.message).toBe('second #final');
    expect(patched.hashtags).toBe('#final');
    expect(patched.edit_at).toBeGreaterThanOrEqual(p.create_at);
    expect(patched.edit_at).toBeGreaterThan(0);
    const updated = await owner.client.updatePost({ ...patched, message: 'third' });
    expect(updated.message).toBe('third');
    expect((await owner.client.getPost(p.id)).message).toBe('third');
    await expect(other.client.patchPost({ id: p.id, message: 'hijack' } as Post)).rejects.toMatchObject({ status_code: 403 });
    await expect(other.client.deletePost(p.id)).rejects.toMatchObject({ status_code: 403 });
    const tooLong = await raw(server, 'PUT', `/posts/${p.id}/patch`, { token: owner.token, body: { message: 'y'.repeat(16_384) } });
    expect(tooLong.status).toBe(400);
  });

  it('deletes a root with its replies and shows the deletions to `since` readers', async () => {
    const { owner, members: [other] } = world;
    const channel = await channelWith(owner, world.team.id, [other]);
    const before = Date.now() - 1;
    const root = await post(owner, channel.id, 'root');
    const reply = await post(other, channel.id, 'reply', { root_id: root.id });
    const keep = await post(owner, channel.id, 'unrelated');
    await owner.client.deletePost(root.id);
    await expect(owner.client.getPost(root.id)).rejects.toMatchObject({ status_code: 404 });
    await expect(owner.client.getPost(reply.id)).rejects.toMatchObject({ status_code: 404 });
    await expect(owner.client.getPostThread(root.id)).rejects.toMatchObject({ status_code: 404 });
    const list = await owner.client.getPosts(channel.id);
    expect(list.order.filter((id) => [root.id, reply.id, keep.id].includes(id))).toEqual([keep.id]);
    const since = await owner.client.getPostsSince(channel.id, before);
    expect(since.posts[root.id].delete_at).toBeGreaterThan(0);
    expect(since.posts[reply.id].delete_at).toBeGreaterThan(0);
    expect(since.posts[keep.id].delete_at).toBe(0);
    expect(since).toMatchObject({ next_post_id: '', prev_post_id: '' });
  });

  it('gets posts by ids, leaving out what the caller cannot read', async () => {
    const { owner, members: [other] } = world;
    const open = await channelWith(owner, world.team.id, [other]);
    const secret = await channelWith(owner, world.team.id, [], 'P');
    const a = await post(owner, open.id, 'visible');
    const b = await post(owner, secret.id, 'hidden');
    const seen = await other.client.getPostsByIds([a.id, b.id]);
    expect(seen.map((p) => p.id)).toEqual([a.id]);
    expect((await owner.client.getPostsByIds([a.id, b.id])).map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
  });
});

describe('channel history pagination', () => {
  const PER_PAGE = 37;
  let channelId: string;
  let expected: string[];
  const createdAt = new Map<string, number>();

  beforeAll(async () => {
    const { owner } = world;
    channelId = (await channelWith(owner, world.team.id, [])).id;
    const created: PostRecord[] = [];
    const base = Date.now() - 60_000;
    // Five posts share each millisecond so the keyset must break ties by id. The store writes them: through the API
    // every post of a channel gets its own time (as when two nodes post at once, ties stay possible).
    for (let ms = 0; ms < 50; ms++) {
      for (let i = 0; i < 5; i++) {
        created.push(await storePost(server, { channel_id: channelId, user_id: owner.user.id, create_at: base + ms, update_at: base + ms, message: `post ${ms}.${i}` }));
      }
    }
    for (const p of created) createdAt.set(p.id, p.create_at);
    expected = [...created].sort((x, y) => y.create_at - x.create_at || (x.id < y.id ? 1 : -1)).map((p) => p.id);
    expect(new Set(created.map((p) => p.create_at)).size).toBe(50);
  });

  it('pages by page/per_page (max 200) with prev/next cursors', async () => {
    const { owner } = world;
    const first = await owner.client.getPosts(channelId, 0, 200);
    expect(first.order).toEqual(expected.slice(0, 200));
    expect(first.next_post_id).toBe('');
    expect(first.prev_post_id).toBe(expected[200]);
    const second = await owner.client.getPosts(channelId, 1, 200);
    expect(second.order).toEqual(expected.slice(200));
    expect(second.next_post_id).toBe(expected[199]);
    expect(second.prev_post_id).toBe('');
    const capped = await owner.client.getPosts(channelId, 0, 1000);
    expect(capped.order).toHaveLength(200);
    const middle = await owner.client.getPosts(channelId, 2, 40);
    expect(middle.order).toEqual(expected.slice(80, 120));
    expect(middle).toMatchObject({ next_post_id: expected[79], prev_post_id: expected[120] });
  });

  it('walks the whole history backwards with before= and forwards with after=, exactly once each', async () => {
    const { owner } = world;
    const backwards: string[] = [];
    let page: PostList = await owner.client.getPosts(channelId, 0, PER_PAGE);
    for (;;) {
      backwards.push(...page.order);
      if (page.prev_post_id === '') break;
      expect(page.prev_post_id).toBe(expected[backwards.length]);
      const oldest = page.order.at(-1) as string;
      const next = await owner.client.getPostsBefore(channelId, oldest, 0, PER_PAGE);
      expect(next.next_post_id).toBe(oldest);
      page = next;
    }
    expect(backwards).toEqual(expected);

    const forwards: string[] = [];
    const oldest = expected.at(-1) as string;
    forwards.push(oldest);
    page = await owner.client.getPostsAfter(channelId, oldest, 0, PER_PAGE);
    for (;;) {
      forwards.push(...[...page.order].reverse());
      if (page.next_post_id === '') break;
      const newest = page.order[0];
      const next = await owner.client.getPostsAfter(channelId, newest, 0, PER_PAGE);
      expect(next.prev_post_id).toBe(newest);
      page = next;
    }
    expect(forwards).toEqual([...expected].reverse());
  });

  it('honours page within a before/after window and reports the edges', async () => {
    const { owner } = world;
    const anchor = expected[100];
    const paged = await owner.client.getPostsBefore(channelId, anchor, 1, 10);
    expect(paged.order).toEqual(expected.slice(111, 121));
    expect(paged).toMatchObject({ next_post_id: expected[110], prev_post_id: expected[121] });
    const newest = await owner.client.getPostsAfter(channelId, expected[3], 0, 10);
    expect(newest.order).toEqual(expected.slice(0, 3));
    expect(newest.next_post_id).toBe('');
    const oldest = await owner.client.getPostsBefore(channelId, expected.at(-1) as string, 0, 10);
    expect(oldest.order).toEqual([]);
    expect(oldest).toMatchObject({ prev_post_id: '', next_post_id: expected.at(-1) });
    const foreign = await raw(server, 'GET', `/channels/${channelId}/posts?before=abcdefghijklmnopqrstuvwxyz`, { token: owner.token });
    expect(foreign.status).toBe(400);
    expect((await raw(server, 'GET', `/channels/${channelId}/posts?per_page=abc`, { token: owner.token })).status).toBe(400);
  });

  it('reports the cursors beside an anchor the page itself would not list (deleted, or a reply in collapsed threads)', async () => {
    const { owner } = world;
    const small = (await channelWith(owner, world.team.id, [])).id;
    const roots: Post[] = [];
    for (let i = 1; i <= 5; i++) roots.push(await post(owner, small, `root ${i}`));
    const reply = await post(owner, small, 'a reply', { root_id: roots[0].id });
    await owner.client.deletePost(roots[2].id);
    const before = await raw(server, 'GET', `/channels/${small}/posts?before=${roots[2].id}&per_page=1`, { token: owner.token });
    expect(before.body).toMatchObject({ order: [roots[1].id], next_post_id: roots[3].id, prev_post_id: roots[0].id });
    const after = await raw(server, 'GET', `/channels/${small}/posts?after=${roots[2].id}&per_page=1`, { token: owner.token });
    expect(after.body).toMatchObject({ order: [roots[3].id], prev_post_id: roots[1].id, next_post_id: roots[4].id });
    const collapsed = await raw(server, 'GET', `/channels/${small}/posts?before=${reply.id}&per_page=2&collapsedThreads=true`, { token: owner.token });
    expect(collapsed.body).toMatchObject({ order: [roots[4].id, roots[3].id], next_post_id: '', prev_post_id: roots[1].id });
  });

  it('serves `since`: posts created or edited after a time, newest first, with no cursors', async () => {
    const { owner } = world;
    const cutoff = createdAt.get(expected[12]) as number;
    const edited = await owner.client.patchPost({ id: expected[150], message: 'edited later' } as Post);
    const changed = await owner.client.getPostsSince(channelId, cutoff);
    const newer = expected.filter((id) => (createdAt.get(id) as number) > cutoff);
    expect(newer.length).toBeGreaterThanOrEqual(10);
    expect(changed.order).toEqual([...newer, edited.id]);
    expect(changed.posts[edited.id].message).toBe('edited later');
    expect(changed).toMatchObject({ next_post_id: '', prev_post_id: '' });
  });
});

describe('who may read what', () => {
  it('answers 403 to a non-member on every read and write of a private channel\'s posts', async () => {
    const { owner, members: [insider, outsider] } = world;
    const secret = await channelWith(owner, world.team.id, [insider], 'P');
    const root = await post(owner, secret.id, 'classified');
    const reply = await post(insider, secret.id, 'reply', { root_id: root.id });
    await owner.client.addReaction(owner.user.id, root.id, 'lock');
    const requests: Array<[string, string, object?]> = [
      ['GET', `/channels/${secret.id}/posts`],
      ['GET', `/channels/${secret.id}/posts?since=1`],
      ['GET', `/channels/${secret.id}/pinned`],
      ['GET', `/users/me/channels/${secret.id}/posts/unread`],
      ['GET', `/posts/${root.id}`],
      ['GET', `/posts/${reply.id}/thread`],
      ['GET', `/posts/${root.id}/reactions`],
      ['POST', '/posts', { channel_id: secret.id, message: 'let me in' }],
      ['PUT', `/posts/${root.id}/patch`, { message: 'x' }],
      ['PUT', `/posts/${root.id}`, { id: root.id, message: 'x' }],
      ['DELETE', `/posts/${root.id}`],
      ['POST', `/posts/${root.id}/pin`],
      ['POST', '/reactions', { user_id: outsider.user.id, post_id: root.id, emoji_name: 'eyes' }],
      ['DELETE', `/users/me/posts/${root.id}/reactions/lock`],
      ['POST', `/users/me/posts/${root.id}/set_unread`, {}],
    ];
    for (const [method, path, body] of requests) {
      const response = await raw(server, method, path, { token: outsider.token, body });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.id).toBe('api.context.permissions.app_error');
    }
    expect(await outsider.client.getPostsByIds([root.id, reply.id])).toEqual([]);
    expect((await insider.client.getPost(root.id)).message).toBe('classified');
  });

  it('shows a DM to its two members only', async () => {
    const { owner, members: [a, third] } = world;
    const dm = await owner.client.createDirectChannel([owner.user.id, a.user.id]);
    const p = await post(owner, dm.id, 'just us');
    expect((await a.client.getPosts(dm.id)).order).toEqual([p.id]);
    expect((await a.client.getPost(p.id)).message).toBe('just us');
    await expect(third.client.getPosts(dm.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(third.client.getPost(p.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(third.client.getPostThread(p.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(post(third, dm.id, 'hi')).rejects.toMatchObject({ status_code: 403 });
  });

  it('keeps public channels of a team away from people outside the team', async () => {
    const stranger = (await teamWith(server, 0)).owner;
    const channel = await channelWith(world.owner, world.team.id, []);
    const p = await post(world.owner, channel.id, 'team only');
    await expect(stranger.client.getPosts(channel.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(stranger.client.getPost(p.id)).rejects.toMatchObject({ status_code: 403 });
  });
});

describe('saved (flagged) posts', () => {
  it('lists the posts a user flagged, filtered by channel or team, and forgets channels they left', async () => {
    const { owner, members: [a, other] } = world;
    const channel = await channelWith(owner, world.team.id, [a]);
    const dm = await owner.client.createDirectChannel([owner.user.id, a.user.id]);
    const inChannel = await post(owner, channel.id, 'save me');
    const inDm = await post(owner, dm.id, 'save me too');
    await post(owner, channel.id, 'not saved');
    await a.client.savePreferences(a.user.id, [inChannel, inDm].map((p) => ({ user_id: a.user.id, category: 'flagged_post', name: p.id, value: 'true' })));

    const all = await a.client.getFlaggedPosts(a.user.id);
    expect(all.order).toEqual([inDm.id, inChannel.id]);
    expect(all.posts[inChannel.id].message).toBe('save me');
    expect((await a.client.getFlaggedPosts(a.user.id, channel.id)).order).toEqual([inChannel.id]);
    expect((await a.client.getFlaggedPosts(a.user.id, '', world.team.id)).order).toEqual([inDm.id, inChannel.id]);
    expect((await a.client.getFlaggedPosts(a.user.id, '', '', 0, 1)).order).toEqual([inDm.id]);
    expect((await a.client.getFlaggedPosts(a.user.id, '', '', 1, 1)).order).toEqual([inChannel.id]);
    await expect(other.client.getFlaggedPosts(a.user.id)).rejects.toMatchObject({ status_code: 403 });

    await a.client.removeFromChannel(a.user.id, channel.id);
    expect((await a.client.getFlaggedPosts(a.user.id)).order).toEqual([inDm.id]);
    await owner.client.deletePost(inDm.id);
    expect((await a.client.getFlaggedPosts(a.user.id)).order).toEqual([]);
  });
});

describe('system messages', () => {
  it('posts join, add, leave and header changes into the channel, counted but mentioning no one', async () => {
    const { owner, members: [a, b] } = world;
    const channel = await channelWith(owner, world.team.id, [a]);
    await b.client.addToChannel(b.user.id, channel.id);
    await owner.client.patchChannel(channel.id, { header: 'New header' });
    await b.client.removeFromChannel(b.user.id, channel.id);
    const list = await owner.client.getPosts(channel.id);
    const system = list.order.map((id) => list.posts[id]).reverse();
    expect(system.map((p) => p.type)).toEqual(['system_add_to_channel', 'system_join_channel', 'system_header_change', 'system_leave_channel']);
    expect(system[0].message).toBe(`@${a.user.username} was added to the channel by @${owner.user.username}.`);
    expect(system[0].props).toMatchObject({ addedUserId: a.user.id, addedUsername: a.user.username, username: owner.user.username });
    expect(system[1].message).toBe(`@${b.user.username} joined the channel.`);
    expect(system[2].message).toBe(`@${owner.user.username} updated the channel header to: New header`);
    expect(system[2].props).toMatchObject({ old_header: '', new_header: 'New header' });
    expect(system[3].message).toBe(`@${b.user.username} left the channel.`);
    expect((await owner.client.getChannel(channel.id)).total_msg_count).toBe(4);
    expect((await a.client.getMyChannelMember(channel.id)).mention_count).toBe(0);
    await expect(owner.client.patchPost({ id: system[2].id, message: 'rewrite history' } as Post)).rejects.toMatchObject({ status_code: 400 });
  });
});
