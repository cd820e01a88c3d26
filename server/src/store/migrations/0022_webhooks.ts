import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Incoming webhooks (Mattermost's IncomingWebhooks) and outgoing webhooks (OutgoingWebhooks). A deleted hook keeps its
// row with delete_at set, as upstream. Outgoing trigger words and callback URLs are JSON arrays in text.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('incoming_webhooks')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('team_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('description', 'varchar(500)', (c) => c.notNull())
    .addColumn('username', 'varchar(64)', (c) => c.notNull())
    .addColumn('icon_url', 'varchar(1024)', (c) => c.notNull())
    .addColumn('channel_locked', 'integer', (c) => c.notNull())
    .execute();
  // Lists by team (and creator), and the hooks of an archived channel.
  await db.schema.createIndex('idx_incoming_webhooks_team').ifNotExists().on('incoming_webhooks').columns(['team_id', 'create_at']).execute();
  await db.schema.createIndex('idx_incoming_webhooks_user').ifNotExists().on('incoming_webhooks').columns(['user_id', 'create_at']).execute();
  await db.schema.createIndex('idx_incoming_webhooks_channel').ifNotExists().on('incoming_webhooks').column('channel_id').execute();
  await db.schema
    .createTable('outgoing_webhooks')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('token', 'varchar(26)', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull())
    .addColumn('creator_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('team_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('trigger_words', 'text', (c) => c.notNull())
    .addColumn('trigger_when', 'integer', (c) => c.notNull())
    .addColumn('callback_urls', 'text', (c) => c.notNull())
    .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('description', 'varchar(500)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(128)', (c) => c.notNull())
    .addColumn('username', 'varchar(64)', (c) => c.notNull())
    .addColumn('icon_url', 'varchar(1024)', (c) => c.notNull())
    .execute();
  // Every post in a public channel looks up its team's hooks: the index answers that without reading the table.
  await db.schema.createIndex('idx_outgoing_webhooks_team').ifNotExists().on('outgoing_webhooks').columns(['team_id', 'delete_at']).execute();
  await db.schema.createIndex('idx_outgoing_webhooks_channel').ifNotExists().on('outgoing_webhooks').columns(['channel_id', 'create_at']).execute();
  await db.schema.createIndex('idx_outgoing_webhooks_creator').ifNotExists().on('outgoing_webhooks').columns(['creator_id', 'create_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('outgoing_webhooks').ifExists().execute();
  await db.schema.dropTable('incoming_webhooks').ifExists().execute();
}
