import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Sign-in methods besides the password (Mattermost's Users.AuthData, and its MFA secret).
// - users.auth_data: the account's id at its directory or identity provider (auth_service names which); one account
//   per (auth_service, auth_data), so a directory entry can never sign in as two accounts.
// - user_mfa: a TOTP secret per user, in a table of its own so no user read ever carries it; last_step is the time
//   step of the last code accepted, so a code cannot be used twice (RFC 6238 §5.2).
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('users').addColumn('auth_data', 'varchar(128)', (c) => c.notNull().defaultTo('')).execute();
  await db.schema
    .createIndex('idx_users_auth_data')
    .ifNotExists()
    .unique()
    .on('users')
    .columns(['auth_service', 'auth_data'])
    .where(sql.ref('auth_data'), '<>', '')
    .execute();

  await db.schema
    .createTable('user_mfa')
    .ifNotExists()
    .addColumn('user_id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('secret', 'varchar(128)', (c) => c.notNull())
    .addColumn('last_step', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('user_mfa').ifExists().execute();
  await db.schema.dropIndex('idx_users_auth_data').ifExists().execute();
  await db.schema.alterTable('users').dropColumn('auth_data').execute();
}
