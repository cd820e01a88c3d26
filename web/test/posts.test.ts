import type { Post } from '@mattermost/types/posts';
import { describe, expect, it } from 'vitest';
import {
  addedReaction, emptyPosts, markPostFailed, receivedChannelPosts, receivedEditedPost, receivedNewPost, receivedThread, removedPost,
  removedReaction, summarizeReactions,
} from '../src/store/posts';
import { list, post } from './fixtures';

describe('channel post windows', () => {
  it('keeps posts oldest first and records whether the oldest/newest ends were reached', () => {
    const [a, b, c] = [post({ id: 'a' }), post({ id: 'b' }), post({ id: 'c' })];
    const state = receivedChannelPosts(emptyPosts, 'c1', list([a, b, c], 'older', ''), 'latest');
    expect(state.byChannel.c1.order).toEqual(['a', 'b', 'c']);
    expect(state.byChannel.c1.reachedOldest).toBe(false);
    expect(state.byChannel.c1.atLatest).toBe(true);
  });

  it('prepends an older page without duplicating and marks the start of history', () => {
    const [a, b, c, d] = [post({ id: 'a' }), post({ id: 'b' }), post({ id: 'c' }), post({ id: 'd' })];
    let state = receivedChannelPosts(emptyPosts, 'c1', list([c, d], 'b'), 'latest');
    state = receivedChannelPosts(state, 'c1', list([a, b, c], ''), 'before');
    expect(state.byChannel.c1.order).toEqual(['a', 'b', 'c', 'd']);
    expect(state.byChannel.c1.reachedOldest).toBe(true);
  });

  it('starts a fresh window when the newest page does not touch the loaded one', () => {
    const [a, b, y, z] = [post({ id: 'a' }), post({ id: 'b' }), post({ id: 'y' }), post({ id: 'z' })];
    let state = receivedChannelPosts(emptyPosts, 'c1', list([a, b], ''), 'latest');
    state = receivedChannelPosts(state, 'c1', list([y, z], 'x'), 'latest');
    expect(state.byChannel.c1.order).toEqual(['y', 'z']);
    expect(state.byChannel.c1.reachedOldest).toBe(false);
  });

  it('leaves deleted posts and other channels\' posts out of the window', () => {
    const gone = post({ id: 'gone', delete_at: 5 });
    const other = post({ id: 'other', channel_id: 'c2' });
    const kept = post({ id: 'kept' });
    const state = receivedChannelPosts(emptyPosts, 'c1', list([gone, other, kept]), 'latest');
    expect(state.byChannel.c1.order).toEqual(['kept']);
  });

  it('keeps a post that arrived live while the channel\'s newest page was on its way', () => {
    const [a, b] = [post({ id: 'a' }), post({ id: 'b' })];
    const live = post({ id: 'live' });
    const elsewhere = post({ id: 'elsewhere', channel_id: 'c2' });
    // The event came before the page (written before the post was made) was applied: no window to append it to yet.
    let state = receivedNewPost(receivedNewPost(emptyPosts, live), elsewhere);
    state = receivedChannelPosts(state, 'c1', list([a, b], 'older'), 'latest');
    expect(state.byChannel.c1.order).toEqual(['a', 'b', 'live']);
    // An older page, or one that does not reach the newest post, takes in nothing it did not carry.
    const older = receivedChannelPosts(receivedNewPost(emptyPosts, post({ id: 'later' })), 'c1', list([a, b], 'older', 'newer'), 'latest');
    expect(older.byChannel.c1.order).toEqual(['a', 'b']);
  });

  it('never lets an older copy from a late REST page undo a newer edit', () => {
    const original = post({ id: 'a', message: 'old' });
    const edited = { ...original, message: 'new', update_at: original.update_at + 10, edit_at: original.update_at + 10 };
    let state = receivedChannelPosts(emptyPosts, 'c1', list([original]), 'latest');
    state = receivedEditedPost(state, edited);
    state = receivedChannelPosts(state, 'c1', list([original]), 'latest');
    expect(state.posts.a.message).toBe('new');
  });
});

describe('link previews of a new post', () => {
  it('keeps a preview that arrived before the author\'s answer to the create, and drops it for a newer version without one', () => {
    const created = post({ id: 'p', message: 'see https://example.com' });
    const embeds = [{ type: 'opengraph', url: 'https://example.com', data: { title: 'Example' } }] as Post['metadata']['embeds'];
    const previewed = { ...created, metadata: { ...created.metadata, embeds } };
    let state = receivedNewPost(receivedChannelPosts(emptyPosts, 'c1', list([]), 'latest'), created);
    state = receivedEditedPost(state, previewed);
    state = receivedNewPost(state, { ...created });
    expect(state.posts.p.metadata.embeds).toEqual(embeds);
    const removed = { ...created, update_at: created.update_at + 5, props: { remove_link_preview: 'true' } };
    state = receivedEditedPost(state, removed);
    expect(state.posts.p.metadata.embeds).toEqual([]);
  });
});

