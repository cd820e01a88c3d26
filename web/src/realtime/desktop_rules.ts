/**
 * Whether a new post shows a desktop notification: pure, so the whole matrix is unit tested
 * (test/desktop_rules.test.ts). The order follows Mattermost's web app: own posts, do not disturb, the level
 * (the channel's unless 'default', else the user's), followed threads, then whether the user is looking at it.
 * Where Parley differs: a muted channel still notifies when the post names the user (not @channel).
 */

export interface DesktopPost {
  authorId: string;
  channelId: string;
  /** 'O' | 'P' | 'D' | 'G' */
  channelType: string;
  /** '' for a root post */
  rootId: string;
  systemMessage: boolean;
  fromWebhook: boolean;
}

export interface DesktopContext {
  myUserId: string;
  /** The user's notify_props. */
  userProps: Readonly<Record<string, string>>;
  /** The channel membership's notify_props. */
  channelProps: Readonly<Record<string, string>>;
  /** The user's status: 'online' | 'away' | 'offline' | 'dnd' | 'ooo'. */
  status: string;
  /** The server's `mentions` list names the user (@username, keywords, @channel, a DM or GM). */
  mentioned: boolean;
  /** The text names the user (@username, a keyword, the first name), not only @channel/@all/@here. */
  namedInText: boolean;
  /** The server's `followers` list names the user: they follow the thread this reply is in. */
  following: boolean;
  /** The `comments` setting asks for this reply (a thread they started or took part in). */
  repliedThread: boolean;
  /** Collapsed reply threads are on for the user. */
  collapsedThreads: boolean;
  /** The tab is visible (document.visibilityState). */
  tabVisible: boolean;
  /** The channel open in the centre. */
  currentChannelId: string;
  /** The thread open in the right-hand panel or the threads view ('' for none). */
  openThreadId: string;
}

export type DesktopDecision = { notify: true } | { notify: false; reason: DesktopSkipReason };

export type DesktopSkipReason =
  | 'own_post' | 'system_message' | 'status' | 'muted' | 'level_none' | 'not_mentioned' | 'not_following_thread' | 'viewing';

export type NotifyLevel = 'all' | 'mention' | 'none';

const skip = (reason: DesktopSkipReason): DesktopDecision => ({ notify: false, reason });

/** A channel value overrides the user's unless it is 'default' or unset; the user's falls back to `fallback`. */
export function effectiveLevel(userValue: string | undefined, channelValue: string | undefined, fallback: NotifyLevel): NotifyLevel {
  const chosen = channelValue && channelValue !== 'default' ? channelValue : userValue;
  return chosen === 'all' || chosen === 'mention' || chosen === 'none' ? chosen : fallback;
}

/** The desktop level for a channel. In a group message a user on "mentions" hears every post (Mattermost does so). */
export function desktopLevel(channelType: string, userProps: Readonly<Record<string, string>>, channelProps: Readonly<Record<string, string>>): NotifyLevel {
  const channelValue = channelProps.desktop;
  const level = effectiveLevel(userProps.desktop, channelValue, 'mention');
  if (channelType === 'G' && (!channelValue || channelValue === 'default') && level === 'mention') return 'all';
  return level;
}

export function isMutedProps(channelProps: Readonly<Record<string, string>>): boolean {
  return channelProps.mark_unread === 'mention';
}

/** Whether a notification plays a sound: the channel's on/off, else the user's `desktop_sound` (on unless 'false'). */
export function soundEnabled(userProps: Readonly<Record<string, string>>, channelProps: Readonly<Record<string, string>>): boolean {
  if (channelProps.desktop_sound === 'on') return true;
  if (channelProps.desktop_sound === 'off') return false;
  return userProps.desktop_sound !== 'false';
}

export function decideDesktop(post: DesktopPost, ctx: DesktopContext): DesktopDecision {
  if (post.authorId === ctx.myUserId && !post.fromWebhook) return skip('own_post');
  if (post.systemMessage) return skip('system_message');
  if (ctx.status === 'dnd' || ctx.status === 'ooo') return skip('status');
  if (isMutedProps(ctx.channelProps) && !ctx.namedInText) return skip('muted');
  const level = desktopLevel(post.channelType, ctx.userProps, ctx.channelProps);
  if (level === 'none') return skip('level_none');
  const crtReply = ctx.collapsedThreads && post.rootId !== '';
  const direct = post.channelType === 'D';
  // Without collapsed threads, a reply the `comments` setting asks for counts as a mention (as the server counts it).
  const mentioned = ctx.mentioned || direct || (!crtReply && ctx.repliedThread);
  const threadsLevel = effectiveLevel(ctx.userProps.desktop_threads, ctx.channelProps.desktop_threads, 'all');
  const followed = crtReply && ctx.following && threadsLevel === 'all';
  if (level === 'mention' && !mentioned && !followed) return skip('not_mentioned');
  if (level === 'all' && crtReply && !mentioned && !ctx.following) return skip('not_following_thread');
  if (ctx.tabVisible) {
    // With threads collapsed a reply lives in its thread: only an open thread counts as seeing it.
    const seen = crtReply ? ctx.openThreadId === post.rootId : ctx.currentChannelId === post.channelId;
    if (seen) return skip('viewing');
  }
  return { notify: true };
}
