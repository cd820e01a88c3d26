import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Custom slash commands (Mattermost's Commands) and the response URLs a command's integration may answer on later
// (CommandWebhooks): each is tied to the run that issued it, and expires by age and by its number of uses.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('commands')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('token', 'varchar(26)', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull())
    .addColumn('creator_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('team_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('trigger', 'varchar(128)', (c) => c.notNull())
    .addColumn('method', 'varchar(1)', (c) => c.notNull())
    .addColumn('username', 'varchar(64)', (c) => c.notNull())
    .addColumn('icon_url', 'varchar(1024)', (c) => c.notNull())
    .addColumn('auto_complete', 'integer', (c) => c.notNull())
    .addColumn('auto_complete_desc', 'varchar(1024)', (c) => c.notNull())
    .addColumn('auto_complete_hint', 'varchar(1024)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('description', 'varchar(128)', (c) => c.notNull())
    .addColumn('url', 'varchar(1024)', (c) => c.notNull())
    .execute();
  // Running a command looks its trigger up in the caller's team.
  await db.schema.createIndex('idx_commands_team_trigger').ifNotExists().on('commands').columns(['team_id', 'trigger']).execute();
  await db.schema
    .createTable('command_webhooks')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('command_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('root_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('use_count', 'integer', (c) => c.notNull())
    .execute();
  // Expired response URLs are swept by age.
  await db.schema.createIndex('idx_command_webhooks_create_at').ifNotExists().on('command_webhooks').column('create_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('command_webhooks').ifExists().execute();
  await db.schema.dropTable('commands').ifExists().execute();
}
