import type { UserRecord } from '../../model/types.js';
import type { Store } from '../../store/store.js';
import { isDirectOrGroup, mentionsUser } from '../mentions.js';
import { notifyPropsOf, type MentionKind, type RecipientFacts, type RecipientPost } from './notification_rules.js';
import { readsThreadsCollapsed, type NotificationSettings } from './notification_settings.js';
import type { SavedPost } from './saved_post.js';

export interface Recipient {
  user: UserRecord;
  facts: RecipientFacts;
  post: RecipientPost;
}

/**
 * Everyone a post could notify, with what the rules need about each: the mentioned, the thread's followers and
 * participants (for the `comments` setting) and, when pushes go out, the members with a phone who want every post
 * pushed. Loaded in a few queries; a post in a large channel without mentions reads no member list.
 */
export async function loadRecipients(store: Store, settings: NotificationSettings, p: SavedPost, isActive: (userId: string) => boolean, now: number): Promise<Recipient[]> {
  const ids = new Set<string>(p.mentions);
  if (p.reply) {
    for (const id of p.reply.followerIds) ids.add(id);
    for (const id of p.reply.thread.participants) ids.add(id);
    ids.add(p.reply.root.user_id);
  }
  if (settings.push) for (const id of await store.sessions.memberIdsPushedEveryPost(p.channel.id, now)) ids.add(id);
  ids.delete(p.author.id);
  if (ids.size === 0) return [];
  const wanted = [...ids];
  const [users, members, statuses] = await Promise.all([
    store.users.getMany(wanted), store.channels.getMembersByIds(p.channel.id, wanted), store.statuses.getMany(wanted),
  ]);
  const memberOf = new Map(members.map((m) => [m.user_id, m]));
  const statusOf = new Map(statuses.map((s) => [s.user_id, s]));
  const mentioned = new Set(p.mentions);
  const followers = new Set(p.reply?.followerIds ?? []);
  const out: Recipient[] = [];
  for (const user of users) {
    const member = memberOf.get(user.id);
    // Never a non-member: they cannot read the post.
    if (!member) continue;
    const userProps = notifyPropsOf(user.notify_props as unknown as Record<string, string>);
    const channelProps = member.notify_props as unknown as Record<string, string>;
    const status = statusOf.get(user.id) ?? { status: 'offline' as const, dnd_end_time: 0 };
    const collapsedThreads = p.reply ? readsThreadsCollapsed(settings.collapsedThreads, await collapsedPreference(store, user.id)) : false;
    out.push({
      user,
      facts: { userId: user.id, userProps, channelProps, status, activeInChannel: isActive(user.id), collapsedThreads, deactivated: user.delete_at > 0 },
      post: { mention: mentionKind(p, user, userProps, mentioned, status.status), followsThread: followers.has(user.id) },
    });
  }
  return out;
}

function collapsedPreference(store: Store, userId: string): Promise<string | undefined> {
  return store.preferences.get(userId, 'display_settings', 'collapsed_reply_threads').then((p) => p?.value);
}

function mentionKind(p: SavedPost, user: UserRecord, userProps: Record<string, string>, mentioned: ReadonlySet<string>, status: string): MentionKind | undefined {
  if (isDirectOrGroup(p.channel)) return 'direct_channel';
  if (mentioned.has(user.id)) {
    const who = { userId: user.id, username: user.username, firstName: user.first_name, userNotifyProps: userProps };
    if (mentionsUser(p.parsed, who, false)) return 'direct';
    // @here is for whoever is online now (it still counts on their unread badge, as @channel does).
    if (!p.parsed.hereOnly || status === 'online') return 'channel_wide';
  }
  if (!p.reply) return undefined;
  // The `comments` setting: replies to threads they started ('root'), or took part in ('any').
  if (userProps.comments === 'root' && p.reply.root.user_id === user.id) return 'reply';
  if (userProps.comments === 'any' && (p.reply.root.user_id === user.id || p.reply.thread.participants.includes(user.id))) return 'reply';
  return undefined;
}
