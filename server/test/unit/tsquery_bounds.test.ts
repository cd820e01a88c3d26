import { describe, expect, test } from 'vitest';
import type { SearchTextTerm } from '../../src/store/search/post_search.js';
import { tsqueryBounds } from '../../src/store/sql/search/search_match.js';

const term = (tokens: string[], prefix = false, field: SearchTextTerm['field'] = 'message'): SearchTextTerm => ({ tokens, prefix, field });

describe('tsqueryBounds', () => {
  test('a word bounds itself; a phrase is bounded by each of its words', () => {
    expect(tsqueryBounds([term(['fox']), term(['quarterly', 'roadmap'])])).toEqual([["'fox':A"], ["'quarterly':A", "'roadmap':A"]]);
  });

  test('a phrase ending in a prefix keeps the prefix (and its shorter variant) on its last word only', () => {
    expect(tsqueryBounds([term(['release', 'deplo'], true)])).toEqual([["'release':A", "('deplo':*A | 'depl':*A)"]]);
  });

  test('hashtags keep their weight', () => {
    expect(tsqueryBounds([term(['planning'], false, 'hashtags')])).toEqual([["'planning':B"]]);
  });
});
