import { badParam, forbidden, notFound } from '../model/errors.js';
import type { ChannelRecord, PostRecord } from '../model/types.js';
import type { PostPageOptions } from '../store/posts.js';
import type { Cursor, Store } from '../store/store.js';
import { isSystemAdmin, type Actor } from './actor.js';
import { readableChannel, readableChannelWithMember } from './channel_rules.js';
import type { ConcurrencyLimit } from './concurrency_limit.js';
import type { AppDeps } from './deps.js';
import type { Permissions } from './permissions.js';
import { PostBudget } from './post_budget.js';
import { presentPosts, type PostView } from './post_presenter.js';

// Post lists in Mattermost's PostList shape: `order` newest first, `posts`
// also holding the roots of listed replies, and exact cursors: prev_post_id
// is the next older post beyond the page, next_post_id the next newer one,
// "" when there is none in that direction.
//
// A list holds at most `postListMaxBytes` of post JSON (at least one post),
// whatever the posts carry. A page cut short keeps the posts next to where the
// client asked to start, and its cursors name the first post left out, so a
// client paging with `before=<oldest listed>` / `after=<newest listed>` (as
// Mattermost's clients do, deciding by prev_post_id/next_post_id whether more
// is there) reaches every post exactly once. Offset paging (`page` > 0) is cut
// the same way; its cursors still lead to the posts left out, but page N + 1
// starts where an uncut page N would have ended, so a client walking pages by
// number skips them: offsets cannot say "continue here", and Mattermost's
// clients never walk history by page number.

/** A post list for the wire: each post already serialized once (see PostBudget), the edge only joins the parts. */
export interface PostListPage {
  order: string[];
  /** The listed posts and the roots of listed replies, as JSON, by id. */
  posts: ReadonlyMap<string, string>;
  next_post_id: string;
  prev_post_id: string;
  has_next: boolean;
}

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
/** A channel page is read in chunks of this many posts, then twice as many each time (see fitPage). */
const FIRST_CHUNK_POSTS = 32;

/** The ids of the posts just past a page on either side ('' at an end). */
interface Cursors { next: string; prev: string }
const NO_CURSORS: Cursors = { next: '', prev: '' };

/** Posts that fit a list's budget: `kept` a prefix of those offered, `json` what the list will carry. */
interface Fitted { kept: PostRecord[]; json: ReadonlyMap<string, string> }

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

/**
 * Adds `posts` to `kept`, in order, while the budget takes them and `kept` stays within `max`; returns the first
 * post left out, if any, so what is kept is contiguous with where the list starts.
 */
async function keepWhileFits(budget: PostBudget, views: ReadonlyMap<string, PostView>, posts: readonly PostRecord[], kept: PostRecord[], max: number): Promise<PostRecord | undefined> {
  for (const post of posts) {
    if (kept.length >= max || !(await budget.takeAndYield(views.get(post.id) as PostView))) return post;
    kept.push(post);
  }
  return undefined;
}

