import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

// A retried create with the same pending_post_id must find the first post, even
// when both requests race: a unique partial index makes the database decide.
export async function up(db: Db): Promise<void> {
  await db.schema.dropIndex('idx_posts_user_pending').ifExists().execute();
  await db.schema
    .createIndex('uq_posts_user_pending')
    .ifNotExists()
    .unique()
    .on('posts')
    .columns(['user_id', 'pending_post_id'])
    .where(sql<boolean>`pending_post_id <> ''`)
    .execute();
  // The followed-threads list of a user is ordered by the thread's last reply.
  await db.schema.createIndex('idx_threads_channel_last_reply').ifNotExists().on('threads').columns(['channel_id', 'last_reply_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('idx_threads_channel_last_reply').ifExists().execute();
  await db.schema.dropIndex('uq_posts_user_pending').ifExists().execute();
  await db.schema.createIndex('idx_posts_user_pending').ifNotExists().on('posts').columns(['user_id', 'pending_post_id']).execute();
}
