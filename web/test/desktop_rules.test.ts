import { describe, expect, it } from 'vitest';
import { decideDesktop, desktopLevel, soundEnabled, type DesktopContext, type DesktopPost } from '../src/realtime/desktop_rules';
import { channelWideMentions, namesUser } from '../src/realtime/mention_match';
import { notificationBody, stripMarkdown } from '../src/realtime/notification_text';

const ME = 'me';

function post(over: Partial<DesktopPost> = {}): DesktopPost {
  return { authorId: 'other', channelId: 'c1', channelType: 'O', rootId: '', systemMessage: false, fromWebhook: false, ...over };
}

function ctx(over: Partial<DesktopContext> = {}): DesktopContext {
  return {
    myUserId: ME, userProps: { desktop: 'mention', desktop_threads: 'all' }, channelProps: { desktop: 'default', mark_unread: 'all' },
    status: 'online', mentioned: false, namedInText: false, following: false, repliedThread: false, collapsedThreads: false,
    tabVisible: false, currentChannelId: 'elsewhere', openThreadId: '', ...over,
  };
}

const notified = (p: DesktopPost, c: DesktopContext): boolean => decideDesktop(p, c).notify;
const reason = (p: DesktopPost, c: DesktopContext): string => {
  const d = decideDesktop(p, c);
  return d.notify ? 'notify' : d.reason;
};

describe('desktop notification rules', () => {
  it('level all notifies every post, mention only mentions, none nothing', () => {
    expect(notified(post(), ctx({ userProps: { desktop: 'all' } }))).toBe(true);
    expect(reason(post(), ctx({ userProps: { desktop: 'mention' } }))).toBe('not_mentioned');
    expect(notified(post(), ctx({ userProps: { desktop: 'mention' }, mentioned: true }))).toBe(true);
    expect(reason(post(), ctx({ userProps: { desktop: 'none' }, mentioned: true }))).toBe('level_none');
  });

  it("the channel's level overrides the user's unless it is default", () => {
    expect(notified(post(), ctx({ userProps: { desktop: 'mention' }, channelProps: { desktop: 'all' } }))).toBe(true);
    expect(reason(post(), ctx({ userProps: { desktop: 'all' }, channelProps: { desktop: 'none' }, mentioned: true }))).toBe('level_none');
    expect(reason(post(), ctx({ userProps: { desktop: 'all' }, channelProps: { desktop: 'mention' } }))).toBe('not_mentioned');
    expect(notified(post(), ctx({ userProps: { desktop: 'all' }, channelProps: { desktop: 'default' } }))).toBe(true);
    expect(desktopLevel('O', {}, {})).toBe('mention');
  });

  it('a muted channel notifies only when the post names the user', () => {
    const muted = { desktop: 'default', mark_unread: 'mention' };
    expect(notified(post(), ctx({ channelProps: muted, mentioned: true, namedInText: true }))).toBe(true);
    // @channel mentions the user on the server, but does not name them.
    expect(reason(post(), ctx({ channelProps: muted, mentioned: true, namedInText: false }))).toBe('muted');
    expect(reason(post(), ctx({ channelProps: muted, userProps: { desktop: 'all' } }))).toBe('muted');
  });

  it('never while do not disturb or out of office', () => {
    expect(reason(post(), ctx({ status: 'dnd', mentioned: true }))).toBe('status');
    expect(reason(post(), ctx({ status: 'ooo', mentioned: true }))).toBe('status');
    expect(notified(post(), ctx({ status: 'away', mentioned: true }))).toBe(true);
  });

  it("never for the user's own posts, unless a webhook posted them", () => {
    expect(reason(post({ authorId: ME }), ctx({ mentioned: true }))).toBe('own_post');
    expect(notified(post({ authorId: ME, fromWebhook: true }), ctx({ mentioned: true }))).toBe(true);
    expect(reason(post({ systemMessage: true }), ctx({ userProps: { desktop: 'all' } }))).toBe('system_message');
  });

  it('a direct message notifies on "mentions"; a group message too unless the channel says mention', () => {
    expect(notified(post({ channelType: 'D' }), ctx())).toBe(true);
    expect(reason(post({ channelType: 'D' }), ctx({ userProps: { desktop: 'none' } }))).toBe('level_none');
    expect(notified(post({ channelType: 'G' }), ctx())).toBe(true);
    expect(reason(post({ channelType: 'G' }), ctx({ channelProps: { desktop: 'mention' } }))).toBe('not_mentioned');
  });

  it('a reply in a followed thread notifies with collapsed threads when desktop_threads is all', () => {
    const reply = post({ rootId: 'root' });
    expect(notified(reply, ctx({ collapsedThreads: true, following: true, userProps: { desktop: 'mention', desktop_threads: 'all' } }))).toBe(true);
    expect(reason(reply, ctx({ collapsedThreads: true, following: true, userProps: { desktop: 'mention', desktop_threads: 'mention' } }))).toBe('not_mentioned');
    expect(notified(reply, ctx({ collapsedThreads: true, following: true, mentioned: true, userProps: { desktop: 'mention', desktop_threads: 'mention' } }))).toBe(true);
    // The channel's own thread setting wins over the user's.
    expect(reason(reply, ctx({ collapsedThreads: true, following: true, channelProps: { desktop_threads: 'mention' } }))).toBe('not_mentioned');
    // "All" hears only the threads it follows.
    expect(reason(reply, ctx({ collapsedThreads: true, userProps: { desktop: 'all' } }))).toBe('not_following_thread');
    // Without collapsed threads, following alone is not a mention.
    expect(reason(reply, ctx({ following: true }))).toBe('not_mentioned');
  });

  it('the comments setting makes a reply count as a mention without collapsed threads', () => {
    const reply = post({ rootId: 'root' });
    expect(notified(reply, ctx({ repliedThread: true }))).toBe(true);
    expect(reason(reply, ctx({ repliedThread: true, collapsedThreads: true }))).toBe('not_mentioned');
  });

  it('not while the tab is visible with the channel open; yes for another channel or a hidden tab', () => {
    const mention = { mentioned: true };
    expect(reason(post(), ctx({ ...mention, tabVisible: true, currentChannelId: 'c1' }))).toBe('viewing');
    expect(notified(post(), ctx({ ...mention, tabVisible: true, currentChannelId: 'c2' }))).toBe(true);
    expect(notified(post(), ctx({ ...mention, tabVisible: false, currentChannelId: 'c1' }))).toBe(true);
    // A collapsed-thread reply is seen only when its thread is open.
    const reply = post({ rootId: 'root' });
    const crt = { ...mention, collapsedThreads: true, tabVisible: true, currentChannelId: 'c1' };
    expect(notified(reply, ctx(crt))).toBe(true);
    expect(reason(reply, ctx({ ...crt, openThreadId: 'root' }))).toBe('viewing');
  });

  it('plays the sound unless turned off for the user or the channel', () => {
    expect(soundEnabled({}, {})).toBe(true);
    expect(soundEnabled({ desktop_sound: 'false' }, {})).toBe(false);
    expect(soundEnabled({ desktop_sound: 'false' }, { desktop_sound: 'on' })).toBe(true);
    expect(soundEnabled({ desktop_sound: 'true' }, { desktop_sound: 'off' })).toBe(false);
  });
});

