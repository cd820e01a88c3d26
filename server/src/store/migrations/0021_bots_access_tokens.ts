import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Bot accounts (Mattermost's Bots: the bot's own user row holds its name; this row its description and owner) and
// personal access tokens (UserAccessTokens). `token` holds the SHA-256 of the secret, never the secret: a token is
// shown once, at creation, and looked up by its hash on every request that presents it.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('bots')
    .ifNotExists()
    .addColumn('user_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(190)', (c) => c.notNull())
    .addColumn('last_icon_update', 'bigint', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull())
    .execute();
  // A user's bots (GET /bots for an owner, disabling them when the owner is deactivated).
  await db.schema.createIndex('idx_bots_owner').ifNotExists().on('bots').columns(['owner_id', 'create_at']).execute();
  await db.schema
    .createTable('user_access_tokens')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('token', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_user_access_tokens_user').ifNotExists().on('user_access_tokens').column('user_id').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('user_access_tokens').ifExists().execute();
  await db.schema.dropTable('bots').ifExists().execute();
}
