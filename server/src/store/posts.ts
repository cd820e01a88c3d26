import type { PostRecord } from '../model/types.js';
import type { Cursor } from './store.js';

export interface PostStore {
  create(post: PostRecord): Promise<void>;
  get(id: string): Promise<PostRecord | undefined>;
  getMany(ids: readonly string[]): Promise<PostRecord[]>;
  getByPendingId(userId: string, pendingPostId: string): Promise<PostRecord | undefined>;
  update(post: PostRecord): Promise<void>;
  /** Soft-deletes the post and, for a root, all of its replies. Returns the ids deleted. */
  softDelete(id: string, deleteAt: number): Promise<string[]>;
  /** Newest-first page of live posts older than `before` (or the newest when absent). */
  pageBefore(channelId: string, before: Cursor | undefined, limit: number): Promise<PostRecord[]>;
  /** Oldest-first page of live posts newer than `after`. */
  pageAfter(channelId: string, after: Cursor, limit: number): Promise<PostRecord[]>;
  /** Newest-first page by offset (the API's page/per_page). */
  pageByOffset(channelId: string, offset: number, limit: number): Promise<PostRecord[]>;
  /** Posts created, edited or deleted after `since`, oldest first. */
  changedSince(channelId: string, since: number, limit: number): Promise<PostRecord[]>;
  /** The root's live replies, oldest first. */
  replies(rootId: string): Promise<PostRecord[]>;
  pinned(channelId: string): Promise<PostRecord[]>;
  countPinned(channelId: string): Promise<number>;
  /** Live posts in `channelId` created after `time` — for mark-unread counters. */
  countSince(channelId: string, time: number): Promise<{ all: number; root: number }>;
}
