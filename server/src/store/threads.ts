import type { ThreadMembershipRecord, ThreadRecord } from '../model/types.js';
import type { Cursor } from './store.js';

export interface FollowedThreadQuery {
  /** The channels the user may read threads in. */
  channelIds: readonly string[];
  /** Keyset on (last_reply_at, post_id): threads with older activity than the cursor. */
  before?: Cursor;
  /** Threads with newer activity than the cursor. */
  after?: Cursor;
  unreadOnly?: boolean;
  /** Only threads whose membership changed at or after this time. */
  since?: number;
  limit: number;
}

export interface FollowedThreadTotals {
  total: number;
  unreadThreads: number;
  unreadMentions: number;
}

export interface UnreadReplyCount {
  postId: string;
  userId: string;
  count: number;
}

export interface ThreadStore {
  get(postId: string): Promise<ThreadRecord | undefined>;
  getMany(postIds: readonly string[]): Promise<ThreadRecord[]>;
  save(thread: ThreadRecord): Promise<void>;
  /** Removes the thread and its memberships. */
  remove(postId: string): Promise<void>;
  /** Counts a new reply (reply_count, last_reply_at, participants) without losing concurrent replies. */
  recordReply(rootId: string, channelId: string, userId: string, createAt: number): Promise<ThreadRecord>;
  getMembership(postId: string, userId: string): Promise<ThreadMembershipRecord | undefined>;
  getMemberships(userId: string, postIds: readonly string[]): Promise<ThreadMembershipRecord[]>;
  /** Memberships of one thread, optionally only of some users or only the followers. */
  listMemberships(postId: string, options: { userIds?: readonly string[]; followingOnly?: boolean }): Promise<ThreadMembershipRecord[]>;
  saveMembership(membership: ThreadMembershipRecord): Promise<void>;
  /** A new reply: every follower but its author sees the thread updated. */
  touchFollowers(postId: string, exceptUserId: string, at: number): Promise<void>;
  /** One more unread mention for each listed follower. */
  addMentions(postId: string, userIds: readonly string[]): Promise<void>;
  /** Followed threads with replies, latest reply first. */
  listFollowed(userId: string, query: FollowedThreadQuery): Promise<ThreadMembershipRecord[]>;
  countFollowed(userId: string, channelIds: readonly string[]): Promise<FollowedThreadTotals>;
  /** Live replies each (post, user) membership has not viewed yet. */
  unreadReplies(postIds: readonly string[], userIds: readonly string[]): Promise<UnreadReplyCount[]>;
  /** Forgets the user's follows and read state of every thread in the channel (they left it). */
  removeMembershipsInChannel(userId: string, channelId: string): Promise<void>;
  /** Marks every followed thread in the channels read. */
  markAllRead(userId: string, channelIds: readonly string[], at: number): Promise<void>;
}
