import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// One-time tokens (Mattermost's Tokens): `type` says what a token is for ('password_recovery' ...), `extra` is
// JSON about whom it is for. A token is used by deleting it (store/sql/tokens.ts), so it works once. The index
// serves the sweep of old tokens of one type.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('tokens')
    .ifNotExists()
    .addColumn('token', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('type', 'varchar(64)', (c) => c.notNull())
    .addColumn('extra', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_tokens_type_create_at').ifNotExists().on('tokens').columns(['type', 'create_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('tokens').ifExists().execute();
}
