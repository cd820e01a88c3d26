import type { Post } from '@mattermost/types/posts';
import type { UserThread, UserThreadList } from '@mattermost/types/threads';
import { describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../src/model/events.js';
import { raw, type TestUser } from '../harness.js';
import { channelWith, post, usePostSuite } from './post_fixtures.js';

const suite = usePostSuite(4);

const threadsOf = (user: TestUser, options: { unread?: boolean; perPage?: number; before?: string; after?: string } = {}): Promise<UserThreadList> =>
  user.client.getUserThreads(user.user.id, suite.world.team.id, options);

const eventsFor = (name: string, userId: string): ServerEvent[] => suite.events.filter((e) => e.event === name && e.broadcast.user_id === userId);

describe('collapsed reply threads', () => {
  it('counts replies and participants on the root and on every reply of the thread', async () => {
    const { owner, members: [a, b] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a, b]);
    const root = await post(owner, channel.id, 'root');
    const r1 = await post(a, channel.id, 'one', { root_id: root.id });
    const r2 = await post(b, channel.id, 'two', { root_id: root.id });
    const r3 = await post(a, channel.id, 'three', { root_id: root.id });
    const fetched = await owner.client.getPost(root.id);
    expect(fetched.reply_count).toBe(3);
    expect(fetched.last_reply_at).toBe(r3.create_at);
    expect(fetched.participants).toEqual([{ id: a.user.id }, { id: b.user.id }]);
    expect(r3.reply_count).toBe(3);
    const thread = await owner.client.getPostThread(root.id);
    expect(thread.order).toEqual([r3.id, r2.id, r1.id, root.id]);
    expect(Object.values(thread.posts).every((p: Post) => p.reply_count === 3)).toBe(true);
    expect((await owner.client.getPostThread(r2.id)).order).toEqual(thread.order);

    const ours = new Set(thread.order);
    const channelPosts = await owner.client.getPosts(channel.id);
    expect(channelPosts.order.filter((id) => ours.has(id))).toEqual([r3.id, r2.id, r1.id, root.id]);
    const collapsed = await owner.client.getPosts(channel.id, 0, 60, true, true);
    expect(collapsed.order.filter((id) => ours.has(id))).toEqual([root.id]);
    expect(collapsed.order.every((id) => collapsed.posts[id].root_id === '')).toBe(true);
    expect(collapsed.posts[root.id].reply_count).toBe(3);
  });

  it('makes the root author, repliers and mentioned members follow, with unread replies and mentions', async () => {
    const { owner, members: [a, b, c, d] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a, b, c, d]);
    const root = await post(owner, channel.id, 'question');
    await post(a, channel.id, 'answer', { root_id: root.id });
    const last = await post(b, channel.id, `agree, cc @${c.user.username}`, { root_id: root.id });

    const mine = await threadsOf(owner);
    const t = mine.threads.find((x) => x.id === root.id) as UserThread & { post: Post };
    expect(t).toMatchObject({
      reply_count: 2, last_reply_at: last.create_at, unread_replies: 2, unread_mentions: 0, is_following: true,
      participants: [{ id: a.user.id }, { id: b.user.id }],
    });
    expect(t.post.id).toBe(root.id);
    expect(t.post.channel_id).toBe(channel.id);

    const forA = (await threadsOf(a)).threads.find((x) => x.id === root.id);
    expect(forA).toMatchObject({ unread_replies: 1, unread_mentions: 0, is_following: true });
    const forB = (await threadsOf(b)).threads.find((x) => x.id === root.id);
    expect(forB).toMatchObject({ unread_replies: 0, is_following: true });
    const forC = await threadsOf(c);
    expect(forC.threads.find((x) => x.id === root.id)).toMatchObject({ unread_mentions: 1, is_following: true });
    expect(forC.total_unread_mentions).toBe(1);
    expect((await threadsOf(d)).threads.some((x) => x.id === root.id)).toBe(false);

    const posted = suite.events.filter((e) => e.event === 'posted' && JSON.parse(e.data.post as string).id === last.id);
    expect(posted).toHaveLength(1);
    expect(JSON.parse(posted[0].data.mentions as string)).toEqual([c.user.id]);
    expect(JSON.parse(posted[0].data.followers as string).sort()).toEqual([owner.user.id, a.user.id, b.user.id, c.user.id].sort());
    const update = eventsFor('thread_updated', c.user.id).map((e) => JSON.parse(e.data.thread as string)).find((x) => x.id === root.id);
    expect(update).toMatchObject({ reply_count: 2, unread_mentions: 1, is_following: true });
  });

  it('marks a thread read, filters unread threads and keeps totals right', async () => {
    const { owner, members: [a] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a]);
    const root = await post(owner, channel.id, 'read me');
    const reply = await post(a, channel.id, `@${owner.user.username} look`, { root_id: root.id });
    const before = await threadsOf(owner, { unread: true });
    expect(before.threads.map((x) => x.id)).toContain(root.id);
    const unreadTotal = before.total_unread_threads;
    expect(before.total_unread_mentions).toBeGreaterThanOrEqual(1);

    const read = await owner.client.updateThreadReadForUser(owner.user.id, suite.world.team.id, root.id, reply.create_at) as UserThread;
    expect(read).toMatchObject({ id: root.id, unread_replies: 0, unread_mentions: 0, last_viewed_at: reply.create_at });
    const after = await threadsOf(owner, { unread: true });
    expect(after.threads.map((x) => x.id)).not.toContain(root.id);
    expect(after.total_unread_threads).toBe(unreadTotal - 1);
    expect(eventsFor('thread_read_changed', owner.user.id).some((e) => e.data.thread_id === root.id)).toBe(true);

    const unread = await raw(suite.server, 'POST', `/users/me/teams/${suite.world.team.id}/threads/${root.id}/set_unread/${reply.id}`, { token: owner.token });
    expect(unread.status).toBe(200);
    expect(unread.body).toMatchObject({ unread_replies: 1, unread_mentions: 1 });

    await owner.client.updateThreadsReadForUser(owner.user.id, suite.world.team.id);
    const none = await threadsOf(owner, { unread: true });
    expect(none.threads).toEqual([]);
    expect(none.total_unread_threads).toBe(0);
    expect(none.total_unread_mentions).toBe(0);
  });

  it('unfollows and follows again; an explicit unfollow survives new replies', async () => {
    const { owner, members: [a] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a]);
    const root = await post(owner, channel.id, 'noisy');
    await post(a, channel.id, 'reply', { root_id: root.id });
    await owner.client.updateThreadFollowForUser(owner.user.id, suite.world.team.id, root.id, false);
    const changed = eventsFor('thread_follow_changed', owner.user.id).find((e) => e.data.thread_id === root.id);
    expect(changed?.data).toMatchObject({ state: false, reply_count: 1 });
    expect((await threadsOf(owner)).threads.some((x) => x.id === root.id)).toBe(false);
    await post(a, channel.id, `still going @${owner.user.username}`, { root_id: root.id });
    expect((await threadsOf(owner)).threads.some((x) => x.id === root.id)).toBe(false);
    expect((await owner.client.getPost(root.id)).is_following).toBe(false);

    await owner.client.updateThreadFollowForUser(owner.user.id, suite.world.team.id, root.id, true);
    const single = await owner.client.getUserThread(owner.user.id, suite.world.team.id, root.id) as UserThread;
    expect(single).toMatchObject({ id: root.id, is_following: true, reply_count: 2 });
    expect((await owner.client.getPost(root.id)).is_following).toBe(true);

    await owner.client.patchPost({ id: root.id, message: 'edited' } as Post);
    const edited = suite.events.filter((e) => e.event === 'post_edited' && JSON.parse(e.data.post as string).id === root.id);
    expect(edited).toHaveLength(1);
    expect(JSON.parse(edited[0].data.post as string)).not.toHaveProperty('is_following');
  });

  it('pages followed threads by latest reply with before/after', async () => {
    const { owner, members: [a] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a]);
    const roots: Post[] = [];
    for (let i = 0; i < 3; i++) {
      const root = await post(a, channel.id, `t${i}`);
      await post(owner, channel.id, `r${i}`, { root_id: root.id });
      roots.push(root);
    }
    const ids = (await threadsOf(owner, { perPage: 200 })).threads.map((x) => x.id);
    const ours = ids.filter((id) => roots.some((r) => r.id === id));
    expect(ours).toEqual([roots[2].id, roots[1].id, roots[0].id]);
    const page = await threadsOf(owner, { perPage: 1, before: roots[2].id });
    expect(page.threads.map((x) => x.id)).toEqual([roots[1].id]);
    const newer = await threadsOf(owner, { perPage: 5, after: roots[0].id });
    expect(newer.threads.map((x) => x.id).slice(-2)).toEqual([roots[2].id, roots[1].id]);
  });

  it('recounts the thread when a reply is deleted and drops it when the root is', async () => {
    const { owner, members: [a, b] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a, b]);
    const root = await post(owner, channel.id, 'root');
    const first = await post(a, channel.id, 'first', { root_id: root.id });
    const second = await post(b, channel.id, 'second', { root_id: root.id });
    await b.client.deletePost(second.id);
    const fetched = await owner.client.getPost(root.id);
    expect(fetched).toMatchObject({ reply_count: 1, last_reply_at: first.create_at, participants: [{ id: a.user.id }] });
    await owner.client.deletePost(root.id);
    expect((await threadsOf(a)).threads.some((x) => x.id === root.id)).toBe(false);
  });

  it('lists DM threads in every team and hides other people\'s threads', async () => {
    const { owner, members: [a, b] } = suite.world;
    const dm = await owner.client.createDirectChannel([owner.user.id, a.user.id]);
    const root = await post(owner, dm.id, 'private chat');
    await post(a, dm.id, 'private reply', { root_id: root.id });
    expect((await threadsOf(owner)).threads.some((x) => x.id === root.id)).toBe(true);
    const forA = (await threadsOf(a)).threads.find((x) => x.id === root.id);
    expect(forA?.is_following).toBe(true);

    const snoop = await raw(suite.server, 'GET', `/users/${owner.user.id}/teams/${suite.world.team.id}/threads`, { token: b.token });
    expect(snoop.status).toBe(403);
    const one = await raw(suite.server, 'GET', `/users/me/teams/${suite.world.team.id}/threads/${root.id}`, { token: b.token });
    expect(one.status).toBe(403);
    const follow = await raw(suite.server, 'PUT', `/users/me/teams/${suite.world.team.id}/threads/${root.id}/following`, { token: b.token });
    expect(follow.status).toBe(403);
    expect((await raw(suite.server, 'GET', `/posts/${root.id}/thread`, { token: b.token })).status).toBe(403);
    const badTime = await raw(suite.server, 'PUT', `/users/me/teams/${suite.world.team.id}/threads/${root.id}/read/yesterday`, { token: a.token });
    expect(badTime.status).toBe(400);
  });
});
