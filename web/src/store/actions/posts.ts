import type { FileInfo } from '@mattermost/types/files';
import type { Post, PostList } from '@mattermost/types/posts';
import { client } from '../../api/client';
import { getState, setState } from '../store';
import {
  addedReaction, markPostFailed, receivedChannelPosts, receivedEditedPost, receivedNewPost, receivedThread, removedPost,
  removedReaction, type ListKind,
} from '../posts';
import { applyMarkedUnread } from '../unread';
import { setManuallyUnread } from '../manualUnread';
import { ensureUsers } from './users';
import { loadPage } from './liveChanges';
import { deletePrefs, savePrefs } from './prefs';

export const PAGE_SIZE = 60;
/** Older history comes in bigger pages: fewer round trips while scrolling back. */
const HISTORY_PAGE_SIZE = 120;

function usersOf(list: PostList): void {
  void ensureUsers(Object.values(list.posts).map((p) => p.user_id));
}

export function receivedList(channelId: string, list: PostList, kind: ListKind): void {
  setState((s) => ({ posts: receivedChannelPosts(s.posts, channelId, list, kind) }));
  usersOf(list);
}

const inflight = new Map<string, Promise<void>>();

function once(key: string, run: () => Promise<void>): Promise<void> {
  const running = inflight.get(key);
  if (running) return running;
  const p = run().finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}

/** First visit of a channel: the window around my first unread post (the server's unread endpoint). */
export function loadChannelPosts(channelId: string): Promise<void> {
  return once(`first:${channelId}`, async () => {
    const me = getState().me;
    if (!me) return;
    await loadPage(channelId, () => client.getPostsUnread(channelId, me.id, 60, 60), (list) => receivedList(channelId, list, 'latest'));
  });
}

/** Refreshes the newest page of a channel (after a reconnect that missed events). */
export function reloadLatest(channelId: string): Promise<void> {
  return once(`latest:${channelId}`, async () => {
    await loadPage(channelId, () => client.getPosts(channelId, 0, PAGE_SIZE), (list) => receivedList(channelId, list, 'latest'));
  });
}

export function loadOlder(channelId: string): Promise<void> {
  return once(`older:${channelId}`, async () => {
    const window = getState().posts.byChannel[channelId];
    if (!window || window.reachedOldest || window.order.length === 0) return;
    const oldest = window.order[0];
    await loadPage(channelId, () => client.getPostsBefore(channelId, oldest, 0, HISTORY_PAGE_SIZE), (list) => receivedList(channelId, list, 'before'));
  });
}

export function loadNewer(channelId: string): Promise<void> {
  return once(`newer:${channelId}`, async () => {
    const window = getState().posts.byChannel[channelId];
    if (!window || window.atLatest || window.order.length === 0) return;
    const newest = window.order[window.order.length - 1];
    await loadPage(channelId, () => client.getPostsAfter(channelId, newest, 0, PAGE_SIZE), (list) => {
      const merged = receivedChannelPosts(getState().posts, channelId, list, 'before');
      const channel = merged.byChannel[channelId];
      setState({ posts: { ...merged, byChannel: { ...merged.byChannel, [channelId]: { ...channel, atLatest: list.next_post_id === '' } } } });
      usersOf(list);
    });
  });
}

/** A permalink: the post with history on both sides, replacing the channel's window. */
export function loadAround(post: Post): Promise<void> {
  const both = () => Promise.all([
    client.getPostsBefore(post.channel_id, post.id, 0, 30),
    client.getPostsAfter(post.channel_id, post.id, 0, 30),
  ]);
  return loadPage(post.channel_id, both, ([before, after]) => {
    const list: PostList = {
      order: [...after.order, post.id, ...before.order],
      posts: { ...before.posts, ...after.posts, [post.id]: post },
      prev_post_id: before.prev_post_id,
      next_post_id: after.next_post_id,
      first_inaccessible_post_time: 0,
    };
    receivedList(post.channel_id, list, 'around');
  });
}

export async function fetchPost(postId: string): Promise<Post> {
  const post = await client.getPost(postId);
  void ensureUsers([post.user_id]);
  return post;
}

/** A thread's root and replies; like a channel page, it keeps the changes to its channel made while it was on its way. */
export function loadThread(rootId: string): Promise<void> {
  return once(`thread:${rootId}`, async () => {
    await loadPage((list) => list.posts[rootId]?.channel_id ?? '', () => client.getPostThread(rootId, true, false), (list) => {
      setState((s) => ({ posts: receivedThread(s.posts, rootId, list) }));
      usersOf(list);
    });
  });
}

