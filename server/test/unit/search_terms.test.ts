import { describe, expect, test } from 'vitest';
import { emptySearchTerms, parseSearchDate, parseSearchTerms, type SearchTerms } from '../../src/app/search/search_terms.js';
import { dateRange, highlights, positiveTerms } from '../../src/app/search/search_query.js';
import { searchText, searchTokens } from '../../src/store/search/search_text.js';

const parsed = (fields: Partial<SearchTerms>): SearchTerms => ({ ...emptySearchTerms(), ...fields });

describe('parseSearchTerms', () => {
  const cases: [string, Partial<SearchTerms>][] = [
    ['hello world', { words: ['hello', 'world'] }],
    ['Hello WORLD', { words: ['hello', 'world'] }],
    ['"exact phrase" word', { phrases: ['exact phrase'], words: ['word'] }],
    ['-excluded -"not this"', { excludedWords: ['excluded'], excludedPhrases: ['not this'] }],
    ['dev* -test*', { prefixes: ['dev'], excludedPrefixes: ['test'] }],
    ['"dev*"', { phrases: ['dev*'] }],
    ['#Tag -#old', { hashtags: ['#tag'], excludedHashtags: ['#old'] }],
    ['from:Alice from:@bob -from:carol', { fromUsers: ['alice', 'bob'], excludedFromUsers: ['carol'] }],
    ['in:town-square in:~off-topic in:@dave -in:random channel:news', {
      inChannels: ['town-square', 'off-topic', '@dave', 'news'], excludedInChannels: ['random'],
    }],
    ['before:2024-01-02 after:2023-12-31 on:2024-01-01', { before: '2024-01-02', after: '2023-12-31', on: '2024-01-01' }],
    ['ext:PDF -ext:.txt', { extensions: ['pdf'], excludedExtensions: ['txt'] }],
    ['@alice alice', { words: ['@alice', 'alice'] }],
    ['"unclosed phrase', { phrases: ['unclosed phrase'] }],
    ['from: in: -', { words: ['from:', 'in:', '-'] }],
    ['*', {}],
    ['url:thing', { words: ['url:thing'] }],
    ['  spaced   out  ', { words: ['spaced', 'out'] }],
    ['', {}],
  ];
  test.each(cases)('%s', (terms, expected) => {
    expect(parseSearchTerms(terms)).toEqual(parsed(expected));
  });
});

describe('dates', () => {
  test('real calendar dates only', () => {
    expect(parseSearchDate('2024-02-29')).toEqual([2024, 2, 29]);
    expect(parseSearchDate('2023-02-29')).toBeUndefined();
    expect(parseSearchDate('2024-1-5')).toEqual([2024, 1, 5]);
    expect(parseSearchDate('yesterday')).toBeUndefined();
  });

  test('on: is the whole day in the searcher\'s zone; after: starts the next day, before: ends the previous one', () => {
    const start = Date.UTC(2024, 0, 15);
    expect(dateRange(parseSearchTerms('on:2024-01-15'), 0)).toEqual({ since: start, until: start + 86_400_000 - 1 });
    expect(dateRange(parseSearchTerms('on:2024-01-15'), 3600)).toEqual({ since: start - 3_600_000, until: start + 82_800_000 - 1 });
    expect(dateRange(parseSearchTerms('after:2024-01-15'), 0)).toEqual({ since: start + 86_400_000 });
    expect(dateRange(parseSearchTerms('before:2024-01-15'), 0)).toEqual({ until: start - 1 });
    expect(dateRange(parseSearchTerms('on:2024-02-30'), 0)).toBeUndefined();
  });
});

describe('search text', () => {
  test('CJK runs become overlapping bigrams; other text is unchanged', () => {
    expect(searchText('plain text')).toBe('plain text');
    expect(searchText('東京都')).toBe(' 東京 京都 ');
    expect(searchText('a東b')).toBe('a 東 b');
    expect(searchTokens('東京都に')).toEqual(['東京', '京都', '都に']);
    expect(searchTokens('Foo-Bar @alice')).toEqual(['foo', 'bar', 'alice']);
  });

  test('terms become token lists; punctuation-only terms vanish', () => {
    expect(positiveTerms(parseSearchTerms('foo-bar "a b" dev* #tag !!!'))).toEqual([
      { tokens: ['foo', 'bar'], prefix: false, field: 'message' },
      { tokens: ['a', 'b'], prefix: false, field: 'message' },
      { tokens: ['dev'], prefix: true, field: 'message' },
      { tokens: ['tag'], prefix: false, field: 'hashtags' },
    ]);
  });

  test('highlights: the typed terms found in the message, accents folded', () => {
    expect(highlights(parseSearchTerms('cafe fox'), 'Meet at the Café')).toEqual(['cafe']);
    expect(highlights(parseSearchTerms('running'), 'we run')).toEqual(['running']);
  });
});
