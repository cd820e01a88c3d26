import type { ServerChannel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import { getState } from '../store/store';
import { channelTitle, channelUrl } from '../store/selectors';
import { isMuted } from '../store/unread';
import { navigate } from '../router/navigate';

export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export async function requestNotificationPermission(): Promise<NotificationPermission> {
  if (!notificationsSupported()) return 'denied';
  return Notification.requestPermission();
}

/** Desktop notification for a mention or a direct message while the tab is hidden. */
export function notifyIfNeeded(post: Post, channel: ServerChannel, mentioned: boolean, senderName: string): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible') return;
  const s = getState();
  if (s.me && s.statuses[s.me.id] === 'dnd') return;
  const direct = channel.type === 'D' || channel.type === 'G';
  const level = (s.me?.notify_props as Record<string, string> | undefined)?.desktop ?? 'mention';
  if (level === 'none') return;
  if (level !== 'all' && !direct && !mentioned) return;
  if (!direct && !mentioned && isMuted(s.members[channel.id])) return;
  const title = direct ? senderName.replace(/^@/, '') || channelTitle(s, channel) : channelTitle(s, channel);
  const body = `${direct ? '' : `${senderName}: `}${post.message}`.slice(0, 200);
  const notification = new Notification(title, { body, tag: post.id });
  notification.onclick = () => {
    window.focus();
    const team = s.teams[s.currentTeamId];
    if (team) navigate(channelUrl(getState(), channel, team.name));
    notification.close();
  };
}
