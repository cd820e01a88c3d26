import type { PostInfo } from '@mattermost/types/posts';
import { forbidden, notFound } from '../model/errors.js';
import type { Store } from '../store/store.js';
import { isSystemAdmin, type Actor } from './actor.js';

/**
 * Where a permalinked post lives, for a reader who may not have joined its channel yet: members of the channel,
 * and for public channels anyone in the team or able to join it (open team). Private channels, DMs and GMs stay
 * closed to non-members.
 */
export async function postInfo(store: Store, actor: Actor, postId: string): Promise<PostInfo> {
  const post = await store.posts.get(postId);
  if (!post || post.delete_at > 0) throw notFound('post');
  const channel = await store.channels.get(post.channel_id);
  if (!channel) throw notFound('post');
  const [member, team, teamMember] = await Promise.all([
    store.channels.getMember(channel.id, actor.userId),
    channel.team_id ? store.teams.get(channel.team_id) : undefined,
    channel.team_id ? store.teams.getMember(channel.team_id, actor.userId) : undefined,
  ]);
  const joinedChannel = member !== undefined;
  const joinedTeam = teamMember !== undefined && teamMember.delete_at === 0;
  if (!joinedChannel && !isSystemAdmin(actor)) {
    const canJoin = channel.type === 'O' && channel.delete_at === 0 && team !== undefined && team.delete_at === 0
      && (joinedTeam || team.allow_open_invite);
    if (!canJoin) throw forbidden();
  }
  return {
    channel_id: channel.id, channel_type: channel.type, channel_display_name: channel.display_name, has_joined_channel: joinedChannel,
    team_id: team?.id ?? '', team_type: team?.type ?? 'O', team_display_name: team?.display_name ?? '', has_joined_team: joinedTeam,
  };
}
