import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Few posts are pinned: a partial index serves the pinned list and count, and,
// unlike the old (channel_id, is_pinned) index, the planner never mistakes it
// for a way into channel history.
export async function up(db: Db): Promise<void> {
  await db.schema.dropIndex('idx_posts_channel_pinned').ifExists().execute();
  await db.schema
    .createIndex('idx_posts_pinned')
    .ifNotExists()
    .on('posts')
    .columns(['channel_id', 'create_at'])
    .where(sql<boolean>`is_pinned = 1`)
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('idx_posts_pinned').ifExists().execute();
  await db.schema.createIndex('idx_posts_channel_pinned').ifNotExists().on('posts').columns(['channel_id', 'is_pinned']).execute();
}
