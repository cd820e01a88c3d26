import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaginatedPostList, PostList } from '@mattermost/types/posts';
import type { UserProfile } from '@mattermost/types/users';
import { handleEvent, type ServerEvent } from '../src/realtime/events';
import { getState, initialState, setState } from '../src/store/store';
import { receivedChannelPosts } from '../src/store/posts';
import { loadChannelPosts, loadThread } from '../src/store/actions/posts';
import { client } from '../src/api/client';
import { unreadOf } from '../src/store/selectors';
import { channel, list, member, post } from './fixtures';

const event = (name: string, data: Record<string, unknown>, broadcast: ServerEvent['broadcast'] = {}): ServerEvent => ({ event: name, data, broadcast, seq: 1 });
const posted = (p: ReturnType<typeof post>, mentions: string[] = []) =>
  event('posted', { post: JSON.stringify(p), mentions: JSON.stringify(mentions), sender_name: '@u2', channel_type: 'O' }, { channel_id: p.channel_id });

beforeEach(() => {
  const users = Object.fromEntries(['me', 'u1', 'u2'].map((id) => [id, { id, username: id, delete_at: 0 } as UserProfile]));
  setState({
    ...initialState,
    me: users.me,
    users,
    channels: { c1: channel(), c2: channel({ id: 'c2', name: 'other' }) },
    members: { c1: member(), c2: member({ channel_id: 'c2' }) },
    currentChannelId: 'c2',
    posts: receivedChannelPosts(initialState.posts, 'c1', list([post({ id: 'old' })]), 'latest'),
  });
});

describe('websocket events update the store', () => {
  it('a post in another channel makes it unread, a mention adds a badge, and a repeat changes nothing', () => {
    const p = post({ id: 'p1', user_id: 'u2', create_at: Date.now() });
    handleEvent(posted(p, ['me']));
    expect(unreadOf(getState(), 'c1')).toEqual({ messages: 1, mentions: 1, showUnread: true });
    expect(getState().posts.byChannel.c1.order).toEqual(['old', 'p1']);
    handleEvent(posted(p, ['me']));
    expect(unreadOf(getState(), 'c1')).toEqual({ messages: 1, mentions: 1, showUnread: true });
    expect(getState().posts.byChannel.c1.order).toEqual(['old', 'p1']);
  });

  it('viewing in another tab (multiple_channels_viewed) clears the unread state', () => {
    handleEvent(posted(post({ id: 'p1', user_id: 'u2' }), ['me']));
    handleEvent(event('multiple_channels_viewed', { channel_times: { c1: Date.now() } }));
    expect(unreadOf(getState(), 'c1')).toEqual({ messages: 0, mentions: 0, showUnread: false });
  });

  it('post_unread restores the counts given by the server', () => {
    handleEvent(event('post_unread', { msg_count: 7, msg_count_root: 7, mention_count: 2, mention_count_root: 2, urgent_mention_count: 0, last_viewed_at: 5 }, { channel_id: 'c1' }));
    expect(unreadOf(getState(), 'c1')).toMatchObject({ messages: 3, mentions: 2 });
  });

  it('applies edits, reactions and deletes', () => {
    const edited = { ...getState().posts.posts.old, message: 'changed', edit_at: Date.now(), update_at: Date.now() };
    handleEvent(event('post_edited', { post: JSON.stringify(edited) }));
    expect(getState().posts.posts.old.message).toBe('changed');
    handleEvent(event('reaction_added', { reaction: JSON.stringify({ user_id: 'u2', post_id: 'old', emoji_name: 'tada', create_at: 1 }) }));
    expect(getState().posts.posts.old.metadata.reactions).toHaveLength(1);
    handleEvent(event('reaction_removed', { reaction: JSON.stringify({ user_id: 'u2', post_id: 'old', emoji_name: 'tada', create_at: 1 }) }));
    expect(getState().posts.posts.old.metadata.reactions).toHaveLength(0);
    handleEvent(event('post_deleted', { post: JSON.stringify(edited) }));
    expect(getState().posts.byChannel.c1.order).toEqual([]);
  });

  it('shows who is typing until their post arrives', () => {
    handleEvent(event('typing', { user_id: 'u2', parent_id: '' }, { channel_id: 'c1' }));
    expect(Object.keys(getState().typing['c1:'])).toEqual(['u2']);
    handleEvent(posted(post({ id: 'p2', user_id: 'u2' })));
    expect(Object.keys(getState().typing['c1:'])).toEqual([]);
  });

  it('takes preferences and statuses from other sessions', () => {
    handleEvent(event('preferences_changed', { preferences: JSON.stringify([{ user_id: 'me', category: 'favorite_channel', name: 'c1', value: 'true' }]) }));
    expect(getState().prefs['favorite_channel:c1']).toBe('true');
    handleEvent(event('preferences_deleted', { preferences: JSON.stringify([{ user_id: 'me', category: 'favorite_channel', name: 'c1', value: '' }]) }));
    expect(getState().prefs['favorite_channel:c1']).toBeUndefined();
    handleEvent(event('status_change', { user_id: 'u2', status: 'dnd' }));
    expect(getState().statuses.u2).toBe('dnd');
  });

  it('removes my membership when I am removed from a channel', () => {
    handleEvent(event('user_removed', { channel_id: 'c1', remover_id: 'u2' }, { user_id: 'me' }));
    expect(getState().members.c1).toBeUndefined();
  });
});

