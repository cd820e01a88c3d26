import { describe, expect, it } from 'vitest';
import { KeyedTokenBuckets } from '../../src/app/keyed_token_buckets.js';

describe('keyed token buckets', () => {
  it('lets a burst through, then one per refill period, per key', () => {
    const buckets = new KeyedTokenBuckets(3, 1000);
    for (let i = 0; i < 3; i++) expect(buckets.take('a', 1, 0).allowed).toBe(true);
    expect(buckets.take('a', 1, 0)).toEqual({ allowed: false, waitMs: 1000 });
    expect(buckets.take('b', 1, 0).allowed).toBe(true);
    expect(buckets.take('a', 1, 999).allowed).toBe(false);
    expect(buckets.take('a', 1, 1000).allowed).toBe(true);
  });

  it('takes several tokens all or none', () => {
    const buckets = new KeyedTokenBuckets(20, 180_000);
    expect(buckets.take('u', 15, 0).allowed).toBe(true);
    expect(buckets.take('u', 6, 0)).toEqual({ allowed: false, waitMs: 180_000 });
    expect(buckets.take('u', 5, 0).allowed).toBe(true);
  });

  it('forgets the least recently used keys past its size, which start full again', () => {
    const buckets = new KeyedTokenBuckets(1, 60_000, 2);
    buckets.take('a', 1, 0);
    buckets.take('b', 1, 0);
    buckets.take('c', 1, 0);
    expect(buckets.take('a', 1, 0).allowed).toBe(true);
    expect(buckets.take('c', 1, 0).allowed).toBe(false);
  });
});
