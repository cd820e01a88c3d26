import { AppError, badParam, forbidden, notFound } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import type { ChannelRecord, PostRecord, ThreadMembershipRecord, ThreadRecord, UserProfile, UserThread } from '../model/types.js';
import type { Store } from '../store/store.js';
import { isSystemAdmin, type Actor } from './actor.js';
import { readableChannel } from './channel_rules.js';
import type { ConcurrencyLimit } from './concurrency_limit.js';
import type { AppDeps } from './deps.js';
import { countMentions } from './mentions.js';
import type { Permissions } from './permissions.js';
import { eventLoopPacer } from './post_budget.js';
import { presentPost, presentPosts, type PostView } from './post_presenter.js';
import { sanitizeUser } from './users.js';

// Collapsed reply threads: the thread row counts replies; each user's
// membership says whether they follow it, what they have read and how many
// mentions wait for them there.

export type UserThreadView = UserThread & { post: PostView };

/** A page of followed threads for the wire: each thread already serialized once, while it was measured. */
export interface UserThreadListPage {
  threads: string[];
  total: number;
  total_unread_threads: number;
  total_unread_mentions: number;
  total_unread_urgent_mentions: number;
}

export interface ThreadListQuery {
  before?: string;
  after?: string;
  perPage: number;
  unread: boolean;
  since?: number;
  extended: boolean;
  totalsOnly: boolean;
  threadsOnly: boolean;
}

const threadNotFound = (): AppError => new AppError('app.thread.get.app_error', 'Unable to find the thread.', 404);

