/** A user's "remind me about this message" (migration 0028_post_reminders); at most one per user and post. */
export interface PostReminderRecord {
  post_id: string;
  user_id: string;
  /** When to remind (ms). */
  target_time: number;
}

export interface PostReminderStore {
  /** Saves the reminder, replacing the user's earlier one for the same post. */
  save(reminder: PostReminderRecord): Promise<void>;
  /** The user's reminder for the post, if any. */
  get(postId: string, userId: string): Promise<PostReminderRecord | undefined>;
  /** Removes the reminder only if it is still the one due at `targetTime` (a newer one replaced it otherwise). */
  take(reminder: PostReminderRecord): Promise<boolean>;
}
