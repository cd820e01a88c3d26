import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Editable roles and permission schemes (Mattermost's Roles and Schemes tables). The built-in roles are seeded by the
// app at start, not here, so a release can add one without a migration. A team or channel with scheme_id '' follows
// the system scheme.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('roles')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('description', 'varchar(1024)', (c) => c.notNull().defaultTo(''))
    .addColumn('permissions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scheme_managed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('schemes')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('description', 'varchar(1024)', (c) => c.notNull().defaultTo(''))
    .addColumn('scope', 'varchar(32)', (c) => c.notNull())
    .addColumn('default_team_admin_role', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('default_team_user_role', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('default_team_guest_role', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('default_channel_admin_role', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('default_channel_user_role', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('default_channel_guest_role', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .addColumn('delete_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('idx_schemes_scope').ifNotExists().on('schemes').columns(['scope', 'delete_at']).execute();

  await db.schema.alterTable('teams').addColumn('scheme_id', 'varchar(26)', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('channels').addColumn('scheme_id', 'varchar(26)', (c) => c.notNull().defaultTo('')).execute();
  // Schemes in use are few; these find them (the permission cache reads them all at start) and list a scheme's teams.
  await db.schema.createIndex('idx_teams_scheme_id').ifNotExists().on('teams').column('scheme_id').execute();
  await db.schema.createIndex('idx_channels_scheme_id').ifNotExists().on('channels').column('scheme_id').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('idx_channels_scheme_id').ifExists().execute();
  await db.schema.dropIndex('idx_teams_scheme_id').ifExists().execute();
  await db.schema.alterTable('channels').dropColumn('scheme_id').execute();
  await db.schema.alterTable('teams').dropColumn('scheme_id').execute();
  await db.schema.dropTable('schemes').ifExists().execute();
  await db.schema.dropTable('roles').ifExists().execute();
}