export class ThreadService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly listSlots: ConcurrencyLimit) {}

  private get store(): Store {
    return this.deps.store;
  }

  /**
   * Inside the reply's transaction: counts the reply, makes the author, the
   * root's author and the mentioned members follow (unless they unfollowed,
   * or are no longer in the channel), and marks it unread for the other
   * followers. Returns the followers.
   */
  async recordReply(tx: Store, root: PostRecord, reply: PostRecord, mentioned: readonly string[]): Promise<{ thread: ThreadRecord; followers: ThreadMembershipRecord[] }> {
    const at = reply.create_at;
    const thread = await tx.threads.recordReply(root.id, root.channel_id, reply.user_id, at);
    const interested = [...new Set([root.user_id, ...mentioned])].filter((id) => id !== reply.user_id);
    const known = new Set((await tx.threads.listMemberships(root.id, { userIds: interested })).map((m) => m.user_id));
    await tx.threads.touchFollowers(root.id, reply.user_id, at);
    await tx.threads.addMentions(root.id, mentioned.filter((id) => known.has(id)));
    const newcomers = interested.filter((id) => !known.has(id));
    // The root's author may have left the channel since; leaving dropped their follow, and a reply must not restore it.
    const members = new Set((await tx.channels.getMembersByIds(root.channel_id, newcomers)).map((m) => m.user_id));
    for (const userId of newcomers.filter((id) => members.has(id))) {
      await tx.threads.saveMembership({
        post_id: root.id, user_id: userId, following: true, last_viewed: 0, last_updated: at,
        unread_mentions: mentioned.includes(userId) ? 1 : 0,
      });
    }
    await tx.threads.saveMembership({ post_id: root.id, user_id: reply.user_id, following: true, last_viewed: at, last_updated: at, unread_mentions: 0 });
    return { thread, followers: await tx.threads.listMemberships(root.id, { followingOnly: true }) };
  }

  /** Inside a delete's transaction: the thread's counters follow its remaining replies. */
  async recountAfterDelete(tx: Store, rootId: string): Promise<void> {
    const thread = await tx.threads.get(rootId);
    if (!thread) return;
    const replies = await tx.posts.replies(rootId);
    await tx.threads.save({
      ...thread, reply_count: replies.length, last_reply_at: replies.at(-1)?.create_at ?? 0,
      participants: [...new Set(replies.map((r) => r.user_id))],
    });
  }

  /**
   * After the reply commits: every follower's thread list learns about it.
   * The event carries the root's text and goes to each follower by user id, so
   * channel membership is checked again here: someone removed from the channel
   * while the reply was written must not get it.
   */
  async publishReply(root: PostRecord, thread: ThreadRecord, allFollowers: readonly ThreadMembershipRecord[]): Promise<void> {
    if (allFollowers.length === 0) return;
    const members = new Set((await this.store.channels.getMembersByIds(root.channel_id, allFollowers.map((f) => f.user_id))).map((m) => m.user_id));
    const followers = allFollowers.filter((f) => members.has(f.user_id));
    if (followers.length === 0) return;
    const [post, unread] = await Promise.all([
      presentPost(this.store, root),
      this.store.threads.unreadReplies([root.id], followers.map((f) => f.user_id)),
    ]);
    const unreadByUser = new Map(unread.map((u) => [u.userId, u.count]));
    for (const membership of followers) {
      const view = this.userThread(membership, thread, post, unreadByUser.get(membership.user_id) ?? 0);
      this.deps.bus.publish(makeEvent('thread_updated', { thread: JSON.stringify(view) }, { user_id: membership.user_id }));
    }
  }

  private userThread(m: ThreadMembershipRecord, thread: ThreadRecord | undefined, post: PostView, unreadReplies: number, participants?: UserProfile[]): UserThreadView {
    return {
      id: m.post_id, reply_count: thread?.reply_count ?? 0, last_reply_at: thread?.last_reply_at ?? 0,
      last_viewed_at: m.last_viewed, participants: participants ?? (thread?.participants ?? []).map((id) => ({ id })),
      unread_replies: unreadReplies, unread_mentions: m.unread_mentions, is_following: m.following,
      post: { ...post, is_following: m.following },
    };
  }

  private async participantProfiles(actor: Actor, threads: readonly ThreadRecord[]): Promise<Map<string, UserProfile>> {
    const ids = [...new Set(threads.flatMap((t) => t.participants))];
    const viewer = { userId: actor.userId, admin: isSystemAdmin(actor) };
    return new Map((await this.store.users.getMany(ids)).map((u) => [u.id, sanitizeUser(u, viewer, this.deps.config)]));
  }

  private async views(actor: Actor, userId: string, memberships: readonly ThreadMembershipRecord[], extended: boolean): Promise<UserThreadView[]> {
    const ids = memberships.map((m) => m.post_id);
    const [threads, roots, unread] = await Promise.all([
      this.store.threads.getMany(ids), this.store.posts.getMany(ids), this.store.threads.unreadReplies(ids, [userId]),
    ]);
    const threadById = new Map(threads.map((t) => [t.post_id, t]));
    const postById = new Map((await presentPosts(this.store, roots, userId)).map((p) => [p.id, p]));
    const unreadById = new Map(unread.map((u) => [u.postId, u.count]));
    const profiles = extended ? await this.participantProfiles(actor, threads) : undefined;
    return memberships.flatMap((m) => {
      const post = postById.get(m.post_id);
      if (!post) return [];
      const thread = threadById.get(m.post_id);
      const participants = profiles && (thread?.participants ?? []).flatMap((id) => profiles.get(id) ?? []);
      return [this.userThread(m, thread, post, unreadById.get(m.post_id) ?? 0, participants)];
    });
  }

  private async requireSelf(actor: Actor, userId: string, teamId: string): Promise<void> {
    if (userId !== actor.userId && !isSystemAdmin(actor)) throw forbidden();
    await this.permissions.requireTeam(actor, teamId, 'view_team');
  }

  /** The channels whose threads the user sees in the team: its channels plus their DMs and GMs. */
  private async channelIds(userId: string, teamId: string): Promise<string[]> {
    return (await this.store.channels.listForUser(userId, { teamId, includeDeleted: true })).map((c) => c.id);
  }

  private async cursor(threadId: string | undefined, name: string): Promise<{ createAt: number; id: string } | undefined> {
    if (threadId === undefined) return undefined;
    const thread = await this.store.threads.get(threadId);
    if (!thread) throw badParam(name);
    return { createAt: thread.last_reply_at, id: thread.post_id };
  }

  /**
   * A page of the user's followed threads. Each carries its root post, so the page is cut, like a post list, once its
   * roots pass `postListMaxBytes` (at least one thread stays); `total` still counts them all, so clients ask for more.
   */
  list(actor: Actor, userId: string, teamId: string, q: ThreadListQuery): Promise<UserThreadListPage> {
    return this.listSlots.run(async () => {
      await this.requireSelf(actor, userId, teamId);
      const channelIds = await this.channelIds(userId, teamId);
      const [before, after] = await Promise.all([this.cursor(q.before, 'before'), this.cursor(q.after, 'after')]);
      const [memberships, totals] = await Promise.all([
        q.totalsOnly ? [] : this.store.threads.listFollowed(userId, { channelIds, before, after, unreadOnly: q.unread, since: q.since, limit: q.perPage }),
        q.threadsOnly ? { total: 0, unreadThreads: 0, unreadMentions: 0 } : this.store.threads.countFollowed(userId, channelIds),
      ]);
      return {
        threads: await withinBytes(await this.views(actor, userId, memberships, q.extended), this.deps.config.postListMaxBytes), total: totals.total,
        total_unread_threads: totals.unreadThreads, total_unread_mentions: totals.unreadMentions, total_unread_urgent_mentions: 0,
      };
    });
  }


  /** The thread's root, readable by the caller and belonging to the team (or a DM/GM). */
  private async threadRoot(actor: Actor, teamId: string, threadId: string): Promise<{ root: PostRecord; channel: ChannelRecord }> {
    const root = await this.store.posts.get(threadId);
    if (!root || root.delete_at > 0 || root.root_id !== '') throw threadNotFound();
    const channel = await readableChannel(this.store, this.permissions, actor, root.channel_id);
    if (channel.team_id !== teamId && channel.team_id !== '') throw threadNotFound();
    return { root, channel };
  }

  private async view(actor: Actor, userId: string, membership: ThreadMembershipRecord, extended = false): Promise<UserThreadView> {
    const [view] = await this.views(actor, userId, [membership], extended);
    if (!view) throw threadNotFound();
    return view;
  }

  async get(actor: Actor, userId: string, teamId: string, threadId: string, extended: boolean): Promise<UserThreadView> {
    await this.requireSelf(actor, userId, teamId);
    await this.threadRoot(actor, teamId, threadId);
    const membership = await this.store.threads.getMembership(threadId, userId);
    if (!membership) throw threadNotFound();
    return this.view(actor, userId, membership, extended);
  }

  async setFollowing(actor: Actor, userId: string, teamId: string, threadId: string, following: boolean): Promise<void> {
    await this.requireSelf(actor, userId, teamId);
    await this.threadRoot(actor, teamId, threadId);
    const now = Date.now();
    const existing = await this.store.threads.getMembership(threadId, userId);
    await this.store.threads.saveMembership(existing
      ? { ...existing, following, last_updated: now }
      : { post_id: threadId, user_id: userId, following, last_viewed: now, last_updated: now, unread_mentions: 0 });
    const thread = await this.store.threads.get(threadId);
    this.deps.bus.publish(makeEvent('thread_follow_changed', { thread_id: threadId, state: following, reply_count: thread?.reply_count ?? 0 }, { user_id: userId }));
  }

  /** Sets what the user has read of the thread; mentions after that point stay unread. */
  private async setLastViewed(actor: Actor, userId: string, teamId: string, threadId: string, viewedAt: number): Promise<UserThreadView> {
    const { channel } = await this.threadRoot(actor, teamId, threadId);
    const unseen = (await this.store.posts.replies(threadId)).filter((p) => p.create_at > viewedAt);
    const existing = await this.store.threads.getMembership(threadId, userId);
    const membership: ThreadMembershipRecord = {
      post_id: threadId, user_id: userId, following: existing?.following ?? false, last_viewed: viewedAt,
      last_updated: Date.now(), unread_mentions: await countMentions(this.store, channel, userId, unseen),
    };
    await this.store.threads.saveMembership(membership);
    const view = await this.view(actor, userId, membership);
    this.deps.bus.publish(makeEvent('thread_read_changed', {
      thread_id: threadId, channel_id: channel.id, timestamp: viewedAt, unread_mentions: view.unread_mentions, unread_replies: view.unread_replies,
    }, { user_id: userId }));
    return view;
  }

  async markRead(actor: Actor, userId: string, teamId: string, threadId: string, timestamp: number): Promise<UserThreadView> {
    await this.requireSelf(actor, userId, teamId);
    return this.setLastViewed(actor, userId, teamId, threadId, timestamp);
  }

  async markUnreadFrom(actor: Actor, userId: string, teamId: string, threadId: string, postId: string): Promise<UserThreadView> {
    await this.requireSelf(actor, userId, teamId);
    const post = await this.store.posts.get(postId);
    if (!post || post.delete_at > 0 || (post.id !== threadId && post.root_id !== threadId)) throw notFound('post');
    return this.setLastViewed(actor, userId, teamId, threadId, post.create_at - 1);
  }

  async markAllRead(actor: Actor, userId: string, teamId: string): Promise<void> {
    await this.requireSelf(actor, userId, teamId);
    const now = Date.now();
    await this.store.threads.markAllRead(userId, await this.channelIds(userId, teamId), now);
    this.deps.bus.publish(makeEvent('thread_read_changed', { timestamp: now }, { user_id: userId }));
  }
}

/**
 * The JSON of the leading threads that fit `maxBytes` (the first always does), serialized once here for the edge to
 * join, pausing for the event loop as it goes.
 */
async function withinBytes(threads: UserThreadView[], maxBytes: number): Promise<string[]> {
  const pace = eventLoopPacer();
  let bytes = 0;
  const kept: string[] = [];
  for (const thread of threads) {
    const json = JSON.stringify(thread);
    const size = Buffer.byteLength(json);
    bytes += size;
    if (kept.length > 0 && bytes > maxBytes) break;
    kept.push(json);
    await pace(size);
  }
  return kept;
}
