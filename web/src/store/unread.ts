import type { ChannelMembership, ServerChannel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';

export interface ChannelUnread {
  /** posts not yet seen (0 when the channel is read) */
  messages: number;
  mentions: number;
  /** bold in the sidebar: unread and not muted */
  showUnread: boolean;
}

export function isMuted(member: ChannelMembership | undefined): boolean {
  return member?.notify_props?.mark_unread === 'mention';
}

/** Unread maths as Mattermost clients do it: total_msg_count − member.msg_count, mentions from the member. */
export function channelUnread(channel: ServerChannel | undefined, member: ChannelMembership | undefined): ChannelUnread {
  if (!channel || !member) return { messages: 0, mentions: 0, showUnread: false };
  const messages = Math.max(0, (channel.total_msg_count ?? 0) - (member.msg_count ?? 0));
  const mentions = member.mention_count ?? 0;
  return { messages, mentions, showUnread: (messages > 0 && !isMuted(member)) || mentions > 0 };
}

/** Posts that the server leaves out of total_msg_count. */
const UNCOUNTED_TYPES = new Set(['system_join_leave', 'system_join_channel', 'system_leave_channel', 'system_add_remove', 'system_ephemeral', 'system_ephemeral_add_to_channel']);

export function countsAsMessage(post: Post): boolean {
  return !UNCOUNTED_TYPES.has(post.type);
}

export interface PostedContext {
  myUserId: string;
  /** the user is looking at this channel right now (focused tab, channel open) */
  viewing: boolean;
  /** user ids the server flagged as mentioned (posted event `mentions`) */
  mentions: string[];
}

/**
 * Updates a channel and my membership for a new post. A post I wrote, or one in the channel I
 * am viewing, is read at once; otherwise it is unread, and a mention (or any DM/GM post) counts as one.
 */
export function applyPosted(
  channel: ServerChannel,
  member: ChannelMembership | undefined,
  post: Post,
  ctx: PostedContext,
): { channel: ServerChannel; member: ChannelMembership | undefined } {
  const counted = countsAsMessage(post);
  const total = channel.total_msg_count + (counted ? 1 : 0);
  const totalRoot = (channel.total_msg_count_root ?? 0) + (counted && !post.root_id ? 1 : 0);
  const nextChannel: ServerChannel = {
    ...channel,
    total_msg_count: total,
    total_msg_count_root: totalRoot,
    last_post_at: Math.max(channel.last_post_at, post.create_at),
    last_root_post_at: post.root_id ? channel.last_root_post_at : Math.max(channel.last_root_post_at, post.create_at),
  };
  if (!member) return { channel: nextChannel, member };
  if (post.user_id === ctx.myUserId || ctx.viewing) {
    return {
      channel: nextChannel,
      member: { ...member, msg_count: total, msg_count_root: totalRoot, mention_count: 0, mention_count_root: 0, last_viewed_at: Math.max(member.last_viewed_at, post.create_at) },
    };
  }
  const direct = channel.type === 'D' || channel.type === 'G';
  const mentioned = counted && (direct || ctx.mentions.includes(ctx.myUserId));
  return {
    channel: nextChannel,
    member: mentioned
      ? { ...member, mention_count: member.mention_count + 1, mention_count_root: (member.mention_count_root ?? 0) + (post.root_id ? 0 : 1) }
      : member,
  };
}

/** Viewing a channel (here or in another tab) reads everything in it. */
export function applyViewed(channel: ServerChannel | undefined, member: ChannelMembership, viewedAt: number): ChannelMembership {
  return {
    ...member,
    msg_count: channel?.total_msg_count ?? member.msg_count,
    msg_count_root: channel?.total_msg_count_root ?? member.msg_count_root,
    mention_count: 0,
    mention_count_root: 0,
    urgent_mention_count: 0,
    last_viewed_at: Math.max(member.last_viewed_at, viewedAt),
  };
}

/** The `post_unread` event (mark as unread, here or in another tab) carries the new member counts. */
export type PostUnreadData = Pick<ChannelMembership, 'msg_count' | 'msg_count_root' | 'mention_count' | 'mention_count_root'
  | 'urgent_mention_count' | 'last_viewed_at'>;

export function applyMarkedUnread(member: ChannelMembership, data: PostUnreadData): ChannelMembership {
  return {
    ...member,
    msg_count: data.msg_count,
    msg_count_root: data.msg_count_root,
    mention_count: data.mention_count,
    mention_count_root: data.mention_count_root,
    urgent_mention_count: data.urgent_mention_count,
    last_viewed_at: data.last_viewed_at,
  };
}

export interface TeamUnreadTotals {
  hasUnread: boolean;
  mentions: number;
}

export function sumUnreads(items: ChannelUnread[]): TeamUnreadTotals {
  let mentions = 0;
  let hasUnread = false;
  for (const u of items) {
    mentions += u.mentions;
    if (u.showUnread) hasUnread = true;
  }
  return { hasUnread, mentions };
}

/** "(3) town-square - Team | Parley" / "* …" when only unread without mentions. */
export function documentTitle(base: string, totals: TeamUnreadTotals): string {
  if (totals.mentions > 0) return `(${totals.mentions}) ${base}`;
  if (totals.hasUnread) return `* ${base}`;
  return base;
}
