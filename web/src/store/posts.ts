import type { Post, PostList } from '@mattermost/types/posts';
import type { Reaction } from '@mattermost/types/reactions';

/** One channel's loaded window of history, oldest first (the order the list renders). */
export interface ChannelPosts {
  order: string[];
  /** The server said there is nothing older (prev_post_id === ''). */
  reachedOldest: boolean;
  /** The window reaches the newest post, so live `posted` events may be appended. */
  atLatest: boolean;
}

export interface PostsState {
  posts: Record<string, Post>;
  byChannel: Record<string, ChannelPosts>;
  /** root id -> reply ids, oldest first */
  byThread: Record<string, string[]>;
  /** pending_post_id -> real id once the server confirms it */
  pending: Record<string, string>;
}

export const emptyPosts: PostsState = { posts: {}, byChannel: {}, byThread: {}, pending: {} };

const byCreateAt = (posts: Record<string, Post>) => (a: string, b: string): number =>
  (posts[a]?.create_at ?? 0) - (posts[b]?.create_at ?? 0) || (a < b ? -1 : a > b ? 1 : 0);

function mergeOrder(existing: string[], incoming: string[], posts: Record<string, Post>): string[] {
  const seen = new Set(existing);
  const merged = existing.slice();
  for (const id of incoming) {
    if (!seen.has(id)) {
      seen.add(id);
      merged.push(id);
    }
  }
  return merged.sort(byCreateAt(posts));
}

/** A post replaces an older copy only when it is at least as new (update_at), so late REST pages never undo live edits. */
function upsert(posts: Record<string, Post>, post: Post): void {
  const current = posts[post.id];
  if (current && current.update_at > post.update_at) return;
  if (current && post.metadata === undefined) post = { ...post, metadata: current.metadata };
  // A link's preview is sent after its post, as post_edited of the same version, and can overtake the author's own
  // answer to the create: the same version again without it must not take it away (removing it is a new version).
  else if (current && current.update_at === post.update_at && !post.metadata.embeds?.length && current.metadata?.embeds?.length) {
    post = { ...post, metadata: { ...post.metadata, embeds: current.metadata.embeds, images: { ...current.metadata.images, ...post.metadata.images } } };
  }
  posts[post.id] = post;
}

function addToThread(byThread: Record<string, string[]>, posts: Record<string, Post>, post: Post): void {
  if (!post.root_id) return;
  const ids = byThread[post.root_id] ?? [];
  if (ids.includes(post.id)) return;
  byThread[post.root_id] = mergeOrder(ids, [post.id], posts);
}

export type ListKind =
  /** the newest page (or the unread window), replaces nothing older that is already contiguous */
  | 'latest'
  /** an older page obtained with before=<oldest loaded id> */
  | 'before'
  /** a window around a permalink, which may be disconnected from what is loaded */
  | 'around';

/** Merges a PostList from the channel posts endpoints into one channel's window. */
export function receivedChannelPosts(state: PostsState, channelId: string, list: PostList, kind: ListKind): PostsState {
  const posts = { ...state.posts };
  const byThread = { ...state.byThread };
  for (const id of list.order) {
    const post = list.posts[id];
    if (post) upsert(posts, post);
  }
  for (const post of Object.values(list.posts)) {
    if (!posts[post.id]) upsert(posts, post);
    addToThread(byThread, posts, post);
  }
  const inChannel = list.order.filter((id) => list.posts[id]?.channel_id === channelId && list.posts[id]?.delete_at === 0);
  const prev = state.byChannel[channelId];
  let next: ChannelPosts;
  if (!prev || kind === 'around') {
    next = {
      order: inChannel.slice().sort(byCreateAt(posts)),
      reachedOldest: list.prev_post_id === '',
      atLatest: list.next_post_id === '',
    };
  } else if (kind === 'before') {
    next = { ...prev, order: mergeOrder(prev.order, inChannel, posts), reachedOldest: list.prev_post_id === '' };
  } else if (list.prev_post_id !== '' && !inChannel.some((id) => prev.order.includes(id)) && !prev.order.includes(list.prev_post_id)) {
    // The newest page does not touch the loaded window (many missed posts): start a fresh window.
    next = { order: inChannel.slice().sort(byCreateAt(posts)), reachedOldest: false, atLatest: true };
  } else {
    next = {
      order: mergeOrder(prev.order, inChannel, posts),
      reachedOldest: prev.reachedOldest || list.prev_post_id === '',
      atLatest: true,
    };
  }
  if (next.atLatest) next = { ...next, order: mergeOrder(next.order, postedAfter(posts, channelId, newestIn(next.order, posts)), posts) };
  return { ...state, posts, byThread, byChannel: { ...state.byChannel, [channelId]: next } };
}

