import type { ServerEvent } from '../model/events.js';
import type { ChannelMembership, ChannelRecord, UserRecord } from '../model/types.js';
import type { MentionLookup, PostCreationContext } from '../store/posts.js';
import type { AppDeps } from './deps.js';
import { ExpiringMap } from './expiring_map.js';

/** Active (channel, author) pairs within RELOAD_AFTER_MS; at about 2 KiB each, 10 MiB at most. */
const MAX_ENTRIES = 5_000;
/** Bounds the damage of a missed event (Redis pub/sub is at-most-once); sessions are cached as long. */
const RELOAD_AFTER_MS = 30_000;

/**
 * What post creation reads of a channel, its author's membership and the author. Only the fields that do not
 * change with every post are for use: the channel's identity, type, names, team and archive state; the member's
 * roles; the author's username. Counters and read state in these records go stale at once.
 */
interface Poster {
  channel: ChannelRecord;
  member: ChannelMembership;
  author: UserRecord;
}

/** The bus events after which a cached poster may be wrong, and the channel and/or user whose posters to drop. */
function affected(event: ServerEvent): { channelId?: string; userId?: string } | undefined {
  const { data, broadcast } = event;
  const dataString = (key: string): string | undefined => (typeof data[key] === 'string' ? data[key] : undefined);
  switch (event.event) {
    case 'channel_updated':
    case 'channel_converted':
    case 'channel_deleted':
    case 'channel_restored':
      return { channelId: dataString('channel_id') ?? broadcast.channel_id };
    case 'user_removed':
      return { channelId: broadcast.channel_id ?? dataString('channel_id'), userId: dataString('user_id') ?? broadcast.user_id };
    case 'channel_member_updated':
    case 'memberrole_updated':
      return { userId: broadcast.user_id };
    case 'leave_team':
      return { userId: dataString('user_id') };
    case 'user_updated': {
      const user = data.user as { id?: unknown } | undefined;
      return { userId: typeof user?.id === 'string' ? user.id : undefined };
    }
    default:
      return undefined;
  }
}

/**
 * Post creation's reads of the channel, the membership and the author, cached per (channel, author) and kept
 * current by the bus on every node, so a steady poster costs one small read (the mention candidates) instead of
 * four. Only complete hits are kept: a non-member, a missing channel or user is read every time. A load that
 * overlaps an invalidation is used once but not kept.
 */
export class PostingContexts {
  private readonly posters = new ExpiringMap<string, Poster>(MAX_ENTRIES, RELOAD_AFTER_MS);

  constructor(private readonly deps: AppDeps) {
    deps.bus.subscribe((event) => this.observe(event));
  }

  async read(channelId: string, userId: string, lookup: MentionLookup): Promise<PostCreationContext> {
    const key = `${channelId}:${userId}`;
    const poster = this.posters.get(key);
    if (poster) {
      const mentionCandidates = await this.deps.store.posts.mentionCandidates(channelId, lookup);
      return { channel: poster.channel, member: poster.member, author: poster.author, mentionCandidates };
    }
    const version = this.posters.version;
    const context = await this.deps.store.posts.creationContext(channelId, userId, lookup);
    const { channel, member, author } = context;
    if (channel && member && author) this.posters.setUnlessDeletedSince(version, key, { channel, member, author });
    return context;
  }

  private observe(event: ServerEvent): void {
    const target = affected(event);
    if (!target) return;
    const { channelId, userId } = target;
    // A field the event does not name matches every poster (an event naming neither drops them all).
    this.posters.deleteWhere((poster) => (channelId === undefined || poster.channel.id === channelId) && (userId === undefined || poster.author.id === userId));
  }
}
