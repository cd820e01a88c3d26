import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Custom emoji (Mattermost's Emoji table). Deletion is soft, as upstream, so a name is unique only among live
// emoji: the partial unique index lets a deleted emoji's name be used again, and serves lookups by name.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('emoji')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('creator_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('uq_emoji_name').ifNotExists().unique().on('emoji').column('name')
    .where(sql<boolean>`delete_at = 0`).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('emoji').ifExists().execute();
}
