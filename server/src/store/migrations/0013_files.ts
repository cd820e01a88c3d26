import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Uploaded files (Mattermost's FileInfo). The hot reads: a page of posts' files (post_id), file search within the
// channels a user belongs to, newest first (channel_id, create_at), and a user's own uploads (creator_id, create_at),
// for `from:` searches and for finding a user's unattached uploads.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('file_infos')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('creator_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('post_id', 'varchar(26)', (c) => c.notNull().defaultTo(''))
    .addColumn('channel_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('thumbnail_path', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('preview_path', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('extension', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('width', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('height', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('has_preview_image', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mini_preview', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('remote_id', 'varchar(26)', (c) => c.notNull().defaultTo(''))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_file_infos_post').ifNotExists().on('file_infos').columns(['post_id', 'create_at']).execute();
  await db.schema.createIndex('idx_file_infos_channel_create').ifNotExists().on('file_infos').columns(['channel_id', 'create_at']).execute();
  await db.schema.createIndex('idx_file_infos_creator_create').ifNotExists().on('file_infos').columns(['creator_id', 'create_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('file_infos').ifExists().execute();
}
