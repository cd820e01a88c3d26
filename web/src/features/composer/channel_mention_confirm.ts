import { getState } from '../../store/store';
import { loadChannelStats } from '../../store/actions/channels';
import { channelWideMentions } from '../../realtime/mention_match';

/** Mattermost's threshold: past this many members, @channel, @all and @here ask first. */
export const NOTIFY_ALL_MEMBERS = 5;

export interface ChannelMentionConfirm {
  /** the people notified: every member but the author */
  count: number;
  /** 'channel' | 'all' | 'here', as written */
  mentions: string[];
}

/**
 * Whether sending asks "Send notifications to N people?" first, as Mattermost's web app does: the server's
 * `EnableConfirmNotificationsToChannel`, a channel-wide mention outside code, and more than five members.
 */
export function channelMentionConfirm(config: Readonly<Record<string, string>>, message: string, memberCount: number | undefined): ChannelMentionConfirm | null {
  if (config.EnableConfirmNotificationsToChannel !== 'true') return null;
  const mentions = channelWideMentions(message);
  if (mentions.length === 0 || memberCount === undefined || memberCount <= NOTIFY_ALL_MEMBERS) return null;
  return { count: memberCount - 1, mentions };
}

/** The same, reading the channel's member count (channel stats) when the store does not have it yet. */
export async function checkChannelMentions(channelId: string, message: string): Promise<ChannelMentionConfirm | null> {
  const s = getState();
  if (channelMentionConfirm(s.config, message, Number.MAX_SAFE_INTEGER) === null) return null;
  if (s.memberCounts[channelId] === undefined) await loadChannelStats(channelId).catch(() => undefined);
  return channelMentionConfirm(getState().config, message, getState().memberCounts[channelId]);
}
