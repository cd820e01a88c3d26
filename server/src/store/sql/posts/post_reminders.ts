import type { Kysely } from 'kysely';
import type { PostReminderRecord, PostReminderStore } from '../../posts/post_reminders.js';
import type { Database } from '../schema.js';

export class SqlPostReminderStore implements PostReminderStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(reminder: PostReminderRecord): Promise<void> {
    await this.db.insertInto('post_reminders').values(reminder)
      .onConflict((oc) => oc.columns(['post_id', 'user_id']).doUpdateSet({ target_time: reminder.target_time }))
      .execute();
  }

  async get(postId: string, userId: string): Promise<PostReminderRecord | undefined> {
    const row = await this.db.selectFrom('post_reminders').selectAll().where('post_id', '=', postId).where('user_id', '=', userId).executeTakeFirst();
    return row && { ...row, target_time: Number(row.target_time) };
  }

  async take(reminder: PostReminderRecord): Promise<boolean> {
    const result = await this.db.deleteFrom('post_reminders')
      .where('post_id', '=', reminder.post_id).where('user_id', '=', reminder.user_id).where('target_time', '=', reminder.target_time)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
