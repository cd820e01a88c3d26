import type { Post } from '@mattermost/types/posts';
import { describe, expect, it } from 'vitest';
import { channelWith, post, usePostSuite } from './post_fixtures.js';

// Post creation keeps what it read of the channel, the author's membership and
// the author between posts (app/posting_context.ts). Every change below comes
// right after a post that filled that cache, and the next post must see it.

const suite = usePostSuite(2);

/** The `posted` event published for a post. */
function postedEvent(postId: string): Record<string, unknown> {
  const event = suite.events.find((e) => e.event === 'posted' && (JSON.parse(e.data.post as string) as Post).id === postId);
  if (!event) throw new Error(`no posted event for ${postId}`);
  return event.data;
}

describe('posting after the channel, the membership or the author changed', () => {
  it('refuses a member removed from the channel, and accepts them again once re-added', async () => {
    const { owner, members: [member] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [member]);
    await post(member, channel.id, 'before');
    await owner.client.removeFromChannel(member.user.id, channel.id);
    await expect(post(member, channel.id, 'after removal')).rejects.toMatchObject({ status_code: 403 });
    await owner.client.addToChannel(member.user.id, channel.id);
    expect((await post(member, channel.id, 'back again')).message).toBe('back again');
  });

  it('refuses a member who left the channel', async () => {
    const { owner, members: [member] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [member], 'P');
    await post(member, channel.id, 'before');
    await member.client.removeFromChannel(member.user.id, channel.id);
    await expect(post(member, channel.id, 'after leaving')).rejects.toMatchObject({ status_code: 403 });
  });

  it('refuses a channel archived since, and accepts it again once restored', async () => {
    const { owner, members: [member] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [member]);
    await post(member, channel.id, 'before');
    await owner.client.deleteChannel(channel.id);
    await expect(post(member, channel.id, 'archived')).rejects.toMatchObject({
      status_code: 403, server_error_id: 'api.post.create_post.can_not_post_to_deleted.error',
    });
    await owner.client.unarchiveChannel(channel.id);
    expect((await post(member, channel.id, 'restored')).message).toBe('restored');
  });

  it('announces the channel\'s new name and privacy', async () => {
    const { owner, members: [member] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [member]);
    await post(member, channel.id, 'before');
    await owner.client.patchChannel(channel.id, { display_name: 'Renamed Room' });
    await owner.client.updateChannelPrivacy(channel.id, 'P');
    const after = await post(member, channel.id, 'after');
    expect(postedEvent(after.id)).toMatchObject({ channel_display_name: 'Renamed Room', channel_type: 'P' });
  });

  it('announces the author\'s new username', async () => {
    const { owner, members: [, member] } = suite.world;
    const channel = await channelWith(owner, suite.world.team.id, [member]);
    await post(member, channel.id, 'before');
    const username = `renamed${member.user.id.slice(0, 8)}`;
    await member.client.patchMe({ username });
    const after = await post(member, channel.id, 'after');
    expect(postedEvent(after.id).sender_name).toBe(`@${username}`);
  });
});
