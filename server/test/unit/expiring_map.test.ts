import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExpiringMap } from '../../src/app/expiring_map.js';

describe('ExpiringMap', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('forgets an entry once its time is up', () => {
    vi.useFakeTimers();
    const map = new ExpiringMap<string, number>(10, 1_000);
    map.set('a', 1);
    vi.advanceTimersByTime(999);
    expect(map.get('a')).toBe(1);
    vi.advanceTimersByTime(1);
    expect(map.get('a')).toBeUndefined();
  });

  it('drops the entry stored longest ago when full; storing again counts as new', () => {
    const map = new ExpiringMap<string, number>(2, 60_000);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([3, undefined, 4]);
  });

  it('deletes what a test picks and lists values for updating in place', () => {
    const map = new ExpiringMap<string, { n: number }>(10, 60_000);
    map.set('a', { n: 1 });
    map.set('b', { n: 2 });
    map.deleteWhere((v) => v.n === 1);
    for (const v of map.values()) v.n += 10;
    expect([map.get('a'), map.get('b')]).toEqual([undefined, { n: 12 }]);
  });

  it('keeps a loaded value only if nothing was deleted while it loaded', () => {
    const map = new ExpiringMap<string, number>(10, 60_000);
    const beforeDelete = map.version;
    map.delete('other');
    map.setUnlessDeletedSince(beforeDelete, 'a', 1);
    const beforeDeleteWhere = map.version;
    map.deleteWhere(() => false);
    map.setUnlessDeletedSince(beforeDeleteWhere, 'b', 2);
    map.setUnlessDeletedSince(map.version, 'c', 3);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([undefined, undefined, 3]);
  });
});
