import { describe, expect, it } from 'vitest';
import { ignoresChannelMentions, mentionsUser, parseMentions, type Mentionable } from '../../src/app/mentions.js';

const user = (overrides: Partial<Mentionable> = {}): Mentionable => ({
  userId: 'u', username: 'alice', firstName: 'Alice', userNotifyProps: {}, ...overrides,
});

describe('mention parsing', () => {
  it('finds @usernames case-insensitively, with trailing punctuation trimmed and dots kept inside', () => {
    const parsed = parseMentions('Hi @Alice, @bob.smith. and @carol_: (@dave) @eve!');
    const names = parsed.atNames.map((variants) => variants.at(-1));
    expect(names).toEqual(['alice', 'bob.smith', 'carol', 'dave', 'eve']);
    expect(parsed.atNames[1]).toEqual(['bob.smith.', 'bob.smith']);
    expect(parsed.channelWide).toBe(false);
  });

  it('ignores e-mail addresses, code spans and code blocks', () => {
    const parsed = parseMentions('mail bob@example.com `@inline` ```\n@block\n``` @real');
    expect(parsed.atNames.map((v) => v.at(-1))).toEqual(['real']);
  });

  it.each([['@here now', true], ['@here and @all', false], ['@channel', false], ['hi there', false]] as const)('%j: only @here is %s', (message, hereOnly) => {
    expect(parseMentions(message).hereOnly).toBe(hereOnly);
  });

  it.each(['@channel', '@all', '@here', 'hey @Channel!', '@here.'])('%j is a channel-wide mention', (message) => {
    const parsed = parseMentions(message);
    expect(parsed.channelWide).toBe(true);
    expect(parsed.atNames).toEqual([]);
  });

  it('matches a user by @username only, not by the bare word', () => {
    expect(mentionsUser(parseMentions('ping @ALICE.'), user(), true)).toBe(true);
    expect(mentionsUser(parseMentions('alice is away'), user(), true)).toBe(false);
    expect(mentionsUser(parseMentions('@alicex'), user(), true)).toBe(false);
  });

  it('honours custom mention keys (case-insensitive, phrases too) and first names (case-sensitive, opt-in)', () => {
    const keys = user({ userNotifyProps: { mention_keys: 'Deploy, on call,@ali' } });
    expect(mentionsUser(parseMentions('who can DEPLOY?'), keys, true)).toBe(true);
    expect(mentionsUser(parseMentions('who is On Call today'), keys, true)).toBe(true);
    expect(mentionsUser(parseMentions('hi @ali'), keys, true)).toBe(true);
    expect(mentionsUser(parseMentions('redeploy later'), keys, true)).toBe(false);
    const first = user({ userNotifyProps: { first_name: 'true' } });
    expect(mentionsUser(parseMentions('thanks Alice!'), first, true)).toBe(true);
    expect(mentionsUser(parseMentions('thanks alice!'), first, true)).toBe(false);
    expect(mentionsUser(parseMentions('thanks Alice!'), user(), true)).toBe(false);
  });

  it('applies channel-wide mentions unless the author may not use them or the member ignores them', () => {
    const parsed = parseMentions('@channel standup');
    expect(mentionsUser(parsed, user(), true)).toBe(true);
    expect(mentionsUser(parsed, user(), false)).toBe(false);
    expect(mentionsUser(parsed, user({ memberNotifyProps: { ignore_channel_mentions: 'on' } }), true)).toBe(false);
    expect(ignoresChannelMentions({ userNotifyProps: { channel: 'false' }, memberNotifyProps: { ignore_channel_mentions: 'default' } })).toBe(true);
    expect(ignoresChannelMentions({ userNotifyProps: { channel: 'false' }, memberNotifyProps: { ignore_channel_mentions: 'off' } })).toBe(false);
  });
});