function newestIn(order: readonly string[], posts: Record<string, Post>): number {
  let newest = 0;
  for (const id of order) newest = Math.max(newest, posts[id]?.create_at ?? 0);
  return newest;
}

/**
 * Posts of the channel already held that are newer than `since`: live ones that arrived while a page was on its way
 * (a `posted` event for a channel whose window is not loaded yet, or one the server sent after it wrote the page),
 * which the newest page cannot contain and which would otherwise never show.
 */
function postedAfter(posts: Record<string, Post>, channelId: string, since: number): string[] {
  return Object.values(posts)
    .filter((p) => p.channel_id === channelId && p.delete_at === 0 && p.create_at > since)
    .map((p) => p.id);
}

/** Replies of a thread (GET /posts/{id}/thread). */
export function receivedThread(state: PostsState, rootId: string, list: PostList): PostsState {
  const posts = { ...state.posts };
  for (const post of Object.values(list.posts)) upsert(posts, post);
  const replies = Object.values(list.posts)
    .filter((p) => p.root_id === rootId && p.delete_at === 0)
    .map((p) => p.id);
  const byThread = { ...state.byThread, [rootId]: mergeOrder(state.byThread[rootId] ?? [], replies, posts) };
  return { ...state, posts, byThread };
}

/**
 * A new post from the composer (optimistic, id === pending_post_id) or from the server
 * (REST answer or `posted` event). The pending copy is replaced in place; a second copy
 * of the same post (REST answer and event both arriving) changes nothing.
 */
export function receivedNewPost(state: PostsState, post: Post): PostsState {
  const posts = { ...state.posts };
  const pendingId = post.pending_post_id;
  const isConfirmation = pendingId !== '' && pendingId !== post.id;
  const replacing = isConfirmation && posts[pendingId] ? pendingId : '';
  if (isConfirmation && state.pending[pendingId] === post.id && posts[post.id]) {
    upsert(posts, post);
    return { ...state, posts };
  }
  if (replacing) delete posts[replacing];
  const existed = Boolean(posts[post.id]);
  upsert(posts, post);
  const swap = (ids: string[]): string[] => {
    let out = replacing ? ids.filter((id) => id !== replacing) : ids;
    if (!out.includes(post.id)) out = mergeOrder(out, [post.id], posts);
    return out;
  };
  const byChannel = { ...state.byChannel };
  const channel = byChannel[post.channel_id];
  if (channel && (channel.atLatest || replacing)) {
    byChannel[post.channel_id] = { ...channel, order: swap(channel.order) };
  }
  const byThread = { ...state.byThread };
  if (post.root_id) byThread[post.root_id] = swap(byThread[post.root_id] ?? []);
  if (post.root_id && !replacing && !existed) {
    const root = posts[post.root_id];
    if (root) {
      const participants = (root.participants as Array<{ id: string }> | undefined) ?? [];
      posts[post.root_id] = {
        ...root,
        reply_count: (root.reply_count ?? 0) + 1,
        last_reply_at: post.create_at,
        participants: participants.some((p) => p.id === post.user_id) ? participants : [...participants, { id: post.user_id }],
      };
    }
  }
  const pending = isConfirmation ? { ...state.pending, [pendingId]: post.id } : state.pending;
  return { ...state, posts, byChannel, byThread, pending };
}

