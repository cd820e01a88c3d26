import { describe, expect, test } from 'vitest';
import type { SearchTextTerm } from '../../src/store/search/post_search.js';
import { fts5Match, fts5MatchExcluding, fts5Prefixes, type PrefixCompletions } from '../../src/store/sql/search/search_match.js';

const word = (text: string): SearchTextTerm => ({ tokens: [text], prefix: false, field: 'message' });
const prefix = (...tokens: string[]): SearchTextTerm => ({ tokens, prefix: true, field: 'message' });
const none: PrefixCompletions = new Map();

describe('fts5Prefixes', () => {
  test('each prefix and its one character shorter variant (4+ characters), folded, once', () => {
    expect(fts5Prefixes([word('fox'), prefix('dev'), prefix('café'), prefix('cafe'), prefix('foo', 'deplo')])).toEqual(['dev', 'cafe', 'caf', 'deplo', 'depl']);
  });

  test('a prefix typed with a combining accent folds like the composed one', () => {
    expect(fts5Prefixes([prefix('cafe\u0301')])).toEqual(fts5Prefixes([prefix('café')]));
  });

  test('no prefix terms, nothing to look up', () => {
    expect(fts5Prefixes([word('fox'), { tokens: ['brown', 'fox'], prefix: false, field: 'message' }])).toEqual([]);
  });
});

describe('fts5Match', () => {
  test('without completions: FTS5 prefix queries, as before', () => {
    expect(fts5Match([word('fox'), prefix('deploy')], false, none)).toBe('(message : "fox") AND (message : "deploy" * OR message : "deplo" *)');
    expect(fts5Match([{ tokens: ['release'], prefix: false, field: 'hashtags' }, prefix('dev')], true, none))
      .toBe('(hashtags : "release") OR (message : "dev" *)');
  });

  test('completions spell a prefix out as an OR of whole words, each word once', () => {
    const completions: PrefixCompletions = new Map([['deploy', ['deploy', 'deployment']], ['deplo', ['deploy', 'deployment', 'deplore']]]);
    expect(fts5Match([prefix('deploy')], false, completions))
      .toBe('(message : "deploy" OR message : "deployment" OR message : "deplore")');
  });

  test('a phrase ending in a prefix completes its last token', () => {
    const completions: PrefixCompletions = new Map([['ba', ['bar', 'baz']]]);
    expect(fts5Match([prefix('foo', 'ba')], false, completions)).toBe('(message : "foo bar" OR message : "foo baz")');
  });

  test('a prefix over the cap (undefined) keeps the FTS5 prefix query; a completed variant still spells out', () => {
    const completions: PrefixCompletions = new Map([['kaka', ['kakar']], ['kak', undefined]]);
    expect(fts5Match([prefix('kaka')], false, completions)).toBe('(message : "kakar" OR message : "kak" *)');
  });

  test('a prefix no indexed word begins with matches nothing', () => {
    const completions: PrefixCompletions = new Map([['xyz', []]]);
    expect(fts5Match([prefix('xyz')], false, completions)).toBeUndefined();
    expect(fts5Match([word('fox'), prefix('xyz')], false, completions)).toBeUndefined();
    expect(fts5Match([word('fox'), prefix('xyz')], true, completions)).toBe('(message : "fox")');
    expect(fts5Match([prefix('xyz')], true, completions)).toBeUndefined();
  });

  test('an accented prefix looks up its folded form', () => {
    const completions: PrefixCompletions = new Map([['cafe', ['cafe']], ['caf', ['cafe', 'cafeteria']]]);
    expect(fts5Match([prefix('café')], false, completions)).toBe('(message : "cafe" OR message : "cafeteria")');
  });
});

describe('fts5MatchExcluding', () => {
  const completions: PrefixCompletions = new Map([['rep', ['reply', 'report']], ['xyz', []]]);

  test('excluded prefixes are completed too', () => {
    expect(fts5MatchExcluding([word('fox')], false, [prefix('rep')], completions))
      .toBe('((message : "fox")) NOT ((message : "reply" OR message : "report"))');
  });

  test('an excluded prefix that matches nothing excludes nothing', () => {
    expect(fts5MatchExcluding([word('fox')], false, [prefix('xyz')], completions)).toBe('(message : "fox")');
  });

  test('terms that match nothing stay nothing', () => {
    expect(fts5MatchExcluding([prefix('xyz')], false, [word('fox')], completions)).toBeUndefined();
  });
});
