import type { Post } from '@mattermost/types/posts';
import type { Reaction } from '@mattermost/types/reactions';
import { describe, expect, it } from 'vitest';
import { raw } from '../harness.js';
import { channelWith, post, usePostSuite } from './post_fixtures.js';

const suite = usePostSuite(3);

describe('reactions', () => {
  it('adds, lists and removes reactions, keeping has_reactions and metadata in sync', async () => {
    const { owner, members: [a] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a]);
    const p = await post(owner, channel.id, 'react to me');
    const added = await a.client.addReaction(a.user.id, p.id, 'thumbsup');
    expect(added).toMatchObject({ user_id: a.user.id, post_id: p.id, emoji_name: 'thumbsup' });
    expect(added.create_at).toBeGreaterThan(0);
    await owner.client.addReaction(owner.user.id, p.id, 'tada');
    const again = await a.client.addReaction(a.user.id, p.id, 'thumbsup');
    expect(again.create_at).toBe(added.create_at);

    const list = await owner.client.getReactionsForPost(p.id);
    expect(list.map((r: Reaction) => `${r.user_id}:${r.emoji_name}`).sort()).toEqual([`${a.user.id}:thumbsup`, `${owner.user.id}:tada`].sort());
    const fetched = await owner.client.getPost(p.id) as Post & { has_reactions: boolean };
    expect(fetched.has_reactions).toBe(true);
    expect(fetched.metadata.reactions).toHaveLength(2);
    expect(fetched.update_at).toBeGreaterThan(p.update_at - 1);

    const reactionEvents = suite.events.filter((e) => e.event === 'reaction_added' && e.broadcast.channel_id === channel.id);
    expect(reactionEvents).toHaveLength(2);
    expect(JSON.parse(reactionEvents[0].data.reaction as string)).toMatchObject({ post_id: p.id, emoji_name: 'thumbsup' });

    await a.client.removeReaction(a.user.id, p.id, 'thumbsup');
    await owner.client.removeReaction(owner.user.id, p.id, 'tada');
    expect(await owner.client.getReactionsForPost(p.id)).toEqual([]);
    const cleared = await owner.client.getPost(p.id) as Post & { has_reactions: boolean };
    expect(cleared.has_reactions).toBe(false);
    expect(cleared.metadata.reactions).toBeUndefined();
    const removed = suite.events.filter((e) => e.event === 'reaction_removed' && e.broadcast.channel_id === channel.id);
    expect(removed.map((e) => JSON.parse(e.data.reaction as string).emoji_name)).toEqual(['thumbsup', 'tada']);
  });

  it('validates emoji names and only lets users react as themselves', async () => {
    const { owner, members: [a] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a]);
    const p = await post(owner, channel.id, 'x');
    const react = (userId: string, emoji: string) => raw(suite.server, 'POST', '/reactions', { token: a.token, body: { user_id: userId, post_id: p.id, emoji_name: emoji } });
    for (const bad of ['', 'has space', 'colon:', 'x'.repeat(65), 'émoji']) {
      const response = await react(a.user.id, bad);
      expect(response.status, bad).toBe(400);
    }
    expect((await react(a.user.id, '+1')).status).toBe(200);
    expect((await react(a.user.id, 'custom_emoji-2')).status).toBe(200);
    expect((await react(owner.user.id, 'smile')).status).toBe(403);
    const removeOthers = await raw(suite.server, 'DELETE', `/users/${owner.user.id}/posts/${p.id}/reactions/smile`, { token: a.token });
    expect(removeOthers.status).toBe(403);
  });

  it('maps reactions for many posts, leaving out posts the caller cannot read', async () => {
    const { owner, members: [a] } = suite.world;
    const open = await channelWith(owner, suite.world.team.id, [a]);
    const secret = await channelWith(owner, suite.world.team.id, [], 'P');
    const plain = await post(owner, open.id, 'no reactions');
    const liked = await post(owner, open.id, 'liked');
    const hidden = await post(owner, secret.id, 'hidden');
    await owner.client.addReaction(owner.user.id, liked.id, 'heart');
    await owner.client.addReaction(owner.user.id, hidden.id, 'heart');
    const map = await raw(suite.server, 'POST', '/posts/ids/reactions', { token: a.token, body: [plain.id, liked.id, hidden.id] });
    expect(map.status).toBe(200);
    expect(Object.keys(map.body).sort()).toEqual([plain.id, liked.id].sort());
    expect(map.body[plain.id]).toEqual([]);
    expect(map.body[liked.id].map((r: Reaction) => r.emoji_name)).toEqual(['heart']);
  });

  it('keeps non-members out: 403 to read or react in a private channel, read-only in a public one', async () => {
    const { owner, members: [, outsider] } = suite.world;
    const secret = await channelWith(owner, suite.world.team.id, [], 'P');
    const open = await channelWith(owner, suite.world.team.id, []);
    const hidden = await post(owner, secret.id, 'secret');
    const visible = await post(owner, open.id, 'public');
    await owner.client.addReaction(owner.user.id, visible.id, 'eyes');
    await expect(outsider.client.getReactionsForPost(hidden.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(outsider.client.addReaction(outsider.user.id, hidden.id, 'eyes')).rejects.toMatchObject({ status_code: 403 });
    expect((await outsider.client.getReactionsForPost(visible.id)).map((r: Reaction) => r.emoji_name)).toEqual(['eyes']);
    await expect(outsider.client.addReaction(outsider.user.id, visible.id, 'eyes')).rejects.toMatchObject({ status_code: 403 });
  });

  it('refuses reactions in an archived channel', async () => {
    const { owner } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, []);
    const p = await post(owner, channel.id, 'old');
    await owner.client.deleteChannel(channel.id);
    await expect(owner.client.addReaction(owner.user.id, p.id, 'wave')).rejects.toMatchObject({ status_code: 403 });
  });
});

