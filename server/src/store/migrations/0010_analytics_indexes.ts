import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Statistics count posts and their authors per day over the last month: a range of create_at that this index
// covers on its own (user_id included), so the count reads only that month's index entries, never the posts.
export async function up(db: Db): Promise<void> {
  await db.schema.createIndex('idx_posts_create_at_user').ifNotExists().on('posts').columns(['create_at', 'user_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('idx_posts_create_at_user').ifExists().execute();
}
