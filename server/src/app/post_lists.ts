import { badParam, forbidden, notFound } from '../model/errors.js';
import type { ChannelRecord, PostList, PostRecord } from '../model/types.js';
import type { PostPageOptions } from '../store/posts.js';
import type { Cursor, Store } from '../store/store.js';
import { isSystemAdmin, type Actor } from './actor.js';
import { readableChannel } from './channel_rules.js';
import type { AppDeps } from './deps.js';
import type { Permissions } from './permissions.js';
import { presentPosts, type PostView } from './post_presenter.js';

// Post lists in Mattermost's PostList shape: `order` newest first, `posts`
// also holding the roots of listed replies, and exact cursors: prev_post_id
// is the next older post beyond the page, next_post_id the next newer one,
// "" when there is none in that direction.

export type PostListView = PostList & { posts: Record<string, PostView>; has_next: boolean };

export interface ChannelPostsQuery {
  page: number;
  perPage: number;
  before?: string;
  after?: string;
  since?: number;
  includeDeleted: boolean;
  /** Collapsed reply threads: only root posts. */
  collapsedThreads: boolean;
}

const MAX_SINCE_POSTS = 1000;

/** The ids of the posts just past a page on either side ('' at an end). */
interface Cursors { next: string; prev: string }

const cursorOf = (p: PostRecord): Cursor => ({ createAt: p.create_at, id: p.id });
/** Whether a post is one a page with these options lists (the store filters the same way). */
const listedWith = (p: PostRecord, o: PostPageOptions): boolean => (o.includeDeleted === true || p.delete_at === 0) && (!o.rootsOnly || p.root_id === '');
const newestFirst = (a: PostRecord, b: PostRecord): number => b.create_at - a.create_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The listed live posts the caller may read; others are left out. */
export async function readablePosts(store: Store, permissions: Permissions, actor: Actor, ids: readonly string[]): Promise<PostRecord[]> {
  const posts = (await store.posts.getMany(ids)).filter((p) => p.delete_at === 0);
  const readable = new Set<string>();
  for (const channel of await store.channels.getMany([...new Set(posts.map((p) => p.channel_id))])) {
    if (await permissions.canReadChannel(actor, channel)) readable.add(channel.id);
  }
  return posts.filter((p) => readable.has(p.channel_id));
}

