import { AppError } from '../../model/errors.js';
import type { ChannelRecord } from '../../model/types.js';
import type { AppDeps } from '../deps.js';
import { KeyedTokenBuckets } from '../keyed_token_buckets.js';
import type { MembershipCache } from '../membership_cache.js';

/** Mattermost's web app asks before @channel in a channel of more members than this; the server limits it there too. */
export const CONFIRM_CHANNEL_MENTION_ABOVE = 5;
/** In such channels one author may notify everyone this many times in a row... */
const BURST = 5;
/** ...and once more every this long after that. */
const REFILL_MS = 5 * 60_000;

const tooOften = (waitMs: number): AppError => new AppError('api.post.create_post.channel_mentions_rate_limited.app_error',
  `You have notified everyone in large channels too often. Remove @channel, @all or @here, or try again in ${Math.ceil(waitMs / 60_000)} minute(s).`, 429);

/**
 * Channel-wide mentions (@channel, @all, @here): in channels above TeamSettings.MaxNotificationsPerChannel members
 * they notify nobody (Mattermost's rule, for performance); in channels of more than 5 members each author may use
 * them five times in a row and once per five minutes after that, so that one person cannot page a whole company
 * in a loop. Counted per process.
 */
export class ChannelMentionPolicy {
  private readonly buckets = new KeyedTokenBuckets(BURST, REFILL_MS);

  constructor(private readonly deps: AppDeps, private readonly membership: MembershipCache) {}

  /** TeamSettings.MaxNotificationsPerChannel (0 or less: no limit). */
  get maxNotified(): number {
    const value = this.deps.liveConfig.document.TeamSettings.MaxNotificationsPerChannel;
    return typeof value === 'number' && value > 0 ? value : Infinity;
  }

  /** Whether the channel is too large for channel-wide mentions to notify. */
  async tooLarge(channel: ChannelRecord): Promise<boolean> {
    return (await this.membership.activeChannelMemberCount(channel.id)) > this.maxNotified;
  }

  /** Whether the author's channel-wide mention notifies the channel; throws 429 when they have used it too often. */
  async admit(authorId: string, channel: ChannelRecord, now = Date.now()): Promise<boolean> {
    const members = await this.membership.activeChannelMemberCount(channel.id);
    if (members > this.maxNotified) return false;
    if (members <= CONFIRM_CHANNEL_MENTION_ABOVE) return true;
    const { allowed, waitMs } = this.buckets.take(authorId, 1, now);
    if (!allowed) throw tooOften(waitMs);
    return true;
  }
}
