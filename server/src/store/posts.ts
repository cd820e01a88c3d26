import type { ChannelMembership, ChannelRecord, PostRecord, UserRecord } from '../model/types.js';
import type { Cursor } from './store.js';

export interface PostPageOptions {
  /** Only root posts (collapsed reply threads). */
  rootsOnly?: boolean;
  includeDeleted?: boolean;
  /** Rows skipped past the cursor: the API's `page` within a window. */
  offset?: number;
}

/** A channel member whose settings make mention detection more than `@username`. */
export interface MentionSettings {
  userId: string;
  username: string;
  firstName: string;
  userNotifyProps: Record<string, string>;
  memberNotifyProps: Record<string, string>;
}

/** What creating a post reads before it writes. */
export interface PostCreationContext {
  channel?: ChannelRecord;
  /** The author's membership in the channel. */
  member?: ChannelMembership;
  author?: UserRecord;
  /**
   * The channel members the post could mention beyond the channel-wide words: those named in `lookup.usernames`
   * and those with a mention key or (enabled) first name whose first word is among `lookup.words`.
   */
  mentionCandidates: MentionSettings[];
}

/** What a message could mention someone by, lower case: its @names and its words. */
export interface MentionLookup {
  usernames: readonly string[];
  words: readonly string[];
}

export interface FlaggedPostFilter {
  teamId?: string;
  channelId?: string;
  offset: number;
  limit: number;
}

export interface PostWindow {
  first?: PostRecord;
  before: PostRecord[];
  after: PostRecord[];
}

export interface PostStore {
  /**
   * Inserts a new post and counts it, atomically: the channel's totals and last post times, the author's read
   * state, and one mention for each of `mentionedUserIds`. False, with nothing written, when the author already
   * has a post with the same pending_post_id.
   */
  create(post: PostRecord, mentionedUserIds: readonly string[]): Promise<boolean>;
  get(id: string): Promise<PostRecord | undefined>;
  getMany(ids: readonly string[]): Promise<PostRecord[]>;
  getByPendingId(userId: string, pendingPostId: string): Promise<PostRecord | undefined>;
  update(post: PostRecord): Promise<void>;
  /** Keeps `previous` (the post as it was) in the post's edit history, replaced at `replacedAt`. */
  recordEdit(previous: PostRecord, replacedAt: number): Promise<void>;
  /**
   * The post's earlier versions, newest first, as Mattermost returns them: each its own id, `original_id` the
   * post, its content then, and `delete_at`/`update_at` when it was replaced.
   */
  editHistory(postId: string): Promise<PostRecord[]>;
  /** Soft-deletes the post and, for a root, all of its replies. Returns the ids deleted. */
  softDelete(id: string, deleteAt: number): Promise<string[]>;
  setHasReactions(postId: string, hasReactions: boolean, updateAt: number): Promise<void>;
  /** Moves the post's update_at forward to `updateAt` (never back), for a change shown to clients but not an edit. */
  touch(postId: string, updateAt: number): Promise<void>;
  /** Newest-first page of posts older than `before` (or the newest when absent), keyset on (create_at, id). */
  pageBefore(channelId: string, before: Cursor | undefined, limit: number, options?: PostPageOptions): Promise<PostRecord[]>;
  /** Oldest-first page of posts newer than `after`, keyset on (create_at, id). */
  pageAfter(channelId: string, after: Cursor, limit: number, options?: PostPageOptions): Promise<PostRecord[]>;
  /**
   * The oldest post created strictly after `time` (`first`), up to `sizes.before` posts before it (newest first; the
   * newest posts when there is no such post) and up to `sizes.after` after it (oldest first).
   */
  aroundTime(channelId: string, time: number, sizes: { before: number; after: number }, options?: PostPageOptions): Promise<PostWindow>;
  /** Posts created, edited or deleted after `since` (deleted ones included), latest change first. */
  changedSince(channelId: string, since: number, limit: number): Promise<PostRecord[]>;
  /** The root's live replies, oldest first. */
  replies(rootId: string): Promise<PostRecord[]>;
  pinned(channelId: string): Promise<PostRecord[]>;
  countPinned(channelId: string): Promise<number>;
  /** Live posts in `channelId` created at or after `time` — for mark-unread counters. */
  countSince(channelId: string, time: number): Promise<{ all: number; root: number }>;
  /** Live posts the user flagged, in channels they are still a member of, newest first. */
  flagged(userId: string, filter: FlaggedPostFilter): Promise<PostRecord[]>;
  /** Everything creating a post in the channel reads, in one go (one round trip on PostgreSQL). */
  creationContext(channelId: string, userId: string, lookup: MentionLookup): Promise<PostCreationContext>;
  /** Only the mention candidates of creationContext, for a caller that already holds the rest. */
  mentionCandidates(channelId: string, lookup: MentionLookup): Promise<MentionSettings[]>;
  /** Members whose settings may turn channel-wide mentions off for them (reads every member: channel-wide posts only). */
  channelMentionSettings(channelId: string): Promise<MentionSettings[]>;
}
