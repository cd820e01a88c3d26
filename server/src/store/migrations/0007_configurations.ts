import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// The config document written through the API (Mattermost's Configurations table): one active row, earlier
// versions kept as history. Every node of a cluster reads it from here.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('configurations')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_configurations_create_at').ifNotExists().on('configurations').column('create_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('configurations').ifExists().execute();
}