/** A send that failed stays in the list, marked, so the user can retry or delete it. */
export function markPostFailed(state: PostsState, pendingId: string): PostsState {
  const post = state.posts[pendingId];
  if (!post) return state;
  return { ...state, posts: { ...state.posts, [pendingId]: { ...post, failed: true } } };
}

export function receivedEditedPost(state: PostsState, post: Post): PostsState {
  if (!state.posts[post.id]) return state;
  const posts = { ...state.posts };
  upsert(posts, post);
  return { ...state, posts };
}

/** Deleting a root removes its replies too (as the server does). */
export function removedPost(state: PostsState, postId: string): PostsState {
  const post = state.posts[postId];
  if (!post) return state;
  const gone = new Set([postId, ...(state.byThread[postId] ?? [])]);
  const posts = { ...state.posts };
  for (const id of gone) delete posts[id];
  const byChannel = { ...state.byChannel };
  const channel = byChannel[post.channel_id];
  if (channel) byChannel[post.channel_id] = { ...channel, order: channel.order.filter((id) => !gone.has(id)) };
  const byThread = { ...state.byThread };
  delete byThread[postId];
  if (post.root_id && byThread[post.root_id]) {
    byThread[post.root_id] = byThread[post.root_id].filter((id) => id !== postId);
    const root = posts[post.root_id];
    if (root) posts[post.root_id] = { ...root, reply_count: Math.max(0, (root.reply_count ?? 1) - 1) };
  }
  return { ...state, posts, byChannel, byThread };
}

function withReactions(post: Post, reactions: Reaction[]): Post {
  return { ...post, has_reactions: reactions.length > 0, metadata: { ...post.metadata, reactions } } as Post;
}

export function addedReaction(state: PostsState, reaction: Reaction): PostsState {
  const post = state.posts[reaction.post_id];
  if (!post) return state;
  const current = post.metadata?.reactions ?? [];
  if (current.some((r) => r.user_id === reaction.user_id && r.emoji_name === reaction.emoji_name)) return state;
  return { ...state, posts: { ...state.posts, [post.id]: withReactions(post, [...current, reaction]) } };
}

export function removedReaction(state: PostsState, reaction: Reaction): PostsState {
  const post = state.posts[reaction.post_id];
  if (!post) return state;
  const current = post.metadata?.reactions ?? [];
  const next = current.filter((r) => !(r.user_id === reaction.user_id && r.emoji_name === reaction.emoji_name));
  if (next.length === current.length) return state;
  return { ...state, posts: { ...state.posts, [post.id]: withReactions(post, next) } };
}

/** Forget a channel's window (after missed events) so the next visit reloads it. */
export function forgetChannel(state: PostsState, channelId: string): PostsState {
  if (!state.byChannel[channelId]) return state;
  const byChannel = { ...state.byChannel };
  delete byChannel[channelId];
  return { ...state, byChannel };
}

export interface ReactionSummary {
  emoji: string;
  count: number;
  userIds: string[];
  mine: boolean;
}

/** Reactions grouped by emoji, in first-used order. */
export function summarizeReactions(reactions: Reaction[] | undefined, myId: string): ReactionSummary[] {
  const groups = new Map<string, ReactionSummary>();
  for (const r of [...(reactions ?? [])].sort((a, b) => a.create_at - b.create_at)) {
    const g = groups.get(r.emoji_name) ?? { emoji: r.emoji_name, count: 0, userIds: [], mine: false };
    g.count++;
    g.userIds.push(r.user_id);
    if (r.user_id === myId) g.mine = true;
    groups.set(r.emoji_name, g);
  }
  return [...groups.values()];
}