export class PostListService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  private get store(): Store {
    return this.deps.store;
  }

  /** The list for the client; `cursors` may still be loading, and is awaited alongside the presentation. */
  private async build(ordered: readonly PostRecord[], viewerId: string, cursors: Cursors | Promise<Cursors>): Promise<PostListView> {
    const [views, { next, prev }] = await Promise.all([this.present(ordered, viewerId), cursors]);
    return {
      order: ordered.map((p) => p.id), posts: Object.fromEntries(views.map((p) => [p.id, p])),
      next_post_id: next, prev_post_id: prev, has_next: next !== '', first_inaccessible_post_time: 0,
    };
  }

  /** The posts with the roots of listed replies that are not listed themselves, in wire form. */
  private async present(ordered: readonly PostRecord[], viewerId: string): Promise<PostView[]> {
    const listed = new Set(ordered.map((p) => p.id));
    const missingRoots = [...new Set(ordered.filter((p) => p.root_id && !listed.has(p.root_id)).map((p) => p.root_id))];
    const roots = await this.store.posts.getMany(missingRoots);
    return presentPosts(this.store, [...ordered, ...roots], viewerId);
  }

  /** The posts just beyond a newest-first page, in the same filtering; a side already `known` is not read again. */
  private async neighbours(channelId: string, ordered: readonly PostRecord[], options: PostPageOptions, known: Partial<Cursors> = {}): Promise<Cursors> {
    const newest = ordered[0];
    const oldest = ordered.at(-1);
    const filters = { rootsOnly: options.rootsOnly, includeDeleted: options.includeDeleted };
    const [newer, older] = await Promise.all([
      newest && known.next === undefined ? this.store.posts.pageAfter(channelId, cursorOf(newest), 1, filters) : Promise.resolve([]),
      oldest && known.prev === undefined ? this.store.posts.pageBefore(channelId, cursorOf(oldest), 1, filters) : Promise.resolve([]),
    ]);
    return { next: known.next ?? newer[0]?.id ?? '', prev: known.prev ?? older[0]?.id ?? '' };
  }

  private anchor(channel: ChannelRecord, post: PostRecord | undefined, name: string): PostRecord {
    if (!post || post.channel_id !== channel.id) throw badParam(name);
    return post;
  }

  async channelPosts(actor: Actor, channelId: string, q: ChannelPostsQuery): Promise<PostListView> {
    // The `before`/`after` post is read alongside the channel check; it is only used once the check passed.
    const anchorId = q.after ?? q.before;
    const [channel, anchorPost] = await Promise.all([
      readableChannel(this.store, this.permissions, actor, channelId), anchorId === undefined ? undefined : this.store.posts.get(anchorId),
    ]);
    if (q.includeDeleted && !isSystemAdmin(actor)) throw forbidden();
    if (q.since !== undefined) {
      const changed = await this.store.posts.changedSince(channel.id, q.since, MAX_SINCE_POSTS);
      return this.build([...changed].sort(newestFirst), actor.userId, { next: '', prev: '' });
    }
    const options: PostPageOptions = { rootsOnly: q.collapsedThreads, includeDeleted: q.includeDeleted, offset: q.page * q.perPage };
    if (q.after !== undefined) {
      const after = this.anchor(channel, anchorPost, 'after');
      // One post more than the page: the next newer one, when there is one, is the page's `next` cursor.
      const fetched = await this.store.posts.pageAfter(channel.id, cursorOf(after), q.perPage + 1, options);
      const ordered = fetched.slice(0, q.perPage).reverse();
      // On the first page the anchor itself is the next older post, when it is one this page would list.
      const known = { next: fetched[q.perPage]?.id ?? '', ...(q.page === 0 && listedWith(after, options) ? { prev: after.id } : {}) };
      const cursors = ordered.length > 0 ? this.neighbours(channel.id, ordered, options, known) : { next: '', prev: q.page === 0 ? after.id : '' };
      return this.build(ordered, actor.userId, cursors);
    }
    const before = q.before === undefined ? undefined : this.anchor(channel, anchorPost, 'before');
    // One post more than the page gives its `prev` cursor. On the first page the next newer post is none (newest
    // posts) or the anchor, when it is one this page would list.
    const fetched = await this.store.posts.pageBefore(channel.id, before && cursorOf(before), q.perPage + 1, options);
    const ordered = fetched.slice(0, q.perPage);
    const newerOnFirstPage = before === undefined ? '' : listedWith(before, options) ? before.id : undefined;
    const known = { prev: fetched[q.perPage]?.id ?? '', ...(q.page === 0 && newerOnFirstPage !== undefined ? { next: newerOnFirstPage } : {}) };
    const cursors = ordered.length > 0 ? this.neighbours(channel.id, ordered, options, known) : { next: before && q.page === 0 ? before.id : '', prev: '' };
    return this.build(ordered, actor.userId, cursors);
  }

  /** The webapp's first load of a channel: the first unread post with `limitBefore` older and `limitAfter` − 1 newer ones. */
  async aroundLastUnread(actor: Actor, userId: string, channelId: string, q: { limitBefore: number; limitAfter: number; collapsedThreads: boolean }): Promise<PostListView> {
    if (userId !== actor.userId && !isSystemAdmin(actor)) throw forbidden();
    const channel = await readableChannel(this.store, this.permissions, actor, channelId);
    const member = await this.store.channels.getMember(channel.id, userId);
    if (!member) throw forbidden();
    const options: PostPageOptions = { rootsOnly: q.collapsedThreads };
    const firstUnread = await this.store.posts.firstAfterTime(channel.id, member.last_viewed_at, options);
    let ordered: PostRecord[];
    if (firstUnread) {
      const [older, newer] = await Promise.all([
        this.store.posts.pageBefore(channel.id, cursorOf(firstUnread), q.limitBefore, options),
        this.store.posts.pageAfter(channel.id, cursorOf(firstUnread), q.limitAfter - 1, options),
      ]);
      ordered = [...newer.reverse(), firstUnread, ...older];
    } else {
      ordered = await this.store.posts.pageBefore(channel.id, undefined, q.limitBefore, options);
    }
    return this.build(ordered, actor.userId, this.neighbours(channel.id, ordered, options));
  }

  /** The whole thread of a post: its root and every reply. */
  async thread(actor: Actor, postId: string): Promise<PostListView> {
    const post = await this.store.posts.get(postId);
    if (!post || post.delete_at > 0) throw notFound('post');
    await readableChannel(this.store, this.permissions, actor, post.channel_id);
    const root = post.root_id ? await this.store.posts.get(post.root_id) : post;
    if (!root || root.delete_at > 0) throw notFound('post');
    const replies = await this.store.posts.replies(root.id);
    return this.build([root, ...replies].sort(newestFirst), actor.userId, { next: '', prev: '' });
  }

  async pinned(actor: Actor, channelId: string): Promise<PostListView> {
    const channel = await readableChannel(this.store, this.permissions, actor, channelId);
    return this.build(await this.store.posts.pinned(channel.id), actor.userId, { next: '', prev: '' });
  }

  /** Saved posts (the flagged_post preference), only from channels the user still belongs to. */
  async flagged(actor: Actor, userId: string, q: { teamId?: string; channelId?: string; page: number; perPage: number }): Promise<PostListView> {
    if (userId !== actor.userId && !isSystemAdmin(actor)) throw forbidden();
    const posts = await this.store.posts.flagged(userId, { teamId: q.teamId, channelId: q.channelId, offset: q.page * q.perPage, limit: q.perPage });
    return this.build(posts, userId, { next: '', prev: '' });
  }

  async byIds(actor: Actor, ids: readonly string[]): Promise<PostView[]> {
    const posts = await readablePosts(this.store, this.permissions, actor, ids);
    return presentPosts(this.store, posts.sort(newestFirst), actor.userId);
  }
}
