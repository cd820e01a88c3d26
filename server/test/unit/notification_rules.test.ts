import { describe, expect, it } from 'vitest';
import {
  decide, notifyPropsOf, type Decision, type Delivery, type MentionKind, type PostFacts, type RecipientFacts,
} from '../../src/app/notifications/notification_rules.js';
import { readsThreadsCollapsed } from '../../src/app/notifications/notification_settings.js';

const NOW = 1_800_000_000_000;
const BOTH: Delivery = { email: true, push: true };

interface Case {
  name: string;
  channel?: PostFacts['channelType'];
  mention?: MentionKind;
  follows?: boolean;
  reply?: boolean;
  author?: boolean;
  system?: boolean;
  webhook?: boolean;
  user?: Record<string, string>;
  member?: Record<string, string>;
  status?: RecipientFacts['status']['status'];
  dndEnd?: number;
  active?: boolean;
  collapsed?: boolean;
  deactivated?: boolean;
  delivery?: Delivery;
  /** Who gets what: d(esktop), e(mail), p(ush); '' for nothing. */
  expect: string;
}

// Defaults (Mattermost's): desktop and push on mentions, email on, push when away, replies never, threads all.
const CASES: Case[] = [
  // Mention kinds in a public channel, recipient away.
  { name: 'no mention, default levels', expect: '' },
  { name: '@username', mention: 'direct', expect: 'dep' },
  { name: '@channel', mention: 'channel_wide', expect: 'dep' },
  { name: 'mention key / first name', mention: 'direct', user: { mention_keys: 'deploy' }, expect: 'dep' },
  { name: 'no mention, desktop all', user: { desktop: 'all' }, expect: 'd' },
  { name: 'no mention, push all', user: { push: 'all' }, expect: 'p' },
  { name: 'mention, desktop none', mention: 'direct', user: { desktop: 'none' }, expect: 'ep' },
  { name: 'mention, push none', mention: 'direct', user: { push: 'none' }, expect: 'de' },
  { name: 'mention, email off', mention: 'direct', user: { email: 'false' }, expect: 'dp' },
  // Channel types.
  { name: 'DM', channel: 'D', mention: 'direct_channel', expect: 'dep' },
  { name: 'GM with a user on mentions hears every post', channel: 'G', mention: 'direct_channel', expect: 'dep' },
  { name: 'private channel mention', channel: 'P', mention: 'direct', expect: 'dep' },
  { name: 'DM, push none', channel: 'D', mention: 'direct_channel', user: { push: 'none' }, expect: 'de' },
  // Channel overrides.
  { name: 'channel desktop all over user mention', member: { desktop: 'all' }, expect: 'd' },
  { name: 'channel push none over user all', mention: 'direct', user: { push: 'all' }, member: { push: 'none' }, expect: 'de' },
  { name: 'channel push mention over user all, no mention', user: { push: 'all' }, member: { push: 'mention' }, expect: '' },
  { name: 'channel desktop default keeps user all', user: { desktop: 'all' }, member: { desktop: 'default' }, expect: 'd' },
  { name: 'channel email none', mention: 'direct', member: { email: 'none' }, expect: 'dp' },
  { name: 'channel email all over user off', mention: 'direct', user: { email: 'false' }, member: { email: 'all' }, expect: 'dep' },
  // Mute.
  { name: 'muted, @channel', mention: 'channel_wide', member: { mark_unread: 'mention' }, expect: '' },
  { name: 'muted, @username: desktop and push, no email', mention: 'direct', member: { mark_unread: 'mention' }, expect: 'dp' },
  { name: 'muted, no mention, channel push all', member: { mark_unread: 'mention', push: 'all' }, expect: '' },
  { name: 'muted DM', channel: 'D', mention: 'direct_channel', member: { mark_unread: 'mention' }, expect: '' },
  // Status.
  { name: 'online: no email, push_status away holds push', mention: 'direct', status: 'online', expect: 'd' },
  { name: 'online, push_status online', mention: 'direct', status: 'online', user: { push_status: 'online' }, expect: 'dp' },
  { name: 'online, push_status online, reading this channel', mention: 'direct', status: 'online', active: true, user: { push_status: 'online' }, expect: 'd' },
  { name: 'offline', mention: 'direct', status: 'offline', expect: 'dep' },
  { name: 'away, push_status offline', mention: 'direct', status: 'away', user: { push_status: 'offline' }, expect: 'de' },
  { name: 'DND: email only', mention: 'direct', status: 'dnd', expect: 'e' },
  { name: 'DND ended', mention: 'direct', status: 'dnd', dndEnd: NOW - 1, expect: 'dep' },
  { name: 'DND until later', mention: 'direct', status: 'dnd', dndEnd: NOW + 60_000, expect: 'e' },
  { name: 'out of office', mention: 'direct', status: 'ooo', expect: 'e' },
  // Threads.
  { name: 'reply, follower, collapsed threads', reply: true, follows: true, collapsed: true, expect: 'dep' },
  { name: 'reply, follower, desktop_threads mention', reply: true, follows: true, collapsed: true, user: { desktop_threads: 'mention' }, expect: 'ep' },
  { name: 'reply, follower, push_threads and email_threads mention', reply: true, follows: true, collapsed: true, user: { push_threads: 'mention', email_threads: 'mention' }, expect: 'd' },
  { name: 'reply, not following, collapsed', reply: true, collapsed: true, expect: '' },
  { name: 'reply, comments any, threads expanded', reply: true, mention: 'reply', user: { comments: 'any' }, expect: 'dep' },
  { name: 'reply, comments setting ignored when collapsed and not following', reply: true, mention: 'reply', collapsed: true, expect: '' },
  { name: 'reply with @username, muted thread not followed', reply: true, mention: 'direct', collapsed: true, expect: 'dep' },
  // Never.
  { name: 'the author', mention: 'direct', author: true, expect: '' },
  { name: 'the author of a webhook post', mention: 'direct', author: true, webhook: true, expect: 'dep' },
  { name: 'a system message', mention: 'direct', system: true, expect: '' },
  { name: 'a deactivated user', mention: 'direct', deactivated: true, expect: '' },
  // Server settings.
  { name: 'email and push off on the server', mention: 'direct', delivery: { email: false, push: false }, expect: 'd' },
  { name: 'push off on the server', mention: 'direct', user: { push: 'all' }, delivery: { email: true, push: false }, expect: 'de' },
];

