import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// The console's user list shows each listed user's posts in a date range: this index reads just those users' posts
// in the range, where otherwise (the only other user_id index is partial) every post would be scanned per page.
export async function up(db: Db): Promise<void> {
  await db.schema.createIndex('idx_posts_user_create_at').ifNotExists().on('posts').columns(['user_id', 'create_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('idx_posts_user_create_at').ifExists().execute();
}