describe('events that arrive while a page of their channel is on its way', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Opens c2 with a page the server wrote before the events; the test lets it land when it chooses. */
  function pageOnItsWay(page: PostList): { land: () => Promise<void> } {
    let answer = (_list: PostList): void => undefined;
    vi.spyOn(client, 'getPostsUnread').mockImplementation(() => new Promise((resolve) => {
      answer = resolve;
    }));
    const loading = loadChannelPosts('c2');
    return {
      land: async () => {
        answer(page);
        await loading;
      },
    };
  }

  it('an edit, a reaction and a delete made meanwhile are not undone by the page', async () => {
    const [kept, edited, gone] = [post({ id: 'k', channel_id: 'c2' }), post({ id: 'e', channel_id: 'c2' }), post({ id: 'g', channel_id: 'c2' })];
    const page = pageOnItsWay(list([kept, edited, gone]));
    handleEvent(event('post_edited', { post: JSON.stringify({ ...edited, message: 'changed', edit_at: edited.update_at + 5, update_at: edited.update_at + 5 }) }));
    handleEvent(event('reaction_added', { reaction: JSON.stringify({ user_id: 'u2', post_id: 'k', emoji_name: 'tada', create_at: 1 }) }, { channel_id: 'c2' }));
    handleEvent(event('post_deleted', { post: JSON.stringify({ ...gone, delete_at: gone.update_at + 5 }) }));
    await page.land();
    const posts = getState().posts;
    expect(posts.byChannel.c2.order).toEqual(['k', 'e']);
    expect(posts.posts.e.message).toBe('changed');
    expect(posts.posts.k.metadata.reactions).toHaveLength(1);
  });

  it('a thread that loads meanwhile keeps a reaction to a reply and a deleted reply', async () => {
    const [root, reacted, gone] = [post({ id: 'r', channel_id: 'c2' }), post({ id: 'x', channel_id: 'c2', root_id: 'r' }), post({ id: 'y', channel_id: 'c2', root_id: 'r' })];
    let answer = (_list: PaginatedPostList): void => undefined;
    vi.spyOn(client, 'getPostThread').mockImplementation(() => new Promise((resolve) => {
      answer = resolve;
    }));
    const loading = loadThread('r');
    handleEvent(event('reaction_added', { reaction: JSON.stringify({ user_id: 'u2', post_id: 'x', emoji_name: 'tada', create_at: 1 }) }, { channel_id: 'c2' }));
    handleEvent(event('post_deleted', { post: JSON.stringify({ ...gone, delete_at: gone.update_at + 5 }) }));
    answer({ ...list([root, reacted, gone]), has_next: false });
    await loading;
    const posts = getState().posts;
    expect(posts.byThread.r).toEqual(['x']);
    expect(posts.posts.y).toBeUndefined();
    expect(posts.posts.x.metadata.reactions).toHaveLength(1);
  });

  it('a post made meanwhile shows after the page\'s posts', async () => {
    const page = pageOnItsWay(list([post({ id: 'before', channel_id: 'c2' })]));
    handleEvent(posted(post({ id: 'during', channel_id: 'c2', user_id: 'u2' })));
    await page.land();
    expect(getState().posts.byChannel.c2.order).toEqual(['before', 'during']);
  });
});
