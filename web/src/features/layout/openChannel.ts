import { getState, setState } from '../../store/store';
import { channelUnread } from '../../store/unread';
import { loadChannelStats, markChannelViewed } from '../../store/actions/channels';
import { loadChannelPosts } from '../../store/actions/posts';

/**
 * Makes a channel current: remembers where the unread part starts (for the "New messages" line),
 * loads its posts the first time, and marks it read.
 */
export function openChannel(channelId: string): void {
  const s = getState();
  if (s.currentChannelId === channelId) return;
  performance.mark('parley:channel-switch:start');
  const member = s.members[channelId];
  const unread = channelUnread(s.channels[channelId], member);
  const since = member && (unread.messages > 0 || unread.mentions > 0) ? member.last_viewed_at : Number.MAX_SAFE_INTEGER;
  const previous = s.currentChannelId;
  setState((st) => ({
    currentChannelId: channelId,
    editingPostId: '',
    newMessagesSince: { ...st.newMessagesSince, [channelId]: since },
    rhs: st.rhs && (st.rhs.kind === 'pinned' || st.rhs.kind === 'members') ? null : st.rhs,
  }));
  if (previous) markChannelViewed(previous, true);
  if (!s.posts.byChannel[channelId]) void loadChannelPosts(channelId).catch(() => undefined);
  if (member) markChannelViewed(channelId, true);
  void loadChannelStats(channelId).catch(() => undefined);
}
