import { describe, expect, it } from 'vitest';
import {
  applyMarkedUnread, applyPosted, applyViewed, channelUnread, documentTitle, sumUnreads,
} from '../src/store/unread';
import { channel, member, post } from './fixtures';

describe('unread counts', () => {
  it('is total_msg_count minus the member\'s msg_count', () => {
    expect(channelUnread(channel({ total_msg_count: 12 }), member({ msg_count: 9 }))).toEqual({ messages: 3, mentions: 0, showUnread: true });
    expect(channelUnread(channel(), member())).toEqual({ messages: 0, mentions: 0, showUnread: false });
  });

  it('does not bold a muted channel unless I am mentioned', () => {
    const muted = member({ msg_count: 5, notify_props: { mark_unread: 'mention' } });
    expect(channelUnread(channel(), muted).showUnread).toBe(false);
    expect(channelUnread(channel(), { ...muted, mention_count: 1 }).showUnread).toBe(true);
  });

  it('counts a new post from someone else as unread, and a mention as a mention', () => {
    const ctx = { myUserId: 'me', viewing: false, mentions: [] as string[] };
    const plain = applyPosted(channel(), member(), post({ id: 'p', user_id: 'u2' }), ctx);
    expect(channelUnread(plain.channel, plain.member)).toMatchObject({ messages: 1, mentions: 0 });
    const mention = applyPosted(channel(), member(), post({ id: 'p', user_id: 'u2' }), { ...ctx, mentions: ['me'] });
    expect(channelUnread(mention.channel, mention.member)).toMatchObject({ messages: 1, mentions: 1 });
  });

  it('treats every message in a direct channel as a mention', () => {
    const dm = applyPosted(channel({ type: 'D' }), member(), post({ id: 'p', user_id: 'u2' }), { myUserId: 'me', viewing: false, mentions: [] });
    expect(dm.member?.mention_count).toBe(1);
  });

  it('keeps a channel read when I wrote the post or am looking at it', () => {
    const mine = applyPosted(channel(), member(), post({ id: 'p', user_id: 'me' }), { myUserId: 'me', viewing: false, mentions: [] });
    expect(channelUnread(mine.channel, mine.member).messages).toBe(0);
    const viewing = applyPosted(channel(), member(), post({ id: 'p', user_id: 'u2' }), { myUserId: 'me', viewing: true, mentions: ['me'] });
    expect(channelUnread(viewing.channel, viewing.member)).toMatchObject({ messages: 0, mentions: 0 });
  });

  it('does not count join/leave messages', () => {
    const join = applyPosted(channel(), member(), post({ id: 'p', user_id: 'u2', type: 'system_join_channel' }), { myUserId: 'me', viewing: false, mentions: [] });
    expect(join.channel.total_msg_count).toBe(10);
  });

  it('reads everything when the channel is viewed (here or in another tab)', () => {
    const m = applyViewed(channel({ total_msg_count: 15 }), member({ msg_count: 10, mention_count: 2, last_viewed_at: 5 }), 100);
    expect(m).toMatchObject({ msg_count: 15, mention_count: 0, last_viewed_at: 100 });
  });

  it('takes the counts of a post_unread event', () => {
    const m = applyMarkedUnread(member(), { msg_count: 4, msg_count_root: 4, mention_count: 1, mention_count_root: 1, urgent_mention_count: 0, last_viewed_at: 42 });
    expect(channelUnread(channel(), m)).toMatchObject({ messages: 6, mentions: 1 });
  });

  it('puts the mention count (or a star) in the document title', () => {
    expect(documentTitle('Town Square', sumUnreads([{ messages: 2, mentions: 3, showUnread: true }, { messages: 0, mentions: 1, showUnread: true }]))).toBe('(4) Town Square');
    expect(documentTitle('Town Square', sumUnreads([{ messages: 2, mentions: 0, showUnread: true }]))).toBe('* Town Square');
    expect(documentTitle('Town Square', sumUnreads([{ messages: 2, mentions: 0, showUnread: false }]))).toBe('Town Square');
  });

});
