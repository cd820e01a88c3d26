/** Mattermost's StatusChannelTimeout: a user who viewed or posted in a channel this recently is reading it. */
export const ACTIVE_IN_CHANNEL_MS = 20_000;

/**
 * The channel each user last viewed or posted in, and when, on this node: someone reading a channel right now gets
 * no push for it. Kept in memory; in a cluster a user's other node does not know it, and they may get a push.
 */
export class ActiveChannels {
  private readonly lastSeen = new Map<string, { channelId: string; at: number }>();

  seen(userId: string, channelId: string, at: number): void {
    // Re-inserted so that the map stays in order of activity and the oldest are the first dropped.
    this.lastSeen.delete(userId);
    this.lastSeen.set(userId, { channelId, at });
    this.forgetBefore(at - ACTIVE_IN_CHANNEL_MS);
  }

  isActive(userId: string, channelId: string, now: number): boolean {
    const seen = this.lastSeen.get(userId);
    return seen !== undefined && seen.channelId === channelId && now - seen.at < ACTIVE_IN_CHANNEL_MS;
  }

  private forgetBefore(cutoff: number): void {
    for (const [userId, seen] of this.lastSeen) {
      if (seen.at >= cutoff) break;
      this.lastSeen.delete(userId);
    }
  }
}
