import { forbidden, notFound } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import type { ChannelMembership } from '../model/types.js';
import type { Store } from '../store/store.js';
import { isSystemAdmin, type Actor } from './actor.js';
import { readableChannel } from './channel_rules.js';
import type { AppDeps } from './deps.js';
import { countMentions } from './mentions.js';
import type { Permissions } from './permissions.js';

/** What Client4's markPostAsUnread gets back (Mattermost's ChannelUnreadAt). */
export type ChannelUnreadAt = { team_id: string } & Pick<ChannelMembership, 'user_id' | 'channel_id' | 'msg_count' | 'msg_count_root'
  | 'mention_count' | 'mention_count_root' | 'urgent_mention_count' | 'last_viewed_at' | 'notify_props'>;

/** Posts scanned for mentions when a channel is marked unread far back. */
const MAX_RECOUNTED_POSTS = 1000;

export class UnreadService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  private get store(): Store {
    return this.deps.store;
  }

  /** "Mark as unread": the channel reads as unread from this post on, with its mentions counted again. */
  async markUnreadFromPost(actor: Actor, userId: string, postId: string): Promise<ChannelUnreadAt> {
    if (userId !== actor.userId && !isSystemAdmin(actor)) throw forbidden();
    const post = await this.store.posts.get(postId);
    if (!post || post.delete_at > 0) throw notFound('post');
    const channel = await readableChannel(this.store, this.permissions, actor, post.channel_id);
    const member = await this.store.channels.getMember(channel.id, userId);
    if (!member) throw forbidden();
    const [since, unreadPosts] = await Promise.all([
      this.store.posts.countSince(channel.id, post.create_at),
      this.store.posts.pageAfter(channel.id, { createAt: post.create_at, id: '' }, MAX_RECOUNTED_POSTS),
    ]);
    const [mentions, rootMentions] = await Promise.all([
      countMentions(this.store, channel, userId, unreadPosts),
      countMentions(this.store, channel, userId, unreadPosts.filter((p) => p.root_id === '')),
    ]);
    const next: ChannelMembership = {
      ...member, last_viewed_at: post.create_at - 1, last_update_at: Date.now(),
      msg_count: Math.max(0, channel.total_msg_count - since.all), msg_count_root: Math.max(0, channel.total_msg_count_root - since.root),
      mention_count: mentions, mention_count_root: rootMentions, urgent_mention_count: 0,
    };
    await this.store.channels.saveMember(next);
    const counts = {
      msg_count: next.msg_count, msg_count_root: next.msg_count_root, mention_count: next.mention_count,
      mention_count_root: next.mention_count_root, urgent_mention_count: 0, last_viewed_at: next.last_viewed_at,
    };
    this.deps.bus.publish(makeEvent('post_unread', { ...counts, post_id: post.id, channel_id: channel.id, team_id: channel.team_id }, { user_id: userId }));
    return { ...counts, team_id: channel.team_id, user_id: userId, channel_id: channel.id, notify_props: next.notify_props };
  }
}
