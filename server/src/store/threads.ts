import type { ThreadMembershipRecord, ThreadRecord } from '../model/types.js';

export interface ThreadStore {
  get(postId: string): Promise<ThreadRecord | undefined>;
  getMany(postIds: readonly string[]): Promise<ThreadRecord[]>;
  save(thread: ThreadRecord): Promise<void>;
  remove(postId: string): Promise<void>;
  getMembership(postId: string, userId: string): Promise<ThreadMembershipRecord | undefined>;
  getMemberships(userId: string, postIds: readonly string[]): Promise<ThreadMembershipRecord[]>;
  saveMembership(membership: ThreadMembershipRecord): Promise<void>;
  listFollowers(postId: string): Promise<string[]>;
  /** Followed threads of the user in the given channels, newest activity first. */
  listFollowed(userId: string, options: { channelIds: readonly string[]; before?: number; limit: number }): Promise<ThreadMembershipRecord[]>;
}
