import { describe, expect, it } from 'vitest';
import { groupResults } from '../src/features/search/SearchResults';

describe('search results', () => {
  it('groups consecutive results of one channel and day under one header, keeping the order', () => {
    const r = (id: string, channelId: string, day: number) => ({ id, channelId, day, words: [] });
    const groups = groupResults([r('a', 'c1', 2), r('b', 'c1', 2), r('c', 'c2', 2), r('d', 'c1', 2), r('e', 'c1', 1)]);
    expect(groups.map((g) => [g.channelId, g.day, g.results.map((x) => x.id).join('')])).toEqual([
      ['c1', 2, 'ab'], ['c2', 2, 'c'], ['c1', 2, 'd'], ['c1', 1, 'e'],
    ]);
    expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
  });
});