describe('new posts, pending posts and duplicates', () => {
  const base = receivedChannelPosts(emptyPosts, 'c1', list([post({ id: 'a' })]), 'latest');

  it('replaces the optimistic copy in place when the server confirms it', () => {
    const pending = post({ id: 'me:1', pending_post_id: 'me:1', message: 'hi' });
    let state = receivedNewPost(base, pending);
    expect(state.byChannel.c1.order).toEqual(['a', 'me:1']);
    const confirmed = { ...pending, id: 'real', pending_post_id: 'me:1' };
    state = receivedNewPost(state, confirmed);
    expect(state.byChannel.c1.order).toEqual(['a', 'real']);
    expect(state.posts['me:1']).toBeUndefined();
  });

  it('ignores the second arrival of the same post (REST answer and websocket event)', () => {
    const pending = post({ id: 'me:2', pending_post_id: 'me:2' });
    const confirmed = { ...pending, id: 'real2' };
    let state = receivedNewPost(base, pending);
    state = receivedNewPost(state, confirmed);
    state = receivedNewPost(state, confirmed);
    state = receivedNewPost(state, { ...confirmed, pending_post_id: '' });
    expect(state.byChannel.c1.order.filter((id) => id === 'real2')).toHaveLength(1);
    expect(state.byChannel.c1.order).toHaveLength(2);
  });

  it('does not append live posts to a window that is not at the newest post', () => {
    let state = receivedChannelPosts(emptyPosts, 'c1', list([post({ id: 'old' })], '', 'newer'), 'around');
    state = receivedNewPost(state, post({ id: 'live' }));
    expect(state.byChannel.c1.order).toEqual(['old']);
    expect(state.posts.live).toBeDefined();
  });

  it('adds a reply to its thread and bumps the root\'s reply count and participants', () => {
    const root = post({ id: 'root', user_id: 'u1' });
    let state = receivedChannelPosts(emptyPosts, 'c1', list([root]), 'latest');
    state = receivedNewPost(state, post({ id: 'r1', root_id: 'root', user_id: 'u2' }));
    state = receivedNewPost(state, post({ id: 'r1', root_id: 'root', user_id: 'u2' }));
    expect(state.byThread.root).toEqual(['r1']);
    expect(state.posts.root.reply_count).toBe(1);
    expect(state.posts.root.participants).toEqual([{ id: 'u2' }]);
  });

  it('marks a failed send', () => {
    const state = markPostFailed(receivedNewPost(base, post({ id: 'p:1', pending_post_id: 'p:1' })), 'p:1');
    expect(state.posts['p:1'].failed).toBe(true);
  });
});

describe('deletes, threads and reactions', () => {
  it('removes a root together with its replies', () => {
    const root = post({ id: 'root' });
    const reply = post({ id: 'reply', root_id: 'root' });
    let state = receivedChannelPosts(emptyPosts, 'c1', list([root, reply]), 'latest');
    state = removedPost(state, 'root');
    expect(state.byChannel.c1.order).toEqual([]);
    expect(state.posts.reply).toBeUndefined();
    expect(state.byThread.root).toBeUndefined();
  });

  it('loads a thread in order, oldest reply first', () => {
    const root = post({ id: 'root' });
    const r1 = post({ id: 'r1', root_id: 'root' });
    const r2 = post({ id: 'r2', root_id: 'root' });
    const state = receivedThread(emptyPosts, 'root', list([r2, root, r1]));
    expect(state.byThread.root).toEqual(['r1', 'r2']);
  });

  it('adds and removes reactions idempotently and groups them by emoji', () => {
    let state = receivedChannelPosts(emptyPosts, 'c1', list([post({ id: 'a' })]), 'latest');
    const r = (user: string, emoji: string, at = 1) => ({ user_id: user, post_id: 'a', emoji_name: emoji, create_at: at });
    state = addedReaction(state, r('me', '+1', 1));
    state = addedReaction(state, r('me', '+1', 1));
    state = addedReaction(state, r('u2', '+1', 2));
    state = addedReaction(state, r('u2', 'tada', 3));
    expect(state.posts.a.metadata.reactions).toHaveLength(3);
    expect(summarizeReactions(state.posts.a.metadata.reactions, 'me')).toEqual([
      { emoji: '+1', count: 2, userIds: ['me', 'u2'], mine: true },
      { emoji: 'tada', count: 1, userIds: ['u2'], mine: false },
    ]);
    state = removedReaction(state, r('me', '+1'));
    expect(summarizeReactions(state.posts.a.metadata.reactions, 'me')[0]).toMatchObject({ count: 1, mine: false });
  });
});
