import { getState, setState } from '../../store/store';
import { channelUnread } from '../../store/unread';
import { loadChannelStats, viewOnServer } from '../../store/actions/channels';
import { applyViewed } from '../../store/unread';
import { loadChannelPosts } from '../../store/actions/posts';
import { clearManuallyUnread } from '../../store/manualUnread';

/**
 * Makes a channel current: remembers where the unread part starts (for the "New messages" line),
 * loads its posts the first time, and marks it read.
 */
export function openChannel(channelId: string): void {
  const s = getState();
  if (s.currentChannelId === channelId) return;
  const member = s.members[channelId];
  const unread = channelUnread(s.channels[channelId], member);
  const since = member && (unread.messages > 0 || unread.mentions > 0) ? member.last_viewed_at : Number.MAX_SAFE_INTEGER;
  const previous = s.currentChannelId;
  // Leaving a channel marked unread by hand leaves it unread; opening one reads it.
  const keepPreviousUnread = Boolean(previous) && clearManuallyUnread(previous);
  clearManuallyUnread(channelId);
  const now = Date.now();
  // One store update for the switch (current channel, both channels read) keeps it to a single render.
  setState((st) => {
    const members = { ...st.members };
    for (const id of keepPreviousUnread ? [channelId] : [previous, channelId]) {
      if (id && members[id]) members[id] = applyViewed(st.channels[id], members[id], now);
    }
    return {
      currentChannelId: channelId,
      editingPostId: '',
      members,
      newMessagesSince: { ...st.newMessagesSince, [channelId]: since },
      rhs: st.rhs && (st.rhs.kind === 'pinned' || st.rhs.kind === 'members') ? null : st.rhs,
    };
  });
  if (!s.posts.byChannel[channelId]) void loadChannelPosts(channelId).catch(() => undefined);
  // The server marks both read (prev_channel_id semantics) after the frame is on screen.
  setTimeout(() => {
    if (previous && !keepPreviousUnread) viewOnServer(previous);
    if (member) viewOnServer(channelId);
    void loadChannelStats(channelId).catch(() => undefined);
  }, 0);
}
