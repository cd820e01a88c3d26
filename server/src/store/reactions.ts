import type { ReactionRecord } from '../model/types.js';

export interface ReactionStore {
  /** Saves the reaction; returns false when it already existed. */
  save(reaction: ReactionRecord): Promise<boolean>;
  /** Removes the reaction; returns false when there was none. */
  remove(postId: string, userId: string, emojiName: string): Promise<boolean>;
  /** Removes every reaction with this emoji (a deleted custom emoji) and returns the posts that had one. */
  removeAllNamed(emojiName: string, at: number): Promise<string[]>;
  listForPost(postId: string): Promise<ReactionRecord[]>;
  listForPosts(postIds: readonly string[]): Promise<ReactionRecord[]>;
}
