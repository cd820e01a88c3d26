import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Earlier versions of edited posts, for the author's edit history. Kept apart
// from posts so channel history, `since` sync and counts never see them.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('post_edits')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('post_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('props', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('file_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('hashtags', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('edit_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('replaced_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_post_edits_post').ifNotExists().on('post_edits').columns(['post_id', 'replaced_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('post_edits').ifExists().execute();
}
