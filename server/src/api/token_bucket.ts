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

/** One client's bucket: `burst` tokens when full, regaining `perSecond`; a request takes one. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(private readonly quota: Quota, private readonly now: () => number = Date.now) {
    this.tokens = quota.burst;
    this.at = now();
  }

  /** Takes one request's token, if there is one. */
  take(): RateDecision {
    const { perSecond, burst } = this.quota;
    const now = this.now();
    this.tokens = Math.min(burst, this.tokens + ((now - this.at) / 1000) * perSecond);
    this.at = now;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    return {
      allowed, limit: burst, remaining: Math.floor(this.tokens),
      resetSeconds: Math.ceil((burst - this.tokens) / perSecond),
      retryAfterSeconds: allowed ? 0 : Math.ceil((1 - this.tokens) / perSecond),
    };
  }

  /** Gives back a token taken for a request that turned out not to count (up to a full bucket). */
  refund(): void {
    this.tokens = Math.min(this.quota.burst, this.tokens + 1);
  }
}

/**
 * A token bucket per key (a client address, say). Memory is bounded: beyond `maxKeys` buckets the least recently
 * used is dropped, and comes back full, as for a client never seen.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly quota: Quota, private readonly maxKeys: number, private readonly now: () => number = Date.now) {}

  /** Takes one request's token from `key`'s bucket, if it has one. */
  take(key: string): RateDecision {
    const bucket = this.buckets.get(key) ?? new TokenBucket(this.quota, this.now);
    // Re-inserting keeps the map in least-recently-used order, so the first key is the one to drop.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return bucket.take();
  }

  /** Gives back a token taken for a request that turned out not to count (up to a full bucket). */
  refund(key: string): void {
    this.buckets.get(key)?.refund();
  }

  /** Buckets held. */
  get size(): number {
    return this.buckets.size;
  }
}
