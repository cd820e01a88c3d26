import { mentionKeys, wordsOf } from '../model/mention_words.js';
import type { PostRecord } from '../model/types.js';
import type { ChannelRecord } from '../store/channels.js';
import type { MentionLookup, MentionSettings } from '../store/posts.js';
import type { Store } from '../store/store.js';

// Who a message mentions: @username (case-insensitive, trailing punctuation
// trimmed, dots allowed inside), @channel/@all/@here, and each user's own
// mention keys and first name. Code spans and blocks mention nobody.

const CODE_BLOCK = /```[\s\S]*?(?:```|$)/g;
const INLINE_CODE = /`[^`\n]*`/g;
const AT_NAME = /(?:^|[^\p{L}\p{Nd}_.\-@])@([\p{L}\p{Nd}_.\-]+)/gu;
const TRAILING_PUNCTUATION = /[._-]$/;
const CHANNEL_WIDE = new Set(['channel', 'all', 'here']);

export interface ParsedMentions {
  /** Each @name as written (lower case) and with trailing punctuation trimmed step by step. */
  atNames: string[][];
  /** @channel, @all or @here. */
  channelWide: boolean;
  /** The only channel-wide mention is @here, which notifies just the members online at the time. */
  hereOnly: boolean;
  /** The words, lower case, joined by single spaces and padded, for key lookups. */
  lowerText: string;
  /** The words as written, for first names, which match case-sensitively. */
  exactText: string;
}

/** A user as mention detection needs them. */
export type Mentionable = Omit<MentionSettings, 'memberNotifyProps'> & { memberNotifyProps?: Record<string, string> };

function trimmedVariants(name: string): string[] {
  const variants = [name];
  let current = name;
  while (TRAILING_PUNCTUATION.test(current)) {
    current = current.slice(0, -1);
    if (current) variants.push(current);
  }
  return variants;
}

export function parseMentions(message: string): ParsedMentions {
  const text = message.replace(CODE_BLOCK, ' ').replace(INLINE_CODE, ' ');
  const atNames: string[][] = [];
  const wide = new Set<string>();
  for (const match of text.matchAll(AT_NAME)) {
    const variants = trimmedVariants(match[1].toLowerCase());
    const channelWord = variants.find((v) => CHANNEL_WIDE.has(v));
    if (channelWord) wide.add(channelWord);
    else atNames.push(variants);
  }
  const channelWide = wide.size > 0;
  const words = wordsOf(text);
  return {
    atNames, channelWide, hereOnly: channelWide && !wide.has('channel') && !wide.has('all'),
    lowerText: ` ${words.join(' ').toLowerCase()} `,
    exactText: ` ${words.join(' ')} `,
  };
}

/** The user's own mention keys: notify_props.mention_keys (comma-separated) and, when enabled, the first name. */
function keyMatches(parsed: ParsedMentions, who: Mentionable): boolean {
  for (const key of mentionKeys(who.userNotifyProps)) {
    if (key.startsWith('@')) {
      const name = key.slice(1);
      if (parsed.atNames.some((variants) => variants.includes(name))) return true;
    } else if (parsed.lowerText.includes(` ${wordsOf(key).join(' ')} `)) {
      return true;
    }
  }
  const firstName = who.firstName.trim();
  return who.userNotifyProps.first_name === 'true' && firstName !== '' && parsed.exactText.includes(` ${firstName} `);
}

/** Channel-wide mentions are off for a member who chose so, per channel or for all channels. */
export function ignoresChannelMentions(who: Pick<Mentionable, 'userNotifyProps' | 'memberNotifyProps'>): boolean {
  const perChannel = who.memberNotifyProps?.ignore_channel_mentions;
  if (perChannel === 'on') return true;
  if (perChannel === 'off') return false;
  return who.userNotifyProps.channel === 'false';
}

/** Whether the parsed message mentions this user (any way but the DM/GM rule). */
export function mentionsUser(parsed: ParsedMentions, who: Mentionable, channelMentionsAllowed: boolean): boolean {
  const username = who.username.toLowerCase();
  if (parsed.atNames.some((variants) => variants.includes(username))) return true;
  if (parsed.channelWide && channelMentionsAllowed && !ignoresChannelMentions(who)) return true;
  return keyMatches(parsed, who);
}

/** The other members of a DM or GM: every post there counts as a mention for them. */
export function isDirectOrGroup(channel: Pick<ChannelRecord, 'type'>): boolean {
  return channel.type === 'D' || channel.type === 'G';
}

export interface MentionQuery {
  channel: ChannelRecord;
  authorId: string;
  parsed: ParsedMentions;
  /** The members the message may mention by name or key (PostCreationContext.mentionCandidates). */
  candidates: readonly Mentionable[];
  /** The author holds use_channel_mentions in the channel. */
  channelMentionsAllowed: boolean;
}

/** What to look up as mention candidates: every @name (trimmed variants included) and every word, lower case. */
export function mentionLookup(parsed: ParsedMentions): MentionLookup {
  const words = parsed.lowerText.trim();
  return { usernames: [...new Set(parsed.atNames.flat())], words: words ? [...new Set(words.split(' '))] : [] };
}

/** The channel members (never the author) a new post mentions. */
export async function findMentionedUsers(store: Store, q: MentionQuery): Promise<string[]> {
  const { channel, authorId, parsed } = q;
  if (isDirectOrGroup(channel)) {
    return (await store.channels.listMemberIds(channel.id)).filter((id) => id !== authorId);
  }
  const members = new Set<string>();
  for (const c of q.candidates) if (mentionsUser(parsed, c, false)) members.add(c.userId);
  if (parsed.channelWide && q.channelMentionsAllowed) {
    const [settings, everyone] = await Promise.all([store.posts.channelMentionSettings(channel.id), store.channels.listMemberIds(channel.id)]);
    const ignoring = new Set(settings.filter(ignoresChannelMentions).map((s) => s.userId));
    for (const id of everyone) if (!ignoring.has(id)) members.add(id);
  }
  members.delete(authorId);
  return [...members];
}

/** How many of `posts` mention the user, counted as new posts would have been. */
export async function countMentions(store: Store, channel: ChannelRecord, userId: string, posts: readonly PostRecord[]): Promise<number> {
  const others = posts.filter((p) => p.user_id !== userId && !p.type.startsWith('system_'));
  if (isDirectOrGroup(channel) || others.length === 0) return others.length;
  const [user, member] = await Promise.all([store.users.get(userId), store.channels.getMember(channel.id, userId)]);
  if (!user) return 0;
  const who: Mentionable = {
    userId, username: user.username, firstName: user.first_name,
    userNotifyProps: { ...user.notify_props }, memberNotifyProps: member ? { ...member.notify_props } : undefined,
  };
  return others.filter((p) => mentionsUser(parseMentions(p.message), who, true)).length;
}
