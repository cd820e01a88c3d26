import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Parley as an OAuth 2.0 provider (Mattermost's OAuthApps, OAuthAuthData, OAuthAccessData).
// - oauth_apps: registered client applications; callback_urls is a JSON array of strings.
// - oauth_auth_data: authorization codes. A code is redeemed by setting used_at (one conditional UPDATE), not by
//   deleting it, so a second use is recognised and can revoke what the first one issued (RFC 6749 §4.1.2).
// - oauth_access_data: one row per issued access token; `token` is the token of the session the client uses.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('oauth_apps')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('creator_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('client_secret', 'varchar(128)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('icon_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('callback_urls', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('homepage', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_trusted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mattermost_app_id', 'varchar(32)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('idx_oauth_apps_creator_id').ifNotExists().on('oauth_apps').column('creator_id').execute();

  await db.schema
    .createTable('oauth_auth_data')
    .ifNotExists()
    .addColumn('code', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('client_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('expires_in', 'integer', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scope', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('code_challenge', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .addColumn('code_challenge_method', 'varchar(16)', (c) => c.notNull().defaultTo(''))
    .addColumn('used_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_oauth_auth_data_create_at').ifNotExists().on('oauth_auth_data').column('create_at').execute();

  await db.schema
    .createTable('oauth_access_data')
    .ifNotExists()
    .addColumn('token', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('refresh_token', 'varchar(26)', (c) => c.notNull().defaultTo(''))
    .addColumn('client_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('scope', 'varchar(128)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('idx_oauth_access_data_client_user').ifNotExists().on('oauth_access_data').columns(['client_id', 'user_id']).execute();
  await db.schema.createIndex('idx_oauth_access_data_refresh_token').ifNotExists().on('oauth_access_data').column('refresh_token').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('oauth_access_data').ifExists().execute();
  await db.schema.dropTable('oauth_auth_data').ifExists().execute();
  await db.schema.dropTable('oauth_apps').ifExists().execute();
}
