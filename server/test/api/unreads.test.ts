import type { ChannelMembership } from '@mattermost/types/channels';
import type { UserNotifyProps } from '@mattermost/types/users';
import type { Post } from '@mattermost/types/posts';
import { describe, expect, it } from 'vitest';
import { raw, type TestUser } from '../harness.js';
import { channelWith, post, usePostSuite } from './post_fixtures.js';

const suite = usePostSuite(4);

/** The user's unread state in the channel: unread posts and mentions, as clients compute them. */
async function unread(user: TestUser, channelId: string): Promise<{ msgs: number; mentions: number; rootMentions: number; member: ChannelMembership }> {
  const [channel, member] = await Promise.all([user.client.getChannel(channelId), user.client.getMyChannelMember(channelId)]);
  return { msgs: channel.total_msg_count - member.msg_count, mentions: member.mention_count, rootMentions: member.mention_count_root, member };
}

describe('unread and mention counting', () => {
  it('counts @username mentions for members only and resets them when the channel is viewed', async () => {
    const { owner, members: [a, b, outsider] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a, b]);
    await Promise.all([a, b].map((u) => u.client.viewMyChannel(channel.id)));
    const p = await post(owner, channel.id, `Hey @${a.user.username}, and @${outsider.user.username}: look`);
    expect(await unread(a, channel.id)).toMatchObject({ msgs: 1, mentions: 1, rootMentions: 1 });
    expect(await unread(b, channel.id)).toMatchObject({ msgs: 1, mentions: 0 });
    const author = await unread(owner, channel.id);
    expect(author).toMatchObject({ msgs: 0, mentions: 0 });
    expect(author.member.last_viewed_at).toBe(p.create_at);
    const posted = suite.events.find((e) => e.event === 'posted' && JSON.parse(e.data.post as string).id === p.id);
    expect(JSON.parse(posted?.data.mentions as string)).toEqual([a.user.id]);
    expect(posted?.data).toMatchObject({ channel_type: 'O', channel_name: channel.name, sender_name: `@${owner.user.username}`, team_id: suite.world.team.id, set_online: true });

    await a.client.viewMyChannel(channel.id);
    expect(await unread(a, channel.id)).toMatchObject({ msgs: 0, mentions: 0 });
  });

  it('counts @channel, @all and @here for every member but the author, unless a member ignores them', async () => {
    const { owner, members: [a, b, c] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a, b, c]);
    await c.client.updateChannelNotifyProps({ channel_id: channel.id, user_id: c.user.id, ignore_channel_mentions: 'on' });
    await Promise.all([owner, a, b, c].map((u) => u.client.viewMyChannel(channel.id)));
    await post(a, channel.id, '@channel standup');
    await post(a, channel.id, 'ping @all.');
    await post(b, channel.id, '@here anyone?');
    expect(await unread(owner, channel.id)).toMatchObject({ msgs: 3, mentions: 3 });
    expect(await unread(a, channel.id)).toMatchObject({ msgs: 1, mentions: 1 });
    expect(await unread(b, channel.id)).toMatchObject({ msgs: 0, mentions: 0 });
    expect(await unread(c, channel.id)).toMatchObject({ msgs: 3, mentions: 0 });
  });

  it('counts replies in mention_count but not mention_count_root', async () => {
    const { owner, members: [a] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a]);
    const root = await post(a, channel.id, 'root');
    await owner.client.viewMyChannel(channel.id);
    await post(a, channel.id, `@${owner.user.username} in a thread`, { root_id: root.id });
    expect(await unread(owner, channel.id)).toMatchObject({ msgs: 1, mentions: 1, rootMentions: 0 });
    const [channelNow, member] = await Promise.all([owner.client.getChannel(channel.id), owner.client.getMyChannelMember(channel.id)]);
    expect(channelNow.total_msg_count_root - member.msg_count_root).toBe(0);
  });

  it('counts custom mention keys and the first name when the user asked for them', async () => {
    const { owner, members: [a] } = suite.world;
    await a.client.patchMe({ first_name: 'Zelda', notify_props: { ...a.user.notify_props, mention_keys: 'deploy,on call', first_name: 'true' } as UserNotifyProps });
    const channel = await channelWith(owner, suite.world.team.id, [a]);
    await a.client.viewMyChannel(channel.id);
    await post(owner, channel.id, 'Who can DEPLOY this?');
    await post(owner, channel.id, 'thanks Zelda!');
    await post(owner, channel.id, 'who is on call');
    await post(owner, channel.id, 'zelda (lower case) and redeploy do not count');
    expect(await unread(a, channel.id)).toMatchObject({ msgs: 4, mentions: 3 });
  });

  it('stops counting mention keys and the first name once the user turns them off', async () => {
    const { owner, members: [a] } = suite.world;
    const me = await a.client.patchMe({ first_name: 'Yusuf', notify_props: { ...a.user.notify_props, mention_keys: 'release', first_name: 'true' } as UserNotifyProps });
    await a.client.patchMe({ notify_props: { ...me.notify_props, mention_keys: 'rollback', first_name: 'false' } as UserNotifyProps });
    const channel = await channelWith(owner, suite.world.team.id, [a]);
    await a.client.viewMyChannel(channel.id);
    await post(owner, channel.id, 'release is out, thanks Yusuf');
    expect(await unread(a, channel.id)).toMatchObject({ msgs: 1, mentions: 0 });
    await post(owner, channel.id, 'we may need a rollback');
    expect(await unread(a, channel.id)).toMatchObject({ msgs: 2, mentions: 1 });
  });

  it('treats every post in a DM as a mention of the other member', async () => {
    const { owner, members: [a] } = suite.world;
    const dm = await owner.client.createDirectChannel([owner.user.id, a.user.id]);
    await a.client.viewMyChannel(dm.id);
    await post(owner, dm.id, 'one');
    await post(owner, dm.id, 'two');
    expect(await unread(a, dm.id)).toMatchObject({ msgs: 2, mentions: 2 });
    expect(await unread(owner, dm.id)).toMatchObject({ msgs: 0, mentions: 0 });
    await a.client.viewMyChannel(dm.id);
    expect(await unread(a, dm.id)).toMatchObject({ msgs: 0, mentions: 0 });
  });

  it('treats every post in a group message as a mention of the other members', async () => {
    const { owner, members: [a, b] } = suite.world;
    const gm = await owner.client.createGroupChannel([owner.user.id, a.user.id, b.user.id]);
    await Promise.all([a, b].map((u) => u.client.viewMyChannel(gm.id)));
    await post(a, gm.id, 'hello all');
    expect(await unread(owner, gm.id)).toMatchObject({ msgs: 1, mentions: 1 });
    expect(await unread(b, gm.id)).toMatchObject({ msgs: 1, mentions: 1 });
    expect(await unread(a, gm.id)).toMatchObject({ msgs: 0, mentions: 0 });
  });

  it('marks a channel unread from a post, recounting messages and mentions', async () => {
    const { owner, members: [a] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a]);
    await post(owner, channel.id, 'older');
    const from = await post(owner, channel.id, `@${a.user.username} from here`);
    await post(owner, channel.id, 'newer');
    await a.client.viewMyChannel(channel.id);
    const result = await a.client.markPostAsUnread(a.user.id, from.id) as unknown as Record<string, unknown>;
    expect(result).toMatchObject({
      channel_id: channel.id, user_id: a.user.id, team_id: suite.world.team.id, mention_count: 1, mention_count_root: 1,
      last_viewed_at: from.create_at - 1,
    });
    expect(await unread(a, channel.id)).toMatchObject({ msgs: 2, mentions: 1 });
    const event = suite.events.find((e) => e.event === 'post_unread' && e.broadcast.user_id === a.user.id && e.data.post_id === from.id);
    expect(event?.data).toMatchObject({ channel_id: channel.id, mention_count: 1, last_viewed_at: from.create_at - 1 });
    const other = await raw(suite.server, 'POST', `/users/${owner.user.id}/posts/${from.id}/set_unread`, { token: a.token, body: {} });
    expect(other.status).toBe(403);
  });

  it('answers and announces a view with nothing new like any other, leaving the read state as it was', async () => {
    const { owner, members: [a] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a]);
    await post(owner, channel.id, 'seen');
    await a.client.viewMyChannel(channel.id);
    const before = await a.client.getMyChannelMember(channel.id);
    const again = await raw(suite.server, 'POST', '/channels/members/me/view', { token: a.token, body: { channel_id: channel.id } });
    expect(again.status).toBe(200);
    const viewedAt = again.body.last_viewed_at_times[channel.id] as number;
    expect(viewedAt).toBeGreaterThanOrEqual(before.last_viewed_at);
    const viewed = suite.events.filter((e) => e.event === 'multiple_channels_viewed' && e.broadcast.user_id === a.user.id);
    expect(viewed.at(-1)?.data).toEqual({ channel_times: { [channel.id]: viewedAt } });
    expect(await a.client.getMyChannelMember(channel.id)).toEqual(before);

    const fresh = await post(owner, channel.id, `@${a.user.username} new`);
    expect(await unread(a, channel.id)).toMatchObject({ msgs: 1, mentions: 1 });
    await a.client.viewMyChannel(channel.id);
    const after = await unread(a, channel.id);
    expect(after).toMatchObject({ msgs: 0, mentions: 0 });
    expect(after.member.last_viewed_at).toBeGreaterThanOrEqual(fresh.create_at);
    expect((await a.client.getPostsUnread(channel.id, a.user.id, 5, 5)).order[0]).toBe(fresh.id);
  });

  it('loads a channel around the first unread post', async () => {
    const { owner, members: [a] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [a]);
    const read = [];
    for (let i = 0; i < 4; i++) read.push(await post(owner, channel.id, `read ${i}`));
    await a.client.viewMyChannel(channel.id);
    const fresh = [];
    for (let i = 0; i < 4; i++) fresh.push(await post(owner, channel.id, `new ${i}`));
    const around = await a.client.getPostsUnread(channel.id, a.user.id, 2, 2);
    expect(around.order).toEqual([fresh[1].id, fresh[0].id, read[3].id, read[2].id]);
    expect(around).toMatchObject({ next_post_id: fresh[2].id, prev_post_id: read[1].id });

    await a.client.viewMyChannel(channel.id);
    const caughtUp = await a.client.getPostsUnread(channel.id, a.user.id, 10, 3);
    expect(caughtUp.order).toEqual([fresh[3].id, fresh[2].id, fresh[1].id]);
    expect(caughtUp).toMatchObject({ next_post_id: '', prev_post_id: fresh[0].id });

    // With collapsed threads an unread reply is no first unread post: the page is the newest roots.
    const reply = await owner.client.createPost({ channel_id: channel.id, message: 'unread reply', root_id: fresh[3].id } as Post);
    const path = `/users/me/channels/${channel.id}/posts/unread?limit_after=2&limit_before=2`;
    const collapsed = await raw(suite.server, 'GET', `${path}&collapsedThreads=true`, { token: a.token });
    expect(collapsed.body.order).toEqual([fresh[3].id, fresh[2].id]);
    const expanded = await raw(suite.server, 'GET', path, { token: a.token });
    expect(expanded.body.order).toEqual([reply.id, fresh[3].id, fresh[2].id]);
    const bad = await raw(suite.server, 'GET', `/users/me/channels/${channel.id}/posts/unread?limit_after=0`, { token: a.token });
    expect(bad.status).toBe(400);
  });
});
