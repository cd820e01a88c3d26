import type { PostRecord } from '../model/types.js';
import type { ChannelRecord } from '../store/channels.js';
import type { MentionSettings } from '../store/posts.js';
import type { Store } from '../store/store.js';

// Who a message mentions: @username (case-insensitive, trailing punctuation
// trimmed, dots allowed inside), @channel/@all/@here, and each user's own
// mention keys and first name. Code spans and blocks mention nobody.

const CODE_BLOCK = /```[\s\S]*?(?:```|$)/g;
const INLINE_CODE = /`[^`\n]*`/g;
const AT_NAME = /(?:^|[^\p{L}\p{Nd}_.\-@])@([\p{L}\p{Nd}_.\-]+)/gu;
const WORD_SEPARATOR = /[^\p{L}\p{Nd}_.\-@]+/u;
const TRAILING_PUNCTUATION = /[._-]$/;
const CHANNEL_WIDE = new Set(['channel', 'all', 'here']);

export interface ParsedMentions {
  /** Each @name as written (lower case) and with trailing punctuation trimmed step by step. */
  atNames: string[][];
  /** @channel, @all or @here. */
  channelWide: boolean;
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

function normalizeWord(word: string): string {
  return word.replace(/^@+/, '').replace(/[._-]+$/, '');
}

export function parseMentions(message: string): ParsedMentions {
  const text = message.replace(CODE_BLOCK, ' ').replace(INLINE_CODE, ' ');
  const atNames: string[][] = [];
  let channelWide = false;
  for (const match of text.matchAll(AT_NAME)) {
    const variants = trimmedVariants(match[1].toLowerCase());
    if (variants.some((v) => CHANNEL_WIDE.has(v))) channelWide = true;
    else atNames.push(variants);
  }
  const words = text.split(WORD_SEPARATOR).map(normalizeWord).filter(Boolean);
  return {
    atNames, channelWide,
    lowerText: ` ${words.join(' ').toLowerCase()} `,
    exactText: ` ${words.join(' ')} `,
  };
}

/** The user's own mention keys: notify_props.mention_keys (comma-separated) and, when enabled, the first name. */
function keyMatches(parsed: ParsedMentions, who: Mentionable): boolean {
  const keys = (who.userNotifyProps.mention_keys ?? '').split(',').map((k) => k.trim().toLowerCase()).filter(Boolean);
  for (const key of keys) {
    if (key.startsWith('@')) {
      const name = key.slice(1);
      if (parsed.atNames.some((variants) => variants.includes(name))) return true;
    } else if (parsed.lowerText.includes(` ${key.split(WORD_SEPARATOR).map(normalizeWord).filter(Boolean).join(' ')} `)) {
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
  /** The members named by @username or with custom mention settings (PostCreationContext.mentionCandidates). */
  candidates: readonly Mentionable[];
  /** The author holds use_channel_mentions in the channel. */
  channelMentionsAllowed: boolean;
}

/** Every username the message names with @, trimmed variants included: what to look up as candidates. */
export const namedUsernames = (parsed: ParsedMentions): string[] => [...new Set(parsed.atNames.flat())];

/** The channel members (never the author) a new post mentions. */
export async function findMentionedUsers(store: Store, q: MentionQuery): Promise<string[]> {
  const { channel, authorId, parsed } = q;
  if (isDirectOrGroup(channel)) {
    return (await store.channels.listMemberIds(channel.id)).filter((id) => id !== authorId);
  }
  const members = new Set<string>();
  for (const c of q.candidates) if (mentionsUser(parsed, c, false)) members.add(c.userId);
  if (parsed.channelWide && q.channelMentionsAllowed) {
    const ignoring = new Set(q.candidates.filter(ignoresChannelMentions).map((c) => c.userId));
    for (const id of await store.channels.listMemberIds(channel.id)) if (!ignoring.has(id)) members.add(id);
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
