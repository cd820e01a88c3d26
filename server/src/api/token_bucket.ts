export interface Quota {
  /** Requests a bucket regains per second. */
  perSecond: number;
  /** Requests a full bucket lets through at once. */
  burst: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until the next request would be allowed; 0 when this one was. */
  retryAfterSeconds: number;
}

/**
 * A token bucket per key (a client address, say). Memory is bounded: beyond `maxKeys` buckets the least recently
 * used is dropped, and comes back full, as for a client never seen.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly quota: Quota, private readonly maxKeys: number, private readonly now: () => number = Date.now) {}

  /** Takes one request's token from `key`'s bucket, if it has one. */
  take(key: string): RateDecision {
    const { perSecond, burst } = this.quota;
    const now = this.now();
    const bucket = this.buckets.get(key);
    let tokens = bucket ? Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond) : burst;
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    // Re-inserting keeps the map in least-recently-used order, so the first key is the one to drop.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens, at: now });
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return {
      allowed, limit: burst, remaining: Math.floor(tokens),
      resetSeconds: Math.ceil((burst - tokens) / perSecond),
      retryAfterSeconds: allowed ? 0 : Math.ceil((1 - tokens) / perSecond),
    };
  }

  /** Gives back a token taken for a request that turned out not to count (up to a full bucket). */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.quota.burst, bucket.tokens + 1);
  }

  /** Buckets held. */
  get size(): number {
    return this.buckets.size;
  }
}
