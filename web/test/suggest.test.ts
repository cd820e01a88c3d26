import { describe, expect, it } from 'vitest';
import { applyCompletion, findTrigger } from '../src/features/composer/suggest';

describe('composer autocomplete triggers', () => {
  it('finds @user, ~channel and :emoji at the caret', () => {
    expect(findTrigger('hello @an', 9)).toEqual({ kind: 'user', query: 'an', start: 6 });
    expect(findTrigger('@', 1)).toEqual({ kind: 'user', query: '', start: 0 });
    expect(findTrigger('see ~tow', 8)).toEqual({ kind: 'channel', query: 'tow', start: 4 });
    expect(findTrigger('nice :ta', 8)).toEqual({ kind: 'emoji', query: 'ta', start: 5 });
  });

  it('needs two letters for emoji and a word boundary before the trigger', () => {
    expect(findTrigger('time 10:3', 9)).toBeNull();
    expect(findTrigger('a :t', 4)).toBeNull();
    expect(findTrigger('mail@host', 9)).toBeNull();
  });

  it('offers commands only at the start of the message', () => {
    expect(findTrigger('/he', 3)).toEqual({ kind: 'command', query: 'he', start: 0 });
    expect(findTrigger('a /he', 5)).toBeNull();
    expect(findTrigger('/header text', 12)).toBeNull();
  });

  it('looks only at the text before the caret', () => {
    expect(findTrigger('@ana hello', 4)).toEqual({ kind: 'user', query: 'ana', start: 0 });
    expect(findTrigger('@ana hello', 10)).toBeNull();
  });

  it('replaces the typed word with the completion and a space', () => {
    const trigger = findTrigger('hi @an there', 6);
    expect(trigger).not.toBeNull();
    expect(applyCompletion('hi @an there', 6, trigger!, '@ana')).toEqual({ text: 'hi @ana  there', caret: 8 });
  });
});