describe('mentions in text', () => {
  const ana = { username: 'ana', firstName: 'Ana', notifyProps: { mention_keys: 'launch,Rocket Team', first_name: 'false' } };

  it('finds @username, keywords (any case) and, when asked, the first name', () => {
    expect(namesUser('hi @ana!', ana)).toBe(true);
    expect(namesUser('hi @anabel', ana)).toBe(false);
    expect(namesUser('the LAUNCH is near', ana)).toBe(true);
    expect(namesUser('ask the rocket team', ana)).toBe(true);
    expect(namesUser('relaunch', ana)).toBe(false);
    expect(namesUser('Ana, look', ana)).toBe(false);
    expect(namesUser('Ana, look', { ...ana, notifyProps: { first_name: 'true' } })).toBe(true);
    expect(namesUser('see `@ana` in code', ana)).toBe(false);
  });

  it('finds @channel, @all and @here outside code', () => {
    expect(channelWideMentions('@here and @ALL, @channel.')).toEqual(['here', 'all', 'channel']);
    expect(channelWideMentions('email me@channel.com or @channels')).toEqual([]);
    expect(channelWideMentions('```\n@channel\n```')).toEqual([]);
  });
});

describe('notification text', () => {
  it('strips markdown and cuts the preview to 200 characters', () => {
    expect(stripMarkdown('## Hi **there** _you_, see [the doc](http://x) and `code`')).toBe('Hi there you, see the doc and code');
    expect(stripMarkdown('> quoted\n- item\n1. first')).toBe('quoted item first');
    const body = notificationBody('x'.repeat(500), '@ana', false);
    expect(body.length).toBeLessThanOrEqual(200);
    expect(body.startsWith('@ana: xxx')).toBe(true);
    expect(notificationBody('hello', '@ana', true)).toBe('hello');
  });
});
