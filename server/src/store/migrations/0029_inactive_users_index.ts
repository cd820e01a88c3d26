import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Few users are deactivated: a partial index lists them (each node's set of inactive users, reloaded every ten
// minutes, and the admin statistics) without reading every user.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('idx_users_inactive')
    .ifNotExists()
    .on('users')
    .column('id')
    .where(sql<boolean>`delete_at > 0`)
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('idx_users_inactive').ifExists().execute();
}
