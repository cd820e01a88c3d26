import type { ServerChannel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import { getState, type AppState } from '../store/store';
import { channelTitle, collapsedThreads } from '../store/selectors';
import { navigate } from '../router/navigate';
import { parseRoute } from '../router/routes';
import { decideDesktop, soundEnabled, type DesktopContext } from './desktop_rules';
import { namesUser } from './mention_match';
import { notificationBody } from './notification_text';
import { playNotificationSound } from './notification_sound';
import { attachmentFallback } from '../features/posts/attachments/attachment_content';

export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export async function requestNotificationPermission(): Promise<NotificationPermission> {
  if (!notificationsSupported()) return 'denied';
  return Notification.requestPermission();
}

/** What a `posted` event says besides the post. */
export interface PostedNotice {
  /** user ids the server counts as mentioned */
  mentions: string[];
  /** user ids following the reply's thread */
  followers: string[];
  /** "@username" of the author */
  senderName: string;
}

type Props = Readonly<Record<string, string>>;

/** The `comments` setting: a reply to a thread I started ('root'), or started or wrote in ('any'). */
function repliedThread(s: AppState, post: Post, myId: string, comments: string | undefined): boolean {
  if (!post.root_id || (comments !== 'root' && comments !== 'any')) return false;
  const root = s.posts.posts[post.root_id];
  if (root?.user_id === myId) return true;
  if (comments !== 'any') return false;
  return (s.posts.byThread[post.root_id] ?? []).some((id) => s.posts.posts[id]?.user_id === myId);
}

function openThreadId(s: AppState): string {
  if (s.rhs?.kind === 'thread') return s.rhs.rootId;
  const route = parseRoute(s.path);
  return route.name === 'threads' ? route.threadId : '';
}

function contextFor(s: AppState, post: Post, channel: ServerChannel, notice: PostedNotice): DesktopContext | null {
  const me = s.me;
  if (!me) return null;
  const userProps = (me.notify_props ?? {}) as unknown as Props;
  const channelProps = (s.members[channel.id]?.notify_props ?? {}) as Props;
  return {
    myUserId: me.id,
    userProps,
    channelProps,
    status: s.statuses[me.id] ?? 'online',
    mentioned: notice.mentions.includes(me.id),
    namedInText: namesUser(post.message ?? '', { username: me.username ?? '', firstName: me.first_name ?? '', notifyProps: userProps }),
    following: notice.followers.includes(me.id),
    repliedThread: repliedThread(s, post, me.id, userProps.comments),
    collapsedThreads: collapsedThreads(s),
    tabVisible: document.visibilityState === 'visible',
    // The threads view shows no channel, whatever channel was open before it.
    currentChannelId: parseRoute(s.path).name === 'threads' ? '' : s.currentChannelId,
    openThreadId: openThreadId(s),
  };
}

/** The post's permalink, in the channel's team (DMs and GMs: the team on screen). */
function permalink(s: AppState, post: Post, channel: ServerChannel): string {
  const team = s.teams[channel.team_id] ?? s.teams[s.currentTeamId];
  return team ? `/${team.name}/pl/${post.id}` : '';
}

/** Shows a desktop notification (and plays its sound) for a new post when the user's and the channel's settings ask for one. */
export function notifyIfNeeded(post: Post, channel: ServerChannel, notice: PostedNotice): void {
  const s = getState();
  const ctx = contextFor(s, post, channel, notice);
  if (!ctx) return;
  const decision = decideDesktop(
    {
      authorId: post.user_id, channelId: channel.id, channelType: channel.type, rootId: post.root_id ?? '',
      systemMessage: Boolean(post.type && post.type.startsWith('system_')), fromWebhook: post.props?.from_webhook === 'true',
    },
    ctx,
  );
  if (!decision.notify) return;
  if (soundEnabled(ctx.userProps, ctx.channelProps)) playNotificationSound(ctx.userProps.desktop_notification_sound);
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  const direct = channel.type === 'D';
  const sender = notice.senderName || (s.users[post.user_id] ? `@${s.users[post.user_id].username}` : '');
  const title = direct ? sender.replace(/^@/, '') || channelTitle(s, channel) : channelTitle(s, channel);
  try {
    // A post of attachments or files alone: their fallback text or names stand for the text.
    const text = post.message || attachmentFallback(post) || (post.metadata?.files ?? []).map((f) => f.name).join(', ');
    const notification = new Notification(title, { body: notificationBody(text, sender, direct), tag: post.id, silent: true });
    notification.onclick = () => {
      window.focus();
      const url = permalink(getState(), post, channel);
      if (url) navigate(url);
      notification.close();
    };
  } catch {
    // Some browsers (Android Chrome) only allow notifications from a service worker.
  }
}
