import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../src/api/token_bucket.js';

/** Buckets on a clock the test moves. */
function buckets(perSecond: number, burst: number, maxKeys = 100): { limiter: TokenBuckets; advance(ms: number): void } {
  let now = 1_000_000;
  return { limiter: new TokenBuckets({ perSecond, burst }, maxKeys, () => now), advance: (ms) => { now += ms; } };
}

describe('TokenBuckets', () => {
  it('lets a burst through, then refuses until a token has been regained', () => {
    const { limiter, advance } = buckets(2, 3);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    const refused = limiter.take('a');
    expect(refused).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 2, retryAfterSeconds: 1 });
    advance(499);
    expect(limiter.take('a').allowed).toBe(false);
    advance(1);
    expect(limiter.take('a')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('takes back a refunded token, never past a full bucket', () => {
    const { limiter } = buckets(0.001, 2);
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a').allowed).toBe(false);
    limiter.refund('a');
    expect(limiter.take('a').allowed).toBe(true);
    limiter.refund('a');
    limiter.refund('a');
    limiter.refund('a');
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, false]);
    limiter.refund('never-seen');
    expect(limiter.size).toBe(1);
  });

  it('reports what is left and when the bucket is full again', () => {
    const { limiter, advance } = buckets(1, 5);
    expect(limiter.take('a')).toEqual({ allowed: true, limit: 5, remaining: 4, resetSeconds: 1, retryAfterSeconds: 0 });
    limiter.take('a');
    expect(limiter.take('a')).toMatchObject({ remaining: 2, resetSeconds: 3 });
    advance(60_000);
    // Never more than the burst, however long the client was away.
    expect(limiter.take('a')).toMatchObject({ remaining: 4 });
  });

  it('keeps one bucket per key', () => {
    const { limiter } = buckets(1, 1);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('holds at most maxKeys buckets, dropping the least recently used', () => {
    const { limiter } = buckets(1, 1, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('a');
    limiter.take('c');
    expect(limiter.size).toBe(2);
    // 'b' was dropped and starts full; 'a' was kept, and is still empty.
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});
