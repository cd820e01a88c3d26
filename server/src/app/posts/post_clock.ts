import { ExpiringMap } from '../expiring_map.js';

/** Channels whose last post time is kept; one that falls out has not posted for long, so the wall clock is past it. */
const CHANNELS_KEPT = 10_000;
const KEPT_MS = 60_000;

/**
 * Post times that increase within each channel on this node. Lists sort by (create_at, id) and ids are random, so two
 * posts sent one after the other in the same millisecond could otherwise swap places for every reader.
 */
export class PostClock {
  private readonly last = new ExpiringMap<string, number>(CHANNELS_KEPT, KEPT_MS);

  /** Now, or just after the channel's previous post (and never before `notBefore`). */
  next(channelId: string, notBefore = 0): number {
    const time = Math.max(Date.now(), notBefore, (this.last.get(channelId) ?? 0) + 1);
    this.last.set(channelId, time);
    return time;
  }
}