describe('pins', () => {
  it('pins and unpins, lists pinned posts and counts them in the channel stats', async () => {
    const { owner, members: [other] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [other]);
    const a = await post(owner, channel.id, 'a');
    const b = await post(other, channel.id, 'b');
    await other.client.pinPost(a.id);
    await owner.client.pinPost(b.id);
    expect((await owner.client.getPost(a.id)).is_pinned).toBe(true);
    const pinned = await owner.client.getPinnedPosts(channel.id);
    expect(pinned.order).toEqual([b.id, a.id]);
    expect((await owner.client.getChannelStats(channel.id)).pinnedpost_count).toBe(2);
    await owner.client.unpinPost(a.id);
    expect((await owner.client.getPinnedPosts(channel.id)).order).toEqual([b.id]);
    expect((await owner.client.getChannelStats(channel.id)).pinnedpost_count).toBe(1);
    const viaPatch = await owner.client.patchPost({ id: a.id, is_pinned: true } as Post);
    expect(viaPatch.is_pinned).toBe(true);
    expect(viaPatch.edit_at).toBe(0);
  });

  it('lets only members pin: 403 for outsiders of private and public channels', async () => {
    const { owner, members: [, outsider] } = suite.world;
    const secret = await channelWith(owner, suite.world.team.id, [], 'P');
    const open = await channelWith(owner, suite.world.team.id, []);
    const hidden = await post(owner, secret.id, 'secret');
    const visible = await post(owner, open.id, 'public');
    await expect(outsider.client.pinPost(hidden.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(outsider.client.getPinnedPosts(secret.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(outsider.client.pinPost(visible.id)).rejects.toMatchObject({ status_code: 403 });
    const edited = suite.events.filter((e) => e.event === 'post_edited' && e.broadcast.channel_id === open.id);
    expect(edited).toHaveLength(0);
    await owner.client.pinPost(visible.id);
    const pinnedEvent = suite.events.find((e) => e.event === 'post_edited' && e.broadcast.channel_id === open.id);
    expect(JSON.parse(pinnedEvent?.data.post as string)).toMatchObject({ id: visible.id, is_pinned: true });
  });
});
