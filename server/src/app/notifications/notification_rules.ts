import type { StatusRecord } from '../../model/types.js';

/**
 * Who gets a desktop, email and push notification for a new post: the one place the rules live. Pure, so that the
 * whole matrix is tested as a table (test/unit/notification_rules.test.ts). The rules follow Mattermost's notification
 * flow; where it leaves a case open the choice is said beside it.
 */

/** How the post reaches the recipient, if it mentions them at all. */
export type MentionKind =
  /** @username, one of their mention keys, or their first name when they asked for it. */
  | 'direct'
  /** @channel, @all or @here, which they did not turn off. */
  | 'channel_wide'
  /** Any post in a direct or group message they are in. */
  | 'direct_channel'
  /** A reply to a thread they started or took part in, when their `comments` setting asks for it (threads not collapsed). */
  | 'reply';

export interface RecipientFacts {
  userId: string;
  /** The user's notify_props (defaults filled in by notifyPropsOf). */
  userProps: Readonly<Record<string, string>>;
  /** Their channel membership's notify_props. */
  channelProps: Readonly<Record<string, string>>;
  status: Pick<StatusRecord, 'status' | 'dnd_end_time'>;
  /** Looking at this channel right now (viewed it within the last seconds): no push, as they are reading it. */
  activeInChannel: boolean;
  /** They read threads collapsed: replies reach them as followed threads, not in the channel. */
  collapsedThreads: boolean;
  deactivated: boolean;
}

export interface PostFacts {
  authorId: string;
  channelType: 'O' | 'P' | 'D' | 'G';
  /** Join/leave and other system messages notify nobody. */
  systemMessage: boolean;
  /** Posts from integrations notify their own author too. */
  fromWebhook: boolean;
  isReply: boolean;
}

export interface RecipientPost {
  mention: MentionKind | undefined;
  /** The recipient follows the thread this reply is in. */
  followsThread: boolean;
}

export interface Delivery {
  /** EmailSettings.SendEmailNotifications with an SMTP server to send through. */
  email: boolean;
  /** EmailSettings.SendPushNotifications with a push proxy to send to. */
  push: boolean;
}

export interface Decision {
  desktop: boolean;
  email: boolean;
  push: boolean;
}

type Level = 'all' | 'mention' | 'none';

/** Mattermost's defaults for a user's notify_props, under what the user set. */
export const USER_NOTIFY_DEFAULTS: Readonly<Record<string, string>> = {
  email: 'true', push: 'mention', desktop: 'mention', desktop_sound: 'true', mention_keys: '', channel: 'true',
  push_status: 'away', comments: 'never', first_name: 'false', desktop_threads: 'all', email_threads: 'all', push_threads: 'all',
};

export function notifyPropsOf(props: Readonly<Record<string, string>>): Record<string, string> {
  return { ...USER_NOTIFY_DEFAULTS, ...props };
}

const NOBODY: Decision = { desktop: false, email: false, push: false };

/** A channel-level value overrides the user's unless it is 'default' (or unset). */
function levelOf(user: string | undefined, channel: string | undefined): Level {
  const chosen = channel && channel !== 'default' ? channel : user;
  return chosen === 'all' || chosen === 'none' ? chosen : 'mention';
}

function isMuted(r: RecipientFacts): boolean {
  return r.channelProps.mark_unread === 'mention';
}

/**
 * The status the rules go by. Do not disturb lasts until its end time (0: until turned off); one that has ended
 * counts as away until the user is seen again (they set it because they were not looking).
 */
function statusOf(r: RecipientFacts, now: number): RecipientFacts['status']['status'] {
  const { status, dnd_end_time: end } = r.status;
  return status === 'dnd' && end > 0 && end <= now ? 'away' : status;
}

/**
 * Whether a level lets the post through. In a group message a user on "mentions" hears every post, as Mattermost
 * does (a GM is a conversation with them). A followed thread's reply is heard when the `*_threads` setting says all.
 */
function levelAllows(level: Level, post: PostFacts, rp: RecipientPost, threadSetting: string): boolean {
  if (level === 'none') return false;
  if (level === 'all') return true;
  if (rp.mention !== undefined || post.channelType === 'G') return true;
  return rp.followsThread && threadSetting === 'all';
}

/**
 * Muting a channel silences it, but a mention by name (their @username, a keyword, their first name) still
 * reaches the member on desktop and phone: the "except direct mentions" of the issue, and what the web client does.
 * Mattermost silences push in muted channels entirely.
 */
function mutedAllows(r: RecipientFacts, rp: RecipientPost): boolean {
  return !isMuted(r) || rp.mention === 'direct';
}

/** push_status: push when they are at least this absent ('online': always, unless reading this very channel). */
function statusAllowsPush(r: RecipientFacts, status: RecipientFacts['status']['status']): boolean {
  const when = r.userProps.push_status;
  if (when === 'offline') return status === 'offline';
  if (when === 'online') return !r.activeInChannel;
  return status === 'away' || status === 'offline';
}

export function decide(r: RecipientFacts, post: PostFacts, rp: RecipientPost, delivery: Delivery, now: number): Decision {
  if (r.deactivated || post.systemMessage) return NOBODY;
  if (r.userId === post.authorId && !post.fromWebhook) return NOBODY;
  // With threads collapsed, a reply that does not mention them reaches them only as a followed thread.
  const reach: RecipientPost = post.isReply && r.collapsedThreads && rp.mention === 'reply' ? { ...rp, mention: undefined } : rp;
  const status = statusOf(r, now);
  const dnd = status === 'dnd' || status === 'ooo';
  const props = r.userProps;
  const desktop = !dnd && mutedAllows(r, reach)
    && levelAllows(levelOf(props.desktop, r.channelProps.desktop), post, reach, props.desktop_threads);
  const push = delivery.push && !dnd && statusAllowsPush(r, status) && mutedAllows(r, reach)
    && levelAllows(levelOf(props.push, r.channelProps.push), post, reach, props.push_threads);
  return { desktop, push, email: delivery.email && status !== 'online' && emailAllowed(r, reach, props.email_threads) };
}

/**
 * Email goes to those mentioned (DMs and replies count) or following the thread, who are not online and did not
 * turn email off for themselves or for the channel, and never for a muted channel. Do not disturb does not hold
 * email back: it is read later anyway.
 */
function emailAllowed(r: RecipientFacts, rp: RecipientPost, emailThreads: string): boolean {
  if (isMuted(r)) return false;
  const channel = r.channelProps.email;
  const wanted = channel && channel !== 'default' ? channel !== 'none' && channel !== 'false' : r.userProps.email !== 'false';
  if (!wanted) return false;
  return rp.mention !== undefined || (rp.followsThread && emailThreads === 'all');
}
