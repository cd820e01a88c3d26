import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// post_reminders: "remind me about this message" (Mattermost's PostReminders), one per user and post; setting a new
// one replaces the old. The reminder is sent by a job due at target_time, which checks the row is still the same.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('post_reminders')
    .ifNotExists()
    .addColumn('post_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('target_time', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pk_post_reminders', ['post_id', 'user_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('post_reminders').ifExists().execute();
}