export function receivedPost(post: Post): void {
  setState((s) => ({ posts: receivedNewPost(s.posts, post) }));
  void ensureUsers([post.user_id]);
}

/** Sends a message (with already uploaded files): it shows at once (pending), and the server's copy replaces it. */
export async function sendPost(channelId: string, message: string, rootId = '', files: FileInfo[] = []): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const now = Date.now();
  const pendingId = `${me.id}:${now}`;
  const pending = {
    id: pendingId, pending_post_id: pendingId, channel_id: channelId, root_id: rootId, user_id: me.id, message,
    create_at: now, update_at: now, edit_at: 0, delete_at: 0, is_pinned: false, original_id: '', type: '', props: {},
    hashtags: '', reply_count: 0, file_ids: files.map((f) => f.id), metadata: { embeds: [], emojis: [], files, images: {} },
  } as Post;
  receivedPost(pending);
  try {
    const fileIds = files.length ? { file_ids: files.map((f) => f.id) } : {};
    const created = await client.createPost({ channel_id: channelId, root_id: rootId, message, pending_post_id: pendingId, ...fileIds } as Post);
    receivedPost(created);
  } catch (err) {
    setState((s) => ({ posts: markPostFailed(s.posts, pendingId) }));
    throw err;
  }
}

export async function retryPost(pendingId: string): Promise<void> {
  const post = getState().posts.posts[pendingId];
  if (!post) return;
  setState((s) => ({ posts: removedPost(s.posts, pendingId) }));
  await sendPost(post.channel_id, post.message, post.root_id, post.metadata?.files ?? []);
}

export function discardFailedPost(pendingId: string): void {
  setState((s) => ({ posts: removedPost(s.posts, pendingId) }));
}

export async function editPost(postId: string, message: string): Promise<void> {
  const post = await client.patchPost({ id: postId, message });
  setState((s) => ({ posts: receivedEditedPost(s.posts, post), editingPostId: '' }));
}

export async function deletePost(postId: string): Promise<void> {
  await client.deletePost(postId);
  setState((s) => ({ posts: removedPost(s.posts, postId) }));
}

export async function setPinned(postId: string, pinned: boolean): Promise<void> {
  if (pinned) await client.pinPost(postId);
  else await client.unpinPost(postId);
  setState((s) => {
    const post = s.posts.posts[postId];
    return post ? { posts: receivedEditedPost(s.posts, { ...post, is_pinned: pinned, update_at: Math.max(post.update_at, Date.now()) }) } : {};
  });
}

export async function toggleReaction(postId: string, emoji: string): Promise<void> {
  const me = getState().me;
  const post = getState().posts.posts[postId];
  if (!me || !post) return;
  const mine = (post.metadata?.reactions ?? []).some((r) => r.user_id === me.id && r.emoji_name === emoji);
  const reaction = { user_id: me.id, post_id: postId, emoji_name: emoji, create_at: Date.now() };
  if (mine) {
    setState((s) => ({ posts: removedReaction(s.posts, reaction) }));
    await client.removeReaction(me.id, postId, emoji);
  } else {
    setState((s) => ({ posts: addedReaction(s.posts, reaction) }));
    await client.addReaction(me.id, postId, emoji);
  }
}

export async function setSaved(postId: string, saved: boolean): Promise<void> {
  if (saved) await savePrefs([{ category: 'flagged_post', name: postId, value: 'true' }]);
  else await deletePrefs([{ category: 'flagged_post', name: postId }]);
}

export async function markUnread(post: Post): Promise<void> {
  const me = getState().me;
  if (!me) return;
  const unread = await client.markPostAsUnread(me.id, post.id);
  setManuallyUnread(post.channel_id);
  setState((s) => {
    const member = s.members[post.channel_id];
    if (!member) return {};
    return {
      members: { ...s.members, [post.channel_id]: applyMarkedUnread(member, unread) },
      // The "New messages" line moves above the post at once.
      newMessagesSince: { ...s.newMessagesSince, [post.channel_id]: unread.last_viewed_at },
    };
  });
}

/** Lists shown in the right-hand panel (pinned, saved, mentions): posts are kept, only the order is returned. */
export async function fetchPostList(load: () => Promise<PostList>): Promise<string[]> {
  const list = await load();
  setState((s) => {
    const posts = { ...s.posts.posts };
    for (const p of Object.values(list.posts)) if (!posts[p.id] || posts[p.id].update_at <= p.update_at) posts[p.id] = p;
    return { posts: { ...s.posts, posts } };
  });
  usersOf(list);
  return list.order.filter((id) => list.posts[id]);
}
