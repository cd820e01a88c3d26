import { describe, expect, it } from 'vitest';
import type { UserProfile } from '@mattermost/types/users';
import {
  applySearchCompletion, findSearchTrigger, highlightWordsFromTerms, mentionSearchTerms, timeZoneOffsetSeconds,
} from '../src/features/search/terms';

describe('search box: from:/in: detection', () => {
  it('finds the value typed after from: and in: at the caret', () => {
    expect(findSearchTrigger('from:an', 7)).toEqual({ kind: 'from', query: 'an', start: 5 });
    expect(findSearchTrigger('launch in:', 10)).toEqual({ kind: 'in', query: '', start: 10 });
    expect(findSearchTrigger('launch IN:Town', 14)).toEqual({ kind: 'in', query: 'town', start: 10 });
  });

  it('accepts the excluded forms and strips a leading @ or ~', () => {
    expect(findSearchTrigger('-from:@Ben', 10)).toEqual({ kind: 'from', query: 'ben', start: 6 });
    expect(findSearchTrigger('in:~dev', 7)).toEqual({ kind: 'in', query: 'dev', start: 3 });
  });

  it('ignores words that only contain the prefix, other operators and finished values', () => {
    expect(findSearchTrigger('datefrom:x', 10)).toBeNull();
    expect(findSearchTrigger('on:2024', 7)).toBeNull();
    expect(findSearchTrigger('from:ana ', 9)).toBeNull();
    expect(findSearchTrigger('from:ana launch', 15)).toBeNull();
  });

  it('looks only at the text before the caret', () => {
    expect(findSearchTrigger('from:ana launch', 8)).toEqual({ kind: 'from', query: 'ana', start: 5 });
  });

  it('replaces the typed value (and the rest of that word) with the completion', () => {
    const text = 'launch from:an';
    const trigger = findSearchTrigger(text, text.length);
    expect(trigger).not.toBeNull();
    expect(applySearchCompletion(text, text.length, trigger!, 'ana')).toEqual({ text: 'launch from:ana ', caret: 16 });
    const mid = 'in:to launch';
    const t2 = findSearchTrigger(mid, 4)!;
    expect(applySearchCompletion(mid, 4, t2, 'town-square')).toEqual({ text: 'in:town-square launch', caret: 15 });
  });
});

describe('search terms', () => {
  const user = (props: Partial<UserProfile['notify_props']>, first = 'Ana'): UserProfile =>
    ({ username: 'ana', first_name: first, notify_props: props } as unknown as UserProfile);

  it('builds recent-mention terms from the mention settings, always with @username', () => {
    expect(mentionSearchTerms(user({}))).toBe('@ana');
    expect(mentionSearchTerms(user({ first_name: 'true', mention_keys: 'rocket,Launch Team' }))).toBe('rocket "Launch Team" Ana @ana');
    expect(mentionSearchTerms(user({ first_name: 'false', mention_keys: '@ana,ana,@channel' }))).toBe('@ana ana');
  });

  it('reads words to highlight from the query, leaving out operators and exclusions', () => {
    expect(highlightWordsFromTerms('"big launch" from:ana in:dev -draft deploy* #release on:2024-01-02 rocket.'))
      .toEqual(['big launch', 'deploy*', '#release', 'rocket']);
    expect(highlightWordsFromTerms('-"not this" @ana')).toEqual(['@ana']);
  });

  it('sends the offset east of UTC in seconds', () => {
    const d = new Date();
    expect(timeZoneOffsetSeconds(d)).toBe(-d.getTimezoneOffset() * 60);
  });
});
