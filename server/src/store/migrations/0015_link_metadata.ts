import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// What a link previews as (Mattermost's LinkMetadata): one row per URL, keyed by the URL's SHA-256 so the key stays
// short whatever the URL's length. `type` is 'opengraph', 'image' or 'none' (nothing to show; kept briefly).
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('link_metadata')
    .ifNotExists()
    .addColumn('hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'bigint', (c) => c.notNull())
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('link_metadata').ifExists().execute();
}