export class PostListService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly building: ConcurrencyLimit) {}

  private get store(): Store {
    return this.deps.store;
  }

  /** The page for the client; `cursors` may still be loading. `hasNext` defaults to "there is a newer post". */
  private async page(ordered: readonly PostRecord[], json: ReadonlyMap<string, string>, cursors: Cursors | Promise<Cursors>, hasNext?: boolean): Promise<PostListPage> {
    const { next, prev } = await cursors;
    return { order: ordered.map((p) => p.id), posts: json, next_post_id: next, prev_post_id: prev, has_next: hasNext ?? next !== '' };
  }

  /**
   * Presents the posts `offered` (in the order the list would rather keep them) and keeps those that fit the byte
   * budget, stopping at the first that does not, so what is kept is contiguous with where the list starts.
   */
  private async fit(offered: readonly PostRecord[], viewerId: string): Promise<Fitted> {
    const views = new Map((await this.present(offered, viewerId)).map((v) => [v.id, v]));
    const budget = new PostBudget(this.deps.config.postListMaxBytes, views);
    const kept: PostRecord[] = [];
    await keepWhileFits(budget, views, offered, kept, Infinity);
    return { kept, json: budget.json };
  }

  /**
   * A channel page read in chunks of growing size (32, 64, 128, …) and kept while it fits the budget, so a page of
   * huge posts is read only about as far as the budget reaches, and a page of ordinary ones in one to three reads.
   * `read` continues after `from` (the last post read), or starts the page. `beyond` is the first post past the
   * kept ones (the page's far cursor), when there is one.
   */
  private async fitPage(viewerId: string, perPage: number, read: (from: PostRecord | undefined, limit: number) => Promise<PostRecord[]>): Promise<Fitted & { beyond?: PostRecord }> {
    const views = new Map<string, PostView>();
    const budget = new PostBudget(this.deps.config.postListMaxBytes, views);
    const kept: PostRecord[] = [];
    let from: PostRecord | undefined;
    for (let chunk = FIRST_CHUNK_POSTS; ; chunk *= 2) {
      const wanted = Math.min(chunk, perPage + 1 - kept.length);
      const posts = await read(from, wanted);
      for (const view of await this.present(posts, viewerId)) views.set(view.id, view);
      const beyond = await keepWhileFits(budget, views, posts, kept, perPage);
      if (beyond) return { kept, json: budget.json, beyond };
      if (posts.length < wanted) return { kept, json: budget.json };
      from = posts[posts.length - 1];
    }
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

  channelPosts(actor: Actor, channelId: string, q: ChannelPostsQuery): Promise<PostListPage> {
    return this.building.run(async () => {
      // The `before`/`after` post is read alongside the channel check; it is only used once the check passed.
      const anchorId = q.after ?? q.before;
      const [channel, anchorPost] = await Promise.all([
        readableChannel(this.store, this.permissions, actor, channelId), anchorId === undefined ? undefined : this.store.posts.get(anchorId),
      ]);
      if (q.includeDeleted && !isSystemAdmin(actor)) throw forbidden();
      if (q.since !== undefined) {
        // Cut like the store's own 1,000-post cap: the latest changes are kept.
        const { kept, json } = await this.fit(await this.store.posts.changedSince(channel.id, q.since, MAX_SINCE_POSTS), actor.userId);
        return this.page(kept.sort(newestFirst), json, NO_CURSORS);
      }
      const options: PostPageOptions = { rootsOnly: q.collapsedThreads, includeDeleted: q.includeDeleted, offset: q.page * q.perPage };
      if (q.after !== undefined) {
        const after = this.anchor(channel, anchorPost, 'after');
        // Oldest first from the anchor; the first post past the kept ones (one more than the page, or where the
        // budget stopped) is the page's `next` cursor.
        const { kept, json, beyond } = await this.fitPage(actor.userId, q.perPage, (from, limit) =>
          this.store.posts.pageAfter(channel.id, cursorOf(from ?? after), limit, from ? { ...options, offset: 0 } : options));
        const ordered = [...kept].reverse();
        // On the first page the anchor itself is the next older post, when it is one this page would list.
        const known = { next: beyond?.id ?? '', ...(q.page === 0 && listedWith(after, options) ? { prev: after.id } : {}) };
        const cursors = ordered.length > 0 ? this.neighbours(channel.id, ordered, options, known) : { next: '', prev: q.page === 0 ? after.id : '' };
        return this.page(ordered, json, cursors);
      }
      const before = q.before === undefined ? undefined : this.anchor(channel, anchorPost, 'before');
      // Newest first; the first post past the kept ones (one more than the page, or where the budget stopped) is the
      // page's `prev` cursor. On the first page the next newer post is none (newest posts) or the anchor, when it is
      // one this page would list.
      const start = before && cursorOf(before);
      const { kept: ordered, json, beyond } = await this.fitPage(actor.userId, q.perPage, (from, limit) =>
        this.store.posts.pageBefore(channel.id, from ? cursorOf(from) : start, limit, from ? { ...options, offset: 0 } : options));
      const newerOnFirstPage = before === undefined ? '' : listedWith(before, options) ? before.id : undefined;
      const known = { prev: beyond?.id ?? '', ...(q.page === 0 && newerOnFirstPage !== undefined ? { next: newerOnFirstPage } : {}) };
      const cursors = ordered.length > 0 ? this.neighbours(channel.id, ordered, options, known) : { next: before && q.page === 0 ? before.id : '', prev: '' };
      return this.page(ordered, json, cursors);
    });
  }

  /**
   * The webapp's first load of a channel: the first unread post with `limitBefore` older and `limitAfter` − 1 newer
   * ones. Cut to the budget, the first unread post stays, then the newer ones, then the older ones.
   */
  aroundLastUnread(actor: Actor, userId: string, channelId: string, q: { limitBefore: number; limitAfter: number; collapsedThreads: boolean }): Promise<PostListPage> {
    return this.building.run(async () => {
      if (userId !== actor.userId && !isSystemAdmin(actor)) throw forbidden();
      const { channel, member: callers } = await readableChannelWithMember(this.store, this.permissions, actor, channelId);
      const member = userId === actor.userId ? callers : await this.store.channels.getMember(channel.id, userId);
      if (!member) throw forbidden();
      const options: PostPageOptions = { rootsOnly: q.collapsedThreads };
      // One post more on each side than offered: when the budget keeps everything, those are the page's cursors.
      const { first: firstUnread, before: older, after: newer } = await this.store.posts.aroundTime(
        channel.id, member.last_viewed_at, { before: q.limitBefore + 1, after: q.limitAfter }, options,
      );
      const offeredNewer = newer.slice(0, q.limitAfter - 1);
      const offeredOlder = older.slice(0, q.limitBefore);
      const offered = firstUnread ? [firstUnread, ...offeredNewer, ...offeredOlder] : offeredOlder;
      const { kept, json } = await this.fit(offered, actor.userId);
      const ordered = kept.sort(newestFirst);
      if (ordered.length === 0 || kept.length < offered.length) return this.page(ordered, json, this.neighbours(channel.id, ordered, options));
      return this.page(ordered, json, { next: newer[offeredNewer.length]?.id ?? '', prev: older[offeredOlder.length]?.id ?? '' });
    });
  }

  /** The whole thread of a post: its root and every reply (the oldest first, if the budget cuts it; has_next then). */
  thread(actor: Actor, postId: string): Promise<PostListPage> {
    return this.building.run(async () => {
      const post = await this.store.posts.get(postId);
      if (!post || post.delete_at > 0) throw notFound('post');
      await readableChannel(this.store, this.permissions, actor, post.channel_id);
      const root = post.root_id ? await this.store.posts.get(post.root_id) : post;
      if (!root || root.delete_at > 0) throw notFound('post');
      const offered = [root, ...(await this.store.posts.replies(root.id))];
      const { kept, json } = await this.fit(offered, actor.userId);
      return this.page(kept.sort(newestFirst), json, NO_CURSORS, kept.length < offered.length);
    });
  }

  pinned(actor: Actor, channelId: string): Promise<PostListPage> {
    return this.building.run(async () => {
      const channel = await readableChannel(this.store, this.permissions, actor, channelId);
      const { kept, json } = await this.fit(await this.store.posts.pinned(channel.id), actor.userId);
      return this.page(kept, json, NO_CURSORS);
    });
  }

  /** Saved posts (the flagged_post preference), only from channels the user still belongs to. */
  flagged(actor: Actor, userId: string, q: { teamId?: string; channelId?: string; page: number; perPage: number }): Promise<PostListPage> {
    return this.building.run(async () => {
      if (userId !== actor.userId && !isSystemAdmin(actor)) throw forbidden();
      const posts = await this.store.posts.flagged(userId, { teamId: q.teamId, channelId: q.channelId, offset: q.page * q.perPage, limit: q.perPage });
      const { kept, json } = await this.fit(posts, userId);
      return this.page(kept, json, NO_CURSORS);
    });
  }

  /** The readable posts among `ids`, newest first, each as JSON; as many as the byte budget holds. */
  byIds(actor: Actor, ids: readonly string[]): Promise<string[]> {
    return this.building.run(async () => {
      const posts = await readablePosts(this.store, this.permissions, actor, ids);
      const views = await presentPosts(this.store, posts.sort(newestFirst), actor.userId);
      // No roots ride along here: the answer is a plain array of the posts asked for.
      const budget = new PostBudget(this.deps.config.postListMaxBytes, new Map());
      const json: string[] = [];
      for (const view of views) {
        if (!(await budget.takeAndYield(view))) break;
        json.push(budget.json.get(view.id) as string);
      }
      return json;
    });
  }
}