function run(c: Case): Decision {
  const facts: RecipientFacts = {
    userId: 'u1', userProps: notifyPropsOf(c.user ?? {}), channelProps: { mark_unread: 'all', ...c.member },
    status: { status: c.status ?? 'away', dnd_end_time: c.dndEnd ?? 0 }, activeInChannel: c.active ?? false,
    collapsedThreads: c.collapsed ?? false, deactivated: c.deactivated ?? false,
  };
  const post: PostFacts = {
    authorId: c.author ? 'u1' : 'u2', channelType: c.channel ?? 'O', systemMessage: c.system ?? false,
    fromWebhook: c.webhook ?? false, isReply: c.reply ?? false,
  };
  return decide(facts, post, { mention: c.mention, followsThread: c.follows ?? false }, c.delivery ?? BOTH, NOW);
}

const shorthand = (d: Decision): string => `${d.desktop ? 'd' : ''}${d.email ? 'e' : ''}${d.push ? 'p' : ''}`;

describe('notification rules: who gets desktop, email and push', () => {
  it('has the matrix the issue asks for (at least 30 cases)', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('$name → "$expect"', (c) => {
    expect(shorthand(run(c))).toBe(c.expect);
  });
});

describe('collapsed threads by server setting and user preference', () => {
  it.each([
    ['always_on', 'off', true], ['disabled', 'on', false], ['default_on', undefined, true],
    ['default_off', undefined, false], ['default_off', 'on', true], ['default_on', 'off', false],
  ] as const)('%s with preference %s → %s', (setting, preference, expected) => {
    expect(readsThreadsCollapsed(setting, preference)).toBe(expected);
  });
});
