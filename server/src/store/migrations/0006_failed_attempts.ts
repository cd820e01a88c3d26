import type { Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Failed password attempts since the last success (Mattermost's Users.FailedAttempts):
// at ServiceSettings.MaximumLoginAttempts the account is locked until its password is reset.
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('users').addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('users').dropColumn('failed_attempts').execute();
}
