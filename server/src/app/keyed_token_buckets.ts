/**
 * Token buckets per key (per user, say) for limits the app keeps itself: each holds up to `capacity` tokens and
 * regains one every `refillMs`. Kept in memory, per process; past `maxKeys` the least recently used are forgotten
 * and start full again.
 */
export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly capacity: number, private readonly refillMs: number, private readonly maxKeys = 10_000) {}

  /** Takes `count` tokens from the key's bucket if it holds them, or none; says how long until it would hold them. */
  take(key: string, count = 1, now = Date.now()): { allowed: boolean; waitMs: number } {
    const previous = this.buckets.get(key);
    const tokens = previous ? Math.min(this.capacity, previous.tokens + (now - previous.at) / this.refillMs) : this.capacity;
    const allowed = tokens >= count;
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: allowed ? tokens - count : tokens, at: now });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return { allowed, waitMs: allowed ? 0 : (count - tokens) * this.refillMs };
  }
}
