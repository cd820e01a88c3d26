import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Files the configuration refers to by name (Mattermost's ConfigurationFiles): the SAML IdP certificate and the
// service provider's certificate and private key, uploaded through the API. In the database rather than on a node's
// disk so that every node of a cluster signs people in with the same ones.
// saml_assertions: the assertions already used to sign in (a hash of issuer and assertion id), until they expire, so
// that no node accepts one twice.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('configuration_files')
    .ifNotExists()
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('update_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('saml_assertions')
    .ifNotExists()
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('expire_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_saml_assertions_expire_at').ifNotExists().on('saml_assertions').column('expire_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('saml_assertions').ifExists().execute();
  await db.schema.dropTable('configuration_files').ifExists().execute();
}
