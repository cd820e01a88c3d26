import { describe, expect, it } from 'vitest';
import { applyCompletion, completesNothing, findTrigger } from '../src/features/composer/suggest';
import { runClientCommand } from '../src/features/composer/client_commands';
import { getState, setState } from '../src/store/store';

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
    expect(findTrigger('/', 1)).toEqual({ kind: 'command', query: '', start: 0 });
    expect(findTrigger('a /he', 5)).toBeNull();
    expect(findTrigger('// not a command', 16)).toBeNull();
    expect(findTrigger('/ x', 3)).toBeNull();
  });

  it('keeps the arguments of a command on its first line, and completes @user and ~channel arguments as such', () => {
    expect(findTrigger('/HEADER text', 12)).toEqual({ kind: 'command', query: 'header text', start: 0 });
    expect(findTrigger('/away ', 6)).toEqual({ kind: 'command', query: 'away ', start: 0 });
    expect(findTrigger('/msg @an', 8)).toEqual({ kind: 'user', query: 'an', start: 5 });
    expect(findTrigger('/echo one\ntwo', 13)).toBeNull();
  });

  it('knows when a choice would leave a command as typed (Enter then sends it)', () => {
    const typed = findTrigger('/away', 5)!;
    expect(completesNothing('/away', 5, typed, '/away')).toBe(true);
    const partial = findTrigger('/aw', 3)!;
    expect(completesNothing('/aw', 3, partial, '/away')).toBe(false);
    const argument = findTrigger('/echo ', 6)!;
    expect(completesNothing('/echo ', 6, argument, '/echo')).toBe(true);
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

describe('commands the client runs itself', () => {
  it('opens settings and runs /search here; leaves every other command to the server', () => {
    setState({ modal: '', rhs: null });
    expect(runClientCommand('/settings')).toBe(true);
    expect(getState().modal).toBe('settings:display');
    expect(runClientCommand('/search  from:ana  release ')).toBe(true);
    expect(getState().rhs).toEqual({ kind: 'search', terms: 'from:ana  release' });
    expect(runClientCommand('/search')).toBe(false);
    expect(runClientCommand('/away')).toBe(false);
    expect(runClientCommand('/settingsx')).toBe(false);
  });
});
